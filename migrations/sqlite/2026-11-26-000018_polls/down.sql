DROP TABLE poll_voters;
DROP TABLE poll_ballots;
DROP TABLE poll_options;
DROP TABLE polls;
