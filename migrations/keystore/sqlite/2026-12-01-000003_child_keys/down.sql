DROP TABLE child_keys;
