-- Timestamped remarks of a review: a reviewer's highlight or improvement
-- at a point of the call (or snippet) under review, optionally tied to one
-- of its teachable moments. Keep in step with
-- migrations/postgres/0011_review_remarks.sql. Times are UTC text in the
-- fixed-width layout 2006-01-02T15:04:05.000000Z. Every reference to
-- tenant data carries org_id, so nothing can point into another
-- organisation.

-- ref is random, like a review's: the author removes a remark by it, and
-- nothing about the order of writing shows. moment_kind is '' (and
-- moment_at NULL) for a remark tied to no moment. Remarks are part of the
-- observations: the service refuses changes once they are submitted.
CREATE TABLE review_remarks (
	id          INTEGER PRIMARY KEY,
	ref         TEXT NOT NULL UNIQUE,
	org_id      INTEGER NOT NULL,
	review_id   INTEGER NOT NULL,
	at_seconds  REAL NOT NULL CHECK (at_seconds >= 0),
	kind        TEXT NOT NULL CHECK (kind IN ('highlight', 'improvement')),
	moment_kind TEXT NOT NULL DEFAULT '',
	moment_at   REAL,
	note        TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	UNIQUE (org_id, id),
	CHECK ((moment_kind = '') = (moment_at IS NULL)),
	FOREIGN KEY (org_id, review_id) REFERENCES feedback_reviews (org_id, id) ON DELETE CASCADE
);
CREATE INDEX review_remarks_review ON review_remarks (org_id, review_id, at_seconds);

-- Helpfulness over time: a reviewer's ratings by when they were given.
CREATE INDEX feedback_reviews_rated ON feedback_reviews (org_id, reviewer_id, rated_at);
