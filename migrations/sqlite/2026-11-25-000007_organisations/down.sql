DROP TABLE organisation_members;
DROP TABLE organisations;
