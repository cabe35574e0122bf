-- Feedback on snippets and deals, and feedback requests to a circle. Keep
-- in step with migrations/sqlite/0008_feedback_subjects.sql, whose
-- constraints this follows (SQLite cannot change the CHECK constraints of
-- feedback_requests in place), so that both engines store a subject the
-- same way:
--
--   call       call_id set, snippet_id NULL, artefact_kind ''
--   snippet    call_id (the snippet's call) AND snippet_id set,
--              artefact_kind ''; no foreign key, like call_id, so that the
--              owner may still delete the call (the request then says the
--              snippet is gone)
--   email      artefact_kind 'email', artefact_text the pasted text
--   deal plan  artefact_kind 'deal_plan', artefact_text the pasted text,
--              deal ''
--   deal       artefact_kind 'deal_plan', artefact_text '', deal a JSON
--              object {name, stage, amount, currency, close_date, blocker,
--              notes} — never empty for a deal
ALTER TABLE feedback_requests ADD COLUMN snippet_id BIGINT CHECK (snippet_id IS NULL OR call_id IS NOT NULL);
ALTER TABLE feedback_requests ADD COLUMN deal TEXT NOT NULL DEFAULT '' CHECK (deal = '' OR artefact_kind = 'deal_plan');

-- The circle (a ritual group) a request went to. Its invites are the
-- members at the time; who may still read it is the service's rule
-- (current members only).
CREATE TABLE feedback_circles (
	org_id     BIGINT NOT NULL,
	request_id BIGINT NOT NULL PRIMARY KEY,
	group_id   BIGINT NOT NULL,
	FOREIGN KEY (org_id, request_id) REFERENCES feedback_requests (org_id, id) ON DELETE CASCADE,
	FOREIGN KEY (org_id, group_id) REFERENCES ritual_groups (org_id, id)
);
CREATE INDEX feedback_circles_group ON feedback_circles (org_id, group_id);
