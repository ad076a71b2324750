-- Pages list a place's areas by name on every list and form (the area
-- filter): in this order the database reads them without sorting.
CREATE INDEX areas_by_name ON areas (tenant_id, name, id);
