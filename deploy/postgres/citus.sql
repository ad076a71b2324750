-- Distributing coproduce's PostgreSQL schema with Citus, by tenant.
--
-- Every table a place owns has tenant_id in its primary key, its unique
-- keys and its foreign keys (tests/it/schema.rs checks this against the
-- catalogue, and that every table is listed here exactly once), so rows of
-- one place live together on one worker and every query of a request, which
-- always names its tenant, runs on one node. `tenants` and `tenant_hosts`
-- are small and read on every request (hostname -> place): they are
-- reference tables, copied to every node.
--
-- Run once, on the coordinator, after `coproduce migrate` has created the
-- schema and before the data grows large (distributing moves every row):
--
--   psql "$DATABASE_URL" -f deploy/postgres/citus.sql
--
-- Tables are listed so that every table comes after the tables it refers
-- to. New tenant-owned tables are added to this file in the same change as
-- their migration (the schema test fails until they are). The diesel
-- migrations table (__diesel_schema_migrations) stays a local table on the
-- coordinator. See deploy/README.md, "Scale-out path".

CREATE EXTENSION IF NOT EXISTS citus;

-- Reference tables: a full copy on every node.
SELECT create_reference_table('tenants');
SELECT create_reference_table('tenant_hosts');

-- Distributed tables, sharded by tenant_id and colocated with `users`.
SELECT create_distributed_table('users', 'tenant_id');
SELECT create_distributed_table('account_tokens', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('areas', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('organisations', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('assets', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('asset_messages', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('audit_events', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('boards', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('board_assets', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('board_events', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('board_members', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('board_organisations', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('proposals', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('board_proposals', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('board_requests', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('comments', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('stories', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('consent_receipts', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('story_consents', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('consent_receipt_grants', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('evaluation_invitations', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('evaluation_ratings', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('follows', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('idempotency_keys', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('moderation_items', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('moderation_actions', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('moderation_flags', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('notification_digest_items', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('notification_settings', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('organisation_invitation_sends', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('organisation_invitations', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('organisation_join_requests', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('organisation_members', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('outbox', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('place_settings', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('place_stories', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('polls', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('poll_ballots', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('poll_options', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('poll_voters', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('postcodes', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('profiles', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('proposal_assets', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('proposal_coauthors', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('proposal_counts', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('proposal_events', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('proposal_revisions', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('proposal_supports', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('proposal_tags', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('recovery_codes', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('residency_attempts', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('residency_requests', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('residency_verifications', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('resident_areas', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('sessions', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('spent_refresh_tokens', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('story_assists', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('story_consent_requests', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('story_exports', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('story_uses', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('vouching_codes', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('workshops', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('workshop_attendance', 'tenant_id', colocate_with => 'users');
SELECT create_distributed_table('workshop_rsvps', 'tenant_id', colocate_with => 'users');
