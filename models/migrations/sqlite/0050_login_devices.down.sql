-- Forgets the browsers people signed in from: every browser is an unknown one
-- again, throttled with the account, until its next sign-in.
DROP TABLE login_devices;
