ALTER TABLE story_consents DROP COLUMN assisted_by;
ALTER TABLE stories DROP COLUMN assisted_by;
DROP TABLE story_assists;
