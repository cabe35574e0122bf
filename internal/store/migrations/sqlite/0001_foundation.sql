-- Organisations, teams, people and sign-in. Times are UTC text in the
-- fixed-width layout 2006-01-02T15:04:05.000000Z; dates are 'YYYY-MM-DD'.

CREATE TABLE orgs (
	id         INTEGER PRIMARY KEY,
	slug       TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE teams (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs (id),
	name       TEXT NOT NULL,
	region     TEXT NOT NULL DEFAULT '',
	manager_id INTEGER,
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, manager_id) REFERENCES people (org_id, id)
);
CREATE UNIQUE INDEX teams_org_name ON teams (org_id, lower(name));
CREATE INDEX teams_manager ON teams (org_id, manager_id);

CREATE TABLE people (
	id             INTEGER PRIMARY KEY,
	org_id         INTEGER NOT NULL REFERENCES orgs (id),
	name           TEXT NOT NULL,
	email          TEXT NOT NULL,
	roles          TEXT NOT NULL DEFAULT 'rep',
	team_id        INTEGER,
	manager_id     INTEGER,
	region         TEXT NOT NULL DEFAULT '',
	time_zone      TEXT NOT NULL DEFAULT 'UTC',
	work_start_min INTEGER NOT NULL DEFAULT 540,
	work_end_min   INTEGER NOT NULL DEFAULT 1020,
	start_date     TEXT CHECK (start_date IS NULL OR length(start_date) = 10),
	active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	password_hash  TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	UNIQUE (org_id, email),
	UNIQUE (org_id, id),
	FOREIGN KEY (org_id, team_id) REFERENCES teams (org_id, id),
	FOREIGN KEY (org_id, manager_id) REFERENCES people (org_id, id),
	CHECK (work_start_min >= 0 AND work_end_min <= 1440 AND work_start_min < work_end_min)
);
CREATE INDEX people_org_name ON people (org_id, name, id);
CREATE INDEX people_email ON people (email);
CREATE INDEX people_team ON people (org_id, team_id);
CREATE INDEX people_manager ON people (org_id, manager_id);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	person_id  INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_person ON sessions (org_id, person_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL,
	person_id    INTEGER NOT NULL,
	name         TEXT NOT NULL,
	prefix       TEXT NOT NULL,
	hash         TEXT NOT NULL UNIQUE,
	created_at   TEXT NOT NULL,
	last_used_at TEXT,
	FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);
CREATE INDEX api_tokens_person ON api_tokens (org_id, person_id);

-- One row per failed sign-in; counted over a window, pruned as it goes.
CREATE TABLE login_failures (
	key TEXT NOT NULL,
	at  TEXT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);
CREATE INDEX login_failures_at ON login_failures (at);
