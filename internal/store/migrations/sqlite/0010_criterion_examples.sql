-- Examples of great: a stretch of a call linked to a rubric criterion,
-- shown on the rubric page once the call's owner consents. Keep in step
-- with migrations/postgres/0010_criterion_examples.sql. Times are UTC text
-- in the fixed-width layout 2006-01-02T15:04:05.000000Z. Every reference
-- to tenant data carries org_id, so nothing can point into another
-- organisation.

-- criterion_key names the criterion across the rubric's versions. Deleting
-- the call deletes its examples (ON DELETE CASCADE): the owner consented to
-- an excerpt of a call that no longer exists. owner_id is the call's owner
-- when the example was proposed: the one person who may consent. A stretch
-- is unique per proposer, not overall: two people may propose the same
-- moment without either learning of the other's hidden proposal (the
-- service refuses a duplicate only when the proposer can see the first).
CREATE TABLE criterion_examples (
	id            INTEGER PRIMARY KEY,
	org_id        INTEGER NOT NULL REFERENCES orgs (id),
	rubric_id     INTEGER NOT NULL,
	criterion_key TEXT NOT NULL,
	call_id       INTEGER NOT NULL,
	owner_id      INTEGER NOT NULL,
	proposer_id   INTEGER NOT NULL,
	start_s       REAL NOT NULL,
	end_s         REAL NOT NULL,
	note          TEXT NOT NULL,
	status        TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'declined')),
	created_at    TEXT NOT NULL,
	decided_at    TEXT,
	UNIQUE (org_id, id),
	UNIQUE (org_id, rubric_id, criterion_key, call_id, start_s, end_s, proposer_id),
	CHECK (start_s >= 0 AND end_s > start_s AND end_s - start_s <= 180),
	FOREIGN KEY (org_id, rubric_id) REFERENCES rubrics (org_id, id),
	FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, owner_id) REFERENCES people (org_id, id),
	FOREIGN KEY (org_id, proposer_id) REFERENCES people (org_id, id)
);
CREATE INDEX criterion_examples_rubric ON criterion_examples (org_id, rubric_id, status);
CREATE INDEX criterion_examples_owner ON criterion_examples (org_id, owner_id, status);
CREATE INDEX criterion_examples_proposer ON criterion_examples (org_id, proposer_id);
