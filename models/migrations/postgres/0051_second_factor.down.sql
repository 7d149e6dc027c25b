-- Drops every account's second factor, its recovery codes and the sign-ins
-- waiting for a code: accounts sign in with a password alone again.
DROP TABLE sign_in_challenges;
DROP TABLE recovery_codes;
DROP TABLE second_factors;
