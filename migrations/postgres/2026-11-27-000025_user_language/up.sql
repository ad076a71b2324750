-- The language a person chose (en, cy), for the emails we send them when
-- they are not at a page to carry a cookie. NULL: the place's default.
ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('en', 'cy'));
