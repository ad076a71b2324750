DROP TABLE story_consent_requests;
DROP TABLE story_uses;
DROP TABLE story_consents;
DROP TABLE stories;
