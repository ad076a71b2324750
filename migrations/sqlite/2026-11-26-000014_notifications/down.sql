ALTER TABLE outbox DROP COLUMN list_unsubscribe;
DROP TABLE notification_digest_items;
DROP TABLE notification_settings;
DROP TABLE follows;
