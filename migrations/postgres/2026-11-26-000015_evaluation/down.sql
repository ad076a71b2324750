ALTER TABLE place_settings DROP COLUMN open_data_licence;
DROP TABLE evaluation_ratings;
DROP TABLE evaluation_invitations;
DROP TABLE resident_areas;
DROP TABLE proposal_assets;
