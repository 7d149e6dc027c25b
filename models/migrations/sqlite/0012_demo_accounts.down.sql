-- Demo accounts are no longer told apart from the others.

DROP TABLE demo_accounts;
