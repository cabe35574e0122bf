-- Standards and peer feedback: versioned rubrics, feedback requests with
-- their invites, and two-phase reviews with scores per criterion. Keep in
-- step with migrations/postgres/0005_feedback.sql. Times are UTC text in
-- the fixed-width layout 2006-01-02T15:04:05.000000Z. Every reference to
-- tenant data carries org_id, so nothing can point into another
-- organisation.

-- A rubric across its versions. builtin is the key of a shipped default
-- ('' for an organisation's own), so defaults are added once per org.
CREATE TABLE rubrics (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs (id),
	builtin    TEXT NOT NULL DEFAULT '',
	motion     TEXT NOT NULL CHECK (motion IN ('discovery', 'outbound', 'demo', 'objection_handling',
		'negotiation', 'next_steps', 'qualification')),
	retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
	created_at TEXT NOT NULL,
	UNIQUE (org_id, id)
);
CREATE UNIQUE INDEX rubrics_builtin ON rubrics (org_id, builtin) WHERE builtin <> '';

-- One version of a rubric; editing adds a row, never changes one.
CREATE TABLE rubric_versions (
	id          INTEGER PRIMARY KEY,
	org_id      INTEGER NOT NULL,
	rubric_id   INTEGER NOT NULL,
	version     INTEGER NOT NULL CHECK (version >= 1),
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	created_by  INTEGER,
	created_at  TEXT NOT NULL,
	UNIQUE (org_id, id),
	UNIQUE (org_id, rubric_id, version),
	FOREIGN KEY (org_id, rubric_id) REFERENCES rubrics (org_id, id),
	FOREIGN KEY (org_id, created_by) REFERENCES people (org_id, id)
);

-- The criteria of a version, in order; anchors is a JSON array of the five
-- level descriptions.
CREATE TABLE rubric_criteria (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	version_id INTEGER NOT NULL,
	seq        INTEGER NOT NULL,
	key        TEXT NOT NULL,
	name       TEXT NOT NULL,
	behaviour  TEXT NOT NULL,
	anchors    TEXT NOT NULL,
	weight     INTEGER NOT NULL DEFAULT 0 CHECK (weight BETWEEN 0 AND 100),
	UNIQUE (org_id, id),
	UNIQUE (version_id, key),
	FOREIGN KEY (org_id, version_id) REFERENCES rubric_versions (org_id, id)
);
CREATE INDEX rubric_criteria_version ON rubric_criteria (org_id, version_id, seq);

-- A rep's request for feedback on a call (call_id; no foreign key, so that
-- the owner may still delete the call) or a pasted artefact.
CREATE TABLE feedback_requests (
	id                INTEGER PRIMARY KEY,
	org_id            INTEGER NOT NULL REFERENCES orgs (id),
	requester_id      INTEGER NOT NULL,
	title             TEXT NOT NULL,
	ask               TEXT NOT NULL DEFAULT '',
	call_id           INTEGER,
	artefact_kind     TEXT NOT NULL DEFAULT '' CHECK (artefact_kind IN ('', 'email', 'deal_plan')),
	artefact_text     TEXT NOT NULL DEFAULT '',
	rubric_id         INTEGER NOT NULL,
	version_id        INTEGER NOT NULL,
	anonymous         INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
	due_at            TEXT NOT NULL,
	observations_read INTEGER NOT NULL DEFAULT 0,
	created_at        TEXT NOT NULL,
	UNIQUE (org_id, id),
	CHECK ((call_id IS NULL) <> (artefact_kind = '')),
	FOREIGN KEY (org_id, requester_id) REFERENCES people (org_id, id),
	FOREIGN KEY (org_id, rubric_id) REFERENCES rubrics (org_id, id),
	FOREIGN KEY (org_id, version_id) REFERENCES rubric_versions (org_id, id)
);
CREATE INDEX feedback_requests_requester ON feedback_requests (org_id, requester_id, due_at);
CREATE INDEX feedback_requests_call ON feedback_requests (org_id, call_id);

-- The peers asked, and their answers.
CREATE TABLE feedback_invites (
	org_id       INTEGER NOT NULL,
	request_id   INTEGER NOT NULL,
	person_id    INTEGER NOT NULL,
	status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
	responded_at TEXT,
	PRIMARY KEY (request_id, person_id),
	FOREIGN KEY (org_id, request_id) REFERENCES feedback_requests (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id)
);
CREATE INDEX feedback_invites_person ON feedback_invites (org_id, person_id);

-- One reviewer's review of a request. ref is random: people and the API
-- name reviews by it, so that nothing reveals their order.
CREATE TABLE feedback_reviews (
	id               INTEGER PRIMARY KEY,
	ref              TEXT NOT NULL UNIQUE,
	org_id           INTEGER NOT NULL,
	request_id       INTEGER NOT NULL,
	reviewer_id      INTEGER NOT NULL,
	highlights       TEXT NOT NULL DEFAULT '',
	improvements     TEXT NOT NULL DEFAULT '',
	recommendations  TEXT NOT NULL DEFAULT '',
	observed_at      TEXT,
	recommended_at   TEXT,
	helpfulness      INTEGER NOT NULL DEFAULT 0 CHECK (helpfulness BETWEEN 0 AND 5),
	helpfulness_note TEXT NOT NULL DEFAULT '',
	rated_at         TEXT,
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL,
	UNIQUE (org_id, id),
	UNIQUE (request_id, reviewer_id),
	CHECK (recommended_at IS NULL OR observed_at IS NOT NULL),
	FOREIGN KEY (org_id, request_id) REFERENCES feedback_requests (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, reviewer_id) REFERENCES people (org_id, id)
);
CREATE INDEX feedback_reviews_reviewer ON feedback_reviews (org_id, reviewer_id);

-- A review's score (0: skipped) and note on one criterion.
CREATE TABLE review_scores (
	org_id       INTEGER NOT NULL,
	review_id    INTEGER NOT NULL,
	criterion_id INTEGER NOT NULL,
	score        INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 5),
	note         TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (review_id, criterion_id),
	FOREIGN KEY (org_id, review_id) REFERENCES feedback_reviews (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, criterion_id) REFERENCES rubric_criteria (org_id, id)
);
