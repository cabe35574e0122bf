package store_test

import (
	"context"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestOrgs(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		o := newOrg(t, db, "acme")
		if o.ID == 0 || !o.CreatedAt.Equal(t0) {
			t.Fatalf("created org = %+v", o)
		}
		got, err := db.Org(ctx, o.ID)
		must(t, err)
		if got != o {
			t.Errorf("Org = %+v, want %+v", got, o)
		}
		got, err = db.OrgBySlug(ctx, "acme")
		must(t, err)
		if got != o {
			t.Errorf("OrgBySlug = %+v, want %+v", got, o)
		}
		_, err = db.Org(ctx, o.ID+100)
		wantErr(t, err, domain.ErrNotFound)
		_, err = db.OrgBySlug(ctx, "nope")
		wantErr(t, err, domain.ErrNotFound)

		err = db.CreateOrg(ctx, &domain.Org{Slug: "acme", Name: "Other"})
		wantErr(t, err, domain.ErrConflict)
		if msg, ok := domain.UserMessage(err); !ok || msg != "slug: an organisation with this short name already exists" {
			t.Errorf("conflict message = %q", msg)
		}
		wantErr(t, db.CreateOrg(ctx, &domain.Org{Slug: "Bad Slug", Name: "x"}), domain.ErrInvalid)

		b := newOrg(t, db, "beta")
		orgs, err := db.Orgs(ctx)
		must(t, err)
		if len(orgs) != 2 || orgs[0] != o || orgs[1] != b {
			t.Errorf("Orgs = %+v", orgs)
		}
	})
}

func TestTeams(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		acme, other := newOrg(t, db, "acme"), newOrg(t, db, "other")
		boss := newPerson(t, db, acme.ID, "Boss", "boss@acme.com")
		west := domain.Team{Name: " West ", Region: "AMER", ManagerID: boss.ID}
		must(t, db.CreateTeam(ctx, acme.ID, &west))
		if west.ID == 0 || west.OrgID != acme.ID || west.Name != "West" {
			t.Fatalf("created team = %+v", west)
		}
		east := newTeam(t, db, acme.ID, "east")
		got, err := db.Team(ctx, acme.ID, west.ID)
		must(t, err)
		if got != west {
			t.Errorf("Team = %+v, want %+v", got, west)
		}
		teams, err := db.Teams(ctx, acme.ID)
		must(t, err)
		if len(teams) != 2 || teams[0] != east || teams[1] != west {
			t.Errorf("Teams = %+v", teams)
		}

		// Names are unique per organisation, ignoring case.
		wantErr(t, db.CreateTeam(ctx, acme.ID, &domain.Team{Name: "WEST"}), domain.ErrConflict)
		newTeam(t, db, other.ID, "West")

		// Another organisation sees none of it.
		_, err = db.Team(ctx, other.ID, west.ID)
		wantErr(t, err, domain.ErrNotFound)
		teams, err = db.Teams(ctx, other.ID)
		must(t, err)
		if len(teams) != 1 || teams[0].Name != "West" || teams[0].OrgID != other.ID {
			t.Errorf("other org's teams = %+v", teams)
		}
		// Its manager must be in the same organisation.
		wantErr(t, db.CreateTeam(ctx, other.ID, &domain.Team{Name: "Sneaky", ManagerID: boss.ID}), domain.ErrInvalid)
		wantErr(t, db.CreateTeam(ctx, 9999, &domain.Team{Name: "Nowhere"}), domain.ErrNotFound)
		wantErr(t, db.CreateTeam(ctx, acme.ID, &domain.Team{Name: "  "}), domain.ErrInvalid)
	})
}
