-- Rituals: the organisation's own ritual templates, groups with their
-- members and recurring schedule, the sessions of those schedules with
-- attendance, items members bring and action items, commitments with
-- check-ins, and calendar feed tokens. Keep in step with
-- migrations/postgres/0006_rituals.sql. Times are UTC text in the
-- fixed-width layout 2006-01-02T15:04:05.000000Z. Every reference to
-- tenant data carries org_id, so nothing can point into another
-- organisation.

-- An organisation's override of a built-in template (same key) or a
-- template of its own; the template itself is a JSON document.
CREATE TABLE ritual_templates (
	org_id     INTEGER NOT NULL REFERENCES orgs (id),
	key        TEXT NOT NULL,
	doc        TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (org_id, key)
);

-- A circle, clinic, pod or pair. The schedule is an RRULE with a first
-- occurrence as a local wall clock (start_local, "2006-01-02T15:04") in
-- time_zone; rrule is '' until the group has one.
CREATE TABLE ritual_groups (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs (id),
	name         TEXT NOT NULL,
	template_key TEXT NOT NULL,
	ground_rules TEXT NOT NULL DEFAULT '[]',
	video_link   TEXT NOT NULL DEFAULT '',
	created_by   INTEGER NOT NULL,
	rrule        TEXT NOT NULL DEFAULT '',
	start_local  TEXT NOT NULL DEFAULT '',
	time_zone    TEXT NOT NULL DEFAULT 'UTC',
	minutes      INTEGER NOT NULL DEFAULT 0,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, created_by) REFERENCES people (org_id, id)
);

-- Membership, kept after leaving (left_at) for the record.
CREATE TABLE ritual_members (
	org_id      INTEGER NOT NULL,
	group_id    INTEGER NOT NULL,
	person_id   INTEGER NOT NULL,
	joined_at   TEXT NOT NULL,
	left_at     TEXT,
	accepted_at TEXT,
	PRIMARY KEY (group_id, person_id),
	FOREIGN KEY (org_id, group_id) REFERENCES ritual_groups (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);
CREATE INDEX ritual_members_person ON ritual_members (org_id, person_id);

-- One occurrence of a group's series skipped or moved.
CREATE TABLE ritual_exceptions (
	org_id     INTEGER NOT NULL,
	group_id   INTEGER NOT NULL,
	occurrence TEXT NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('skip', 'move')),
	moved_to   TEXT,
	PRIMARY KEY (group_id, occurrence),
	FOREIGN KEY (org_id, group_id) REFERENCES ritual_groups (org_id, id) ON DELETE CASCADE
);

-- A materialised occurrence: its agenda (JSON) is a snapshot of the
-- template's when it was created.
CREATE TABLE ritual_sessions (
	id             INTEGER PRIMARY KEY,
	org_id         INTEGER NOT NULL,
	group_id       INTEGER NOT NULL,
	occurrence     TEXT NOT NULL,
	starts_at      TEXT NOT NULL,
	minutes        INTEGER NOT NULL,
	facilitator_id INTEGER,
	agenda         TEXT NOT NULL DEFAULT '[]',
	notes          TEXT NOT NULL DEFAULT '',
	video_link     TEXT NOT NULL DEFAULT '',
	started_at     TEXT,
	ended_at       TEXT,
	skipped        INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	UNIQUE (org_id, id),
	UNIQUE (group_id, occurrence),
	FOREIGN KEY (org_id, group_id) REFERENCES ritual_groups (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, facilitator_id) REFERENCES people (org_id, id)
);
CREATE INDEX ritual_sessions_starts ON ritual_sessions (org_id, starts_at);

CREATE TABLE ritual_attendance (
	org_id     INTEGER NOT NULL,
	session_id INTEGER NOT NULL,
	person_id  INTEGER NOT NULL,
	PRIMARY KEY (session_id, person_id),
	FOREIGN KEY (org_id, session_id) REFERENCES ritual_sessions (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);

-- What a member brings in advance: a deal or one of their calls.
CREATE TABLE ritual_items (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	session_id INTEGER NOT NULL,
	person_id  INTEGER NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('deal', 'call')),
	deal_name  TEXT NOT NULL DEFAULT '',
	stage      TEXT NOT NULL DEFAULT '',
	amount     REAL,
	blocker    TEXT NOT NULL DEFAULT '',
	call_id    INTEGER,
	note       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	FOREIGN KEY (org_id, session_id) REFERENCES ritual_sessions (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id),
	FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE
);
CREATE INDEX ritual_items_session ON ritual_items (org_id, session_id, id);

CREATE TABLE ritual_actions (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	session_id INTEGER NOT NULL,
	owner_id   INTEGER NOT NULL,
	text       TEXT NOT NULL,
	done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
	created_at TEXT NOT NULL,
	FOREIGN KEY (org_id, session_id) REFERENCES ritual_sessions (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, owner_id) REFERENCES people (org_id, id)
);
CREATE INDEX ritual_actions_session ON ritual_actions (org_id, session_id, id);

-- A promise to a peer (peer_id) or to a group (group_id), never both.
CREATE TABLE commitments (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	person_id  INTEGER NOT NULL,
	group_id   INTEGER,
	peer_id    INTEGER,
	session_id INTEGER,
	text       TEXT NOT NULL,
	due        TEXT NOT NULL,
	target     REAL,
	progress   REAL NOT NULL DEFAULT 0,
	status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'missed', 'dropped')),
	closed_at  TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (org_id, id),
	CHECK ((group_id IS NULL) <> (peer_id IS NULL)),
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id),
	FOREIGN KEY (org_id, group_id) REFERENCES ritual_groups (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, peer_id) REFERENCES people (org_id, id),
	FOREIGN KEY (org_id, session_id) REFERENCES ritual_sessions (org_id, id) ON DELETE SET NULL
);
CREATE INDEX commitments_person ON commitments (org_id, person_id, status);
CREATE INDEX commitments_group ON commitments (org_id, group_id, status);
CREATE INDEX commitments_peer ON commitments (org_id, peer_id, status);

CREATE TABLE commitment_checkins (
	id            INTEGER PRIMARY KEY,
	org_id        INTEGER NOT NULL,
	commitment_id INTEGER NOT NULL,
	at            TEXT NOT NULL,
	progress      REAL NOT NULL,
	note          TEXT NOT NULL DEFAULT '',
	FOREIGN KEY (org_id, commitment_id) REFERENCES commitments (org_id, id) ON DELETE CASCADE
);
CREATE INDEX commitment_checkins_commitment ON commitment_checkins (org_id, commitment_id, at);

-- The hash of a person's secret calendar feed address; one per person.
CREATE TABLE calendar_tokens (
	org_id     INTEGER NOT NULL,
	person_id  INTEGER NOT NULL,
	hash       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	PRIMARY KEY (org_id, person_id),
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);
