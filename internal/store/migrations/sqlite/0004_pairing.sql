-- Peer pairing: self-assessed skill standings, the pairing opt-out, and
-- pairing rounds with their pairs. Keep in step with
-- migrations/postgres/0004_pairing.sql. Times are UTC text in the
-- fixed-width layout 2006-01-02T15:04:05.000000Z. Every reference to
-- tenant data carries org_id, so nothing can point into another
-- organisation.

-- A person's own 1–5 rating on a criterion; a criterion left blank has no row.
CREATE TABLE person_skills (
	org_id     INTEGER NOT NULL,
	person_id  INTEGER NOT NULL,
	criterion  TEXT NOT NULL,
	score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	updated_at TEXT NOT NULL,
	PRIMARY KEY (org_id, person_id, criterion),
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);

-- Per-person preferences; a person without a row has the defaults.
CREATE TABLE person_prefs (
	org_id          INTEGER NOT NULL,
	person_id       INTEGER NOT NULL,
	pairing_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (pairing_opt_out IN (0, 1)),
	updated_at      TEXT NOT NULL,
	PRIMARY KEY (org_id, person_id),
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);

-- A round of pairing: what was asked (options, JSON), the engine's totals
-- and the rest of its answer (result, JSON: groups, people left out).
CREATE TABLE pairing_rounds (
	id            INTEGER PRIMARY KEY,
	org_id        INTEGER NOT NULL REFERENCES orgs (id),
	created_by    INTEGER NOT NULL,
	created_at    TEXT NOT NULL,
	scope_kind    TEXT NOT NULL CHECK (scope_kind IN ('org', 'team', 'region')),
	scope_value   TEXT NOT NULL DEFAULT '',
	mode          TEXT NOT NULL CHECK (mode IN ('pairs', 'groups')),
	options       TEXT NOT NULL,
	status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
	published_at  TEXT,
	total_weight  REAL NOT NULL DEFAULT 0,
	greedy_weight REAL NOT NULL DEFAULT 0,
	random_weight REAL NOT NULL DEFAULT 0,
	result        TEXT NOT NULL,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, created_by) REFERENCES people (org_id, id)
);
CREATE INDEX pairing_rounds_created ON pairing_rounds (org_id, created_at, id);
CREATE INDEX pairing_rounds_status ON pairing_rounds (org_id, status, published_at);

-- A proposed pair of a round; a coach may drop it before publishing.
CREATE TABLE pairing_pairs (
	id       INTEGER PRIMARY KEY,
	org_id   INTEGER NOT NULL,
	round_id INTEGER NOT NULL,
	person_a INTEGER NOT NULL,
	person_b INTEGER NOT NULL,
	weight   REAL NOT NULL DEFAULT 0,
	reasons  TEXT NOT NULL DEFAULT '[]',
	state    TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'dropped')),
	UNIQUE (org_id, id),
	CHECK (person_a <> person_b),
	FOREIGN KEY (org_id, round_id) REFERENCES pairing_rounds (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, person_a) REFERENCES people (org_id, id),
	FOREIGN KEY (org_id, person_b) REFERENCES people (org_id, id)
);
CREATE INDEX pairing_pairs_round ON pairing_pairs (org_id, round_id, id);
CREATE INDEX pairing_pairs_a ON pairing_pairs (org_id, person_a);
CREATE INDEX pairing_pairs_b ON pairing_pairs (org_id, person_b);
