DROP INDEX areas_by_name;
