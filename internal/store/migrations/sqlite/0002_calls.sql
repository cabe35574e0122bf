-- Calls with their sharing, comments and snippets; per-organisation
-- settings; background jobs. Keep in step with
-- migrations/postgres/0002_calls.sql. Times are UTC text in the fixed-width
-- layout 2006-01-02T15:04:05.000000Z. Every reference to tenant data
-- carries org_id, so nothing can point into another organisation.

CREATE TABLE calls (
	id                INTEGER PRIMARY KEY,
	org_id            INTEGER NOT NULL REFERENCES orgs (id),
	owner_id          INTEGER NOT NULL,
	title             TEXT NOT NULL,
	occurred_at       TEXT NOT NULL,
	source            TEXT NOT NULL DEFAULT '',
	file_name         TEXT NOT NULL DEFAULT '',
	format            TEXT NOT NULL DEFAULT '',
	status            TEXT NOT NULL CHECK (status IN ('ready', 'transcribing', 'failed')),
	status_detail     TEXT NOT NULL DEFAULT '',
	visibility        TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'peers', 'team')),
	recording         TEXT NOT NULL DEFAULT '',
	transcript        TEXT, -- JSON, opaque to the store
	analysis          TEXT, -- JSON, opaque to the store
	duration_seconds  REAL,
	talk_ratio        REAL,
	longest_monologue REAL,
	patience          REAL,
	questions         REAL,
	interactivity     REAL,
	words_per_minute  REAL,
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, owner_id) REFERENCES people (org_id, id)
);
CREATE INDEX calls_owner ON calls (org_id, owner_id, occurred_at);
CREATE INDEX calls_occurred ON calls (org_id, occurred_at, id);
CREATE INDEX calls_status ON calls (org_id, status);

-- The people a call's owner named.
CREATE TABLE call_shares (
	org_id    INTEGER NOT NULL,
	call_id   INTEGER NOT NULL,
	person_id INTEGER NOT NULL,
	PRIMARY KEY (call_id, person_id),
	FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);
CREATE INDEX call_shares_person ON call_shares (org_id, person_id);

-- The trackers that matched a call and the objection categories raised in
-- it, in the analysis's order (seq), for the filters of the call list.
CREATE TABLE call_trackers (
	org_id  INTEGER NOT NULL,
	call_id INTEGER NOT NULL,
	name    TEXT NOT NULL,
	seq     INTEGER NOT NULL,
	PRIMARY KEY (call_id, name),
	FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE
);
CREATE TABLE call_objections (
	org_id   INTEGER NOT NULL,
	call_id  INTEGER NOT NULL,
	category TEXT NOT NULL,
	seq      INTEGER NOT NULL,
	PRIMARY KEY (call_id, category),
	FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE
);

CREATE TABLE snippets (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	call_id    INTEGER NOT NULL,
	owner_id   INTEGER NOT NULL,
	title      TEXT NOT NULL DEFAULT '',
	start_s    REAL NOT NULL,
	end_s      REAL NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (org_id, id),
	UNIQUE (org_id, call_id, id),
	FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, owner_id) REFERENCES people (org_id, id),
	CHECK (start_s >= 0 AND end_s > start_s)
);
CREATE INDEX snippets_call ON snippets (org_id, call_id, start_s);

CREATE TABLE snippet_shares (
	org_id     INTEGER NOT NULL,
	snippet_id INTEGER NOT NULL,
	person_id  INTEGER NOT NULL,
	PRIMARY KEY (snippet_id, person_id),
	FOREIGN KEY (org_id, snippet_id) REFERENCES snippets (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);
CREATE INDEX snippet_shares_person ON snippet_shares (org_id, person_id);

-- A comment on a snippet must be on that snippet's call: the snippet
-- reference includes call_id (and is not checked when snippet_id is NULL).
CREATE TABLE call_comments (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	call_id    INTEGER NOT NULL,
	snippet_id INTEGER,
	author_id  INTEGER NOT NULL,
	at_seconds REAL NOT NULL CHECK (at_seconds >= 0),
	body       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, call_id, snippet_id) REFERENCES snippets (org_id, call_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, author_id) REFERENCES people (org_id, id)
);
CREATE INDEX call_comments_call ON call_comments (org_id, call_id, at_seconds, id);

-- Settings are opaque JSON documents, one per key.
CREATE TABLE org_settings (
	org_id     INTEGER NOT NULL REFERENCES orgs (id),
	key        TEXT NOT NULL,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (org_id, key)
);

-- Background jobs, leased by the worker that runs them.
CREATE TABLE jobs (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs (id),
	kind         TEXT NOT NULL,
	ref_id       INTEGER NOT NULL DEFAULT 0,
	state        TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
	attempts     INTEGER NOT NULL DEFAULT 0,
	run_after    TEXT NOT NULL,
	locked_until TEXT,
	last_error   TEXT NOT NULL DEFAULT '',
	progress     TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs (state, run_after);
CREATE INDEX jobs_ref ON jobs (org_id, kind, ref_id, created_at);
