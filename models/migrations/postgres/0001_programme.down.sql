DROP TABLE office_contacts;
DROP TABLE outcomes;
DROP TABLE collaboration_tasks;
DROP TABLE exchange_pairs;
DROP TABLE positions;
DROP TABLE rounds;
DROP TABLE ministries;
