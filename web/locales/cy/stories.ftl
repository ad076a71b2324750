# stories
