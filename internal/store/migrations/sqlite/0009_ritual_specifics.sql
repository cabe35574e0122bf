-- Ritual specifics: what each ritual adds to a session. Keep in step with
-- migrations/postgres/0009_ritual_specifics.sql. Times are UTC text in the
-- fixed-width layout 2006-01-02T15:04:05.000000Z, dates 'YYYY-MM-DD'.
-- Every reference to tenant data carries org_id.

-- Items members bring gain three kinds with a text: a challenge (the
-- micro-coaching breakout), an objection (the objection forum) and a story
-- (the success showcase). SQLite cannot change a CHECK constraint, so the
-- table is rebuilt; nothing refers to it yet.
CREATE TABLE ritual_items_new (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	session_id INTEGER NOT NULL,
	person_id  INTEGER NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('deal', 'call', 'challenge', 'objection', 'story')),
	deal_name  TEXT NOT NULL DEFAULT '',
	stage      TEXT NOT NULL DEFAULT '',
	amount     REAL,
	blocker    TEXT NOT NULL DEFAULT '',
	call_id    INTEGER,
	text       TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, session_id) REFERENCES ritual_sessions (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id),
	FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE
);
INSERT INTO ritual_items_new (id, org_id, session_id, person_id, kind, deal_name, stage, amount, blocker, call_id, note, created_at)
	SELECT id, org_id, session_id, person_id, kind, deal_name, stage, amount, blocker, call_id, note, created_at FROM ritual_items;
DROP TABLE ritual_items;
ALTER TABLE ritual_items_new RENAME TO ritual_items;
CREATE INDEX ritual_items_session ON ritual_items (org_id, session_id, id);

-- An action item may come from an item (a deal of the clinic); taking the
-- item back clears the link (the store does it in the same transaction).
CREATE TABLE ritual_actions_new (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	session_id INTEGER NOT NULL,
	owner_id   INTEGER NOT NULL,
	item_id    INTEGER,
	text       TEXT NOT NULL,
	done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
	created_at TEXT NOT NULL,
	FOREIGN KEY (org_id, session_id) REFERENCES ritual_sessions (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, owner_id) REFERENCES people (org_id, id),
	FOREIGN KEY (org_id, item_id) REFERENCES ritual_items (org_id, id)
);
INSERT INTO ritual_actions_new (id, org_id, session_id, owner_id, text, done, created_at)
	SELECT id, org_id, session_id, owner_id, text, done, created_at FROM ritual_actions;
DROP TABLE ritual_actions;
ALTER TABLE ritual_actions_new RENAME TO ritual_actions;
CREATE INDEX ritual_actions_session ON ritual_actions (org_id, session_id, id);

-- A skill swap session: who teaches, the skills (a JSON list of short
-- names) and the cheat sheet as Markdown (rendered safely on display).
CREATE TABLE skill_swaps (
	org_id      INTEGER NOT NULL,
	session_id  INTEGER NOT NULL PRIMARY KEY,
	teacher_id  INTEGER NOT NULL,
	skills      TEXT NOT NULL DEFAULT '[]',
	cheat_sheet TEXT NOT NULL DEFAULT '',
	updated_at  TEXT NOT NULL,
	FOREIGN KEY (org_id, session_id) REFERENCES ritual_sessions (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, teacher_id) REFERENCES people (org_id, id)
);

-- A member's confidence in one skill, 1–5, before or after the session.
CREATE TABLE skill_survey_answers (
	org_id      INTEGER NOT NULL,
	session_id  INTEGER NOT NULL,
	person_id   INTEGER NOT NULL,
	skill       TEXT NOT NULL,
	phase       TEXT NOT NULL CHECK (phase IN ('before', 'after')),
	score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	answered_at TEXT NOT NULL,
	PRIMARY KEY (session_id, person_id, skill, phase),
	FOREIGN KEY (org_id, session_id) REFERENCES ritual_sessions (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);

-- A peer shadowing week of a pair: five working days from starts_on.
CREATE TABLE shadowing_weeks (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	group_id   INTEGER NOT NULL,
	starts_on  TEXT NOT NULL,
	created_by INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (org_id, id),
	UNIQUE (group_id, starts_on),
	FOREIGN KEY (org_id, group_id) REFERENCES ritual_groups (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, created_by) REFERENCES people (org_id, id)
);

-- One learning goal per person and week.
CREATE TABLE shadowing_goals (
	org_id     INTEGER NOT NULL,
	week_id    INTEGER NOT NULL,
	person_id  INTEGER NOT NULL,
	text       TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (week_id, person_id),
	FOREIGN KEY (org_id, week_id) REFERENCES shadowing_weeks (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);

-- The daily debrief log: what I observed, what I will try.
CREATE TABLE shadowing_debriefs (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	week_id    INTEGER NOT NULL,
	day        TEXT NOT NULL,
	author_id  INTEGER NOT NULL,
	observed   TEXT NOT NULL,
	will_try   TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	FOREIGN KEY (org_id, week_id) REFERENCES shadowing_weeks (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, author_id) REFERENCES people (org_id, id)
);
CREATE INDEX shadowing_debriefs_week ON shadowing_debriefs (org_id, week_id, day, id);

-- The mutual feedback log: from one member of the pair to the other.
CREATE TABLE shadowing_feedback (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	week_id    INTEGER NOT NULL,
	from_id    INTEGER NOT NULL,
	to_id      INTEGER NOT NULL,
	text       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	CHECK (from_id <> to_id),
	FOREIGN KEY (org_id, week_id) REFERENCES shadowing_weeks (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, from_id) REFERENCES people (org_id, id),
	FOREIGN KEY (org_id, to_id) REFERENCES people (org_id, id)
);
CREATE INDEX shadowing_feedback_week ON shadowing_feedback (org_id, week_id, id);
