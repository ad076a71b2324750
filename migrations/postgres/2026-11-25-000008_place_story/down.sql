DROP TABLE place_stories;
