-- The key store lives in a database of its own, never the main one, so a
-- backup of the main database holds no usable keys (deploy/README.md).
CREATE DATABASE coproduce_keys OWNER coproduce;
