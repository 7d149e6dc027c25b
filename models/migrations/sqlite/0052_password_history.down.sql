-- Forgets the previous passwords of every account: any of them may be chosen again.
DROP TABLE password_history;
