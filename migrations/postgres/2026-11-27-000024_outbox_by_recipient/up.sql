-- A person's export and erasure find their emails by recipient; without
-- this they read the whole outbox (2.5 s for one export in a place of
-- 10,000 people, issue 10).
CREATE INDEX outbox_by_recipient ON outbox (tenant_id, recipient, created_at);
