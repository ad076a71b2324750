DROP TABLE organisation_join_requests;
DROP TABLE organisation_members;
DROP TABLE organisations;
