ALTER TABLE outbox DROP COLUMN reply_to;
DROP TABLE asset_messages;
DROP TABLE assets;
