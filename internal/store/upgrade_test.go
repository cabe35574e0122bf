package store_test

import (
	"context"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// ritualsAtVersion8 are a session's deal and action item as a database
// written before migration 0009 holds them.
const ritualsAtVersion8 = `
INSERT INTO orgs (id, slug, name, created_at) VALUES (1, 'up', 'Upgrade Inc', '2026-01-05T09:00:00.000000Z');
INSERT INTO people (id, org_id, name, email, created_at, updated_at) VALUES
	(1, 1, 'Ana', 'ana@up.test', '2026-01-05T09:00:00.000000Z', '2026-01-05T09:00:00.000000Z'),
	(2, 1, 'Ben', 'ben@up.test', '2026-01-05T09:00:00.000000Z', '2026-01-05T09:00:00.000000Z');
INSERT INTO ritual_groups (id, org_id, name, template_key, created_by, created_at, updated_at)
	VALUES (1, 1, 'Clinic', 'deal_clinic', 1, '2026-01-05T09:00:00.000000Z', '2026-01-05T09:00:00.000000Z');
INSERT INTO ritual_sessions (id, org_id, group_id, occurrence, starts_at, minutes, notes, created_at, updated_at)
	VALUES (1, 1, 1, '2026-01-06T09:00:00.000000Z', '2026-01-06T09:00:00.000000Z', 60, 'kept notes',
	'2026-01-05T09:00:00.000000Z', '2026-01-05T09:00:00.000000Z');
INSERT INTO ritual_items (id, org_id, session_id, person_id, kind, deal_name, stage, amount, blocker, note, created_at)
	VALUES (7, 1, 1, 1, 'deal', 'Halden rollout', 'Proposal', 48000, 'no economic buyer', 'kept note', '2026-01-05T10:00:00.000000Z');
INSERT INTO ritual_actions (id, org_id, session_id, owner_id, text, done, created_at)
	VALUES (3, 1, 1, 2, 'Book the CFO meeting', TRUE, '2026-01-06T10:00:00.000000Z');
`

// TestUpgradeKeepsSessionContent: migration 0009 rebuilds ritual_items and
// ritual_actions on SQLite (and alters them on PostgreSQL). A database
// written by the previous release keeps its deals and action items, and
// the new link from an action item to its deal works afterwards.
func TestUpgradeKeepsSessionContent(t *testing.T) {
	storetest.EnginesDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db, err := store.OpenForMigrate(ctx, dsn)
		must(t, err)
		defer db.Close()
		must(t, db.MigrateTo(ctx, 8))
		must(t, db.ExecRaw(ctx, ritualsAtVersion8))
		_, err = db.Migrate(ctx)
		must(t, err)

		items, err := db.SessionItems(ctx, 1, 1)
		must(t, err)
		if len(items) != 1 || items[0].ID != 7 || items[0].DealName != "Halden rollout" || items[0].Blocker != "no economic buyer" ||
			items[0].Amount == nil || *items[0].Amount != 48000 || items[0].Note != "kept note" {
			t.Fatalf("after the upgrade the deal reads %+v", items)
		}
		actions, err := db.ActionItems(ctx, 1, 1)
		must(t, err)
		if len(actions) != 1 || actions[0].ID != 3 || actions[0].Text != "Book the CFO meeting" || !actions[0].Done || actions[0].ItemID != 0 {
			t.Fatalf("after the upgrade the action items read %+v", actions)
		}
		linked := domain.ActionItem{SessionID: 1, OwnerID: 1, ItemID: 7, Text: "Send the business case"}
		must(t, db.AddActionItem(ctx, 1, &linked))
		dangling := domain.ActionItem{SessionID: 1, OwnerID: 1, ItemID: 99, Text: "points nowhere"}
		if err := db.AddActionItem(ctx, 1, &dangling); err == nil {
			t.Error("an action item pointing at no item was stored")
		}
		actions, err = db.ActionItems(ctx, 1, 1)
		must(t, err)
		// Found by text, not position: on PostgreSQL the rows inserted with
		// explicit IDs above leave the ID sequence where it was.
		var found bool
		for _, a := range actions {
			found = found || (a.Text == linked.Text && a.ItemID == 7)
		}
		if len(actions) != 2 || !found {
			t.Errorf("the new link reads %+v", actions)
		}
	})
}
