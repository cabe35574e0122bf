-- Skill profiles: a person's ratings of themselves per rubric criterion.
-- Keep in step with migrations/postgres/0007_skill_profiles.sql. Times are
-- UTC text in the fixed-width layout 2006-01-02T15:04:05.000000Z.
-- Criteria are named by key, which stays the same across a rubric's
-- versions, so a rating outlives an edit of the rubric. A new rating adds
-- a row; the history is the trend.
CREATE TABLE self_assessments (
	id            INTEGER PRIMARY KEY,
	org_id        INTEGER NOT NULL REFERENCES orgs (id),
	person_id     INTEGER NOT NULL,
	rubric_id     INTEGER NOT NULL,
	criterion_key TEXT NOT NULL CHECK (criterion_key <> ''),
	score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	rated_at      TEXT NOT NULL,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id),
	FOREIGN KEY (org_id, rubric_id) REFERENCES rubrics (org_id, id)
);
CREATE INDEX self_assessments_person ON self_assessments (org_id, person_id, rated_at);
