-- An optional AI summary of a call and a suggested coaching focus, as a JSON
-- document; NULL until a language model is configured and has run.
ALTER TABLE calls ADD COLUMN summary TEXT;
