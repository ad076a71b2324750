DROP TABLE place_settings;
DROP TABLE areas;
