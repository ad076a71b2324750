DROP TABLE moderation_actions;
DROP TABLE moderation_flags;
DROP TABLE moderation_items;
DROP TABLE comments;
DROP INDEX proposals_hidden;
ALTER TABLE proposals DROP COLUMN hidden_at;
