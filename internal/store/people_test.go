package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestPersonCRUD(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		acme := newOrg(t, db, "acme")
		team := newTeam(t, db, acme.ID, "West")
		boss := newPerson(t, db, acme.ID, "Boss", "boss@acme.com", func(p *domain.Person) {
			p.Roles = domain.Roles{domain.RoleManager}
		})
		p := domain.Person{
			Name: " Ana Lima ", Email: " Ana@Acme.COM ", Roles: domain.Roles{domain.RoleRep, domain.RoleCoach},
			TeamID: team.ID, ManagerID: boss.ID, Region: "EMEA", TimeZone: "Europe/Lisbon",
			WorkingHours: domain.WorkingHours{Start: 8 * 60, End: 16*60 + 30},
			StartDate:    time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC), Active: true,
		}
		must(t, db.CreatePerson(ctx, acme.ID, &p))
		if p.ID == 0 || p.OrgID != acme.ID || p.Name != "Ana Lima" || p.Email != "ana@acme.com" ||
			!p.CreatedAt.Equal(t0) || !p.UpdatedAt.Equal(t0) {
			t.Fatalf("created person = %+v", p)
		}
		got, err := db.Person(ctx, acme.ID, p.ID)
		must(t, err)
		assertPerson(t, got, p)
		got, err = db.PersonByEmail(ctx, acme.ID, "ANA@acme.com ")
		must(t, err)
		assertPerson(t, got, p)

		// Defaults: rep, UTC, 09:00-17:00, unknown start date.
		d := newPerson(t, db, acme.ID, "Dee", "dee@acme.com")
		got, err = db.Person(ctx, acme.ID, d.ID)
		must(t, err)
		if !got.Roles.Has(domain.RoleRep) || got.TimeZone != "UTC" || got.WorkingHours != domain.DefaultWorkingHours ||
			!got.StartDate.IsZero() || got.TeamID != 0 || got.ManagerID != 0 || !got.Active {
			t.Errorf("defaults = %+v", got)
		}

		// Patch: nil fields stay, set fields change, 0 clears references.
		*now = t0.Add(time.Hour)
		upd, err := db.UpdatePerson(ctx, acme.ID, p.ID, domain.PersonPatch{
			Region: ptr("AMER"), TeamID: ptr(int64(0)), Active: ptr(false), StartDate: ptr(time.Time{}),
		})
		must(t, err)
		want := p
		want.Region, want.TeamID, want.Active, want.StartDate, want.UpdatedAt = "AMER", 0, false, time.Time{}, *now
		assertPerson(t, upd, want)
		got, err = db.Person(ctx, acme.ID, p.ID)
		must(t, err)
		assertPerson(t, got, want)

		upd, err = db.UpdatePerson(ctx, acme.ID, p.ID, domain.PersonPatch{
			Name: ptr("Ana L."), Email: ptr("ANA.L@acme.com"), Roles: ptr(domain.Roles{domain.RoleAdmin}),
			TeamID: ptr(team.ID), ManagerID: ptr(int64(0)), TimeZone: ptr("Asia/Tokyo"),
			WorkingHours: ptr(domain.WorkingHours{Start: 600, End: 1080}),
			StartDate:    ptr(time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)),
		})
		must(t, err)
		want.Name, want.Email, want.Roles, want.TeamID, want.ManagerID = "Ana L.", "ana.l@acme.com", domain.Roles{domain.RoleAdmin}, team.ID, 0
		want.TimeZone, want.WorkingHours, want.StartDate = "Asia/Tokyo", domain.WorkingHours{Start: 600, End: 1080}, time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
		assertPerson(t, upd, want)

		// Invalid patches change nothing.
		for name, patch := range map[string]domain.PersonPatch{
			"empty name":   {Name: ptr(" ")},
			"bad email":    {Email: ptr("not-an-address")},
			"bad zone":     {TimeZone: ptr("Mars/Olympus")},
			"bad hours":    {WorkingHours: ptr(domain.WorkingHours{Start: 600, End: 500})},
			"self manager": {ManagerID: ptr(p.ID)},
			"no team":      {TeamID: ptr(int64(424242))},
			"no manager":   {ManagerID: ptr(int64(424242))},
		} {
			if _, err := db.UpdatePerson(ctx, acme.ID, p.ID, patch); !errors.Is(err, domain.ErrInvalid) {
				t.Errorf("%s: err = %v, want ErrInvalid", name, err)
			}
		}
		got, err = db.Person(ctx, acme.ID, p.ID)
		must(t, err)
		assertPerson(t, got, want)

		_, err = db.UpdatePerson(ctx, acme.ID, 424242, domain.PersonPatch{Name: ptr("x")})
		wantErr(t, err, domain.ErrNotFound)
		_, err = db.Person(ctx, acme.ID, 424242)
		wantErr(t, err, domain.ErrNotFound)
		_, err = db.PersonByEmail(ctx, acme.ID, "nobody@acme.com")
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, db.CreatePerson(ctx, acme.ID, &domain.Person{Name: "X", Email: "x@acme.com", TeamID: 424242}), domain.ErrInvalid)
		wantErr(t, db.CreatePerson(ctx, 424242, &domain.Person{Name: "X", Email: "x@acme.com"}), domain.ErrNotFound)
	})
}

// assertPerson compares two people field by field.
func assertPerson(t *testing.T, got, want domain.Person) {
	t.Helper()
	if got.ID != want.ID || got.OrgID != want.OrgID || got.Name != want.Name || got.Email != want.Email ||
		got.Roles.String() != want.Roles.String() || got.TeamID != want.TeamID || got.ManagerID != want.ManagerID ||
		got.Region != want.Region || got.TimeZone != want.TimeZone || got.WorkingHours != want.WorkingHours ||
		!got.StartDate.Equal(want.StartDate) || got.Active != want.Active ||
		!got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("person:\n got  %+v\n want %+v", got, want)
	}
	if got.CreatedAt.Location() != time.UTC || got.UpdatedAt.Location() != time.UTC {
		t.Errorf("times not in UTC: %v %v", got.CreatedAt, got.UpdatedAt)
	}
}

func TestEmailUniquePerOrg(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		acme, other := newOrg(t, db, "acme"), newOrg(t, db, "other")
		a := newPerson(t, db, acme.ID, "Ana", "ana@example.com")
		err := db.CreatePerson(ctx, acme.ID, &domain.Person{Name: "Ana 2", Email: "ANA@example.com"})
		wantErr(t, err, domain.ErrConflict)
		if msg, _ := domain.UserMessage(err); msg != "email: a person with this e-mail already exists" {
			t.Errorf("message = %q", msg)
		}
		// The same address may be used in another organisation.
		newPerson(t, db, other.ID, "Ana elsewhere", "ana@example.com")

		b := newPerson(t, db, acme.ID, "Bo", "bo@example.com")
		_, err = db.UpdatePerson(ctx, acme.ID, b.ID, domain.PersonPatch{Email: ptr("ana@example.com")})
		wantErr(t, err, domain.ErrConflict)
		got, err := db.PersonByEmail(ctx, acme.ID, "ana@example.com")
		must(t, err)
		if got.ID != a.ID {
			t.Errorf("PersonByEmail = %d, want %d", got.ID, a.ID)
		}
	})
}

func TestPeopleFilterAndPage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		acme, other := newOrg(t, db, "acme"), newOrg(t, db, "other")
		west, east := newTeam(t, db, acme.ID, "West"), newTeam(t, db, acme.ID, "East")
		names := []string{"Zoe", "adam", "Bea", "Carl", "Bea"} // two Beas: ordered by id
		var ids []int64
		for i, name := range names {
			p := newPerson(t, db, acme.ID, name, emailN(i), func(p *domain.Person) {
				if i%2 == 0 {
					p.TeamID, p.Region, p.Roles = west.ID, "EMEA", domain.Roles{domain.RoleRep, domain.RoleCoach}
				} else {
					p.TeamID, p.Region = east.ID, "AMER"
				}
			})
			ids = append(ids, p.ID)
		}
		newPerson(t, db, other.ID, "Bea Other", "bea@other.com")

		list := func(f domain.PersonFilter) ([]string, int) {
			t.Helper()
			people, total, err := db.People(ctx, acme.ID, f)
			must(t, err)
			var got []string
			for _, p := range people {
				if p.OrgID != acme.ID {
					t.Fatalf("person of org %d in list", p.OrgID)
				}
				got = append(got, p.Name)
			}
			return got, total
		}
		check := func(name string, f domain.PersonFilter, want []string, wantTotal int) {
			t.Helper()
			got, total := list(f)
			if total != wantTotal || len(got) != len(want) {
				t.Errorf("%s: got %v (total %d), want %v (total %d)", name, got, total, want, wantTotal)
				return
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s: got %v, want %v", name, got, want)
					return
				}
			}
		}
		// Ordered by name (byte order) then id.
		check("all", domain.PersonFilter{}, []string{"Bea", "Bea", "Carl", "Zoe", "adam"}, 5)
		check("page", domain.PersonFilter{Page: domain.Page{Limit: 2, Offset: 1}}, []string{"Bea", "Carl"}, 5)
		check("past the end", domain.PersonFilter{Page: domain.Page{Limit: 2, Offset: 10}}, nil, 5)
		check("negative offset", domain.PersonFilter{Page: domain.Page{Limit: 1, Offset: -3}}, []string{"Bea"}, 5)
		check("team", domain.PersonFilter{TeamID: east.ID}, []string{"Carl", "adam"}, 2)
		check("role", domain.PersonFilter{Role: domain.RoleCoach}, []string{"Bea", "Bea", "Zoe"}, 3)
		check("role none", domain.PersonFilter{Role: domain.RoleAdmin}, nil, 0)
		check("region", domain.PersonFilter{Region: "emea"}, []string{"Bea", "Bea", "Zoe"}, 3)
		check("query name", domain.PersonFilter{Query: "BE"}, []string{"Bea", "Bea"}, 2)
		check("query email", domain.PersonFilter{Query: "person001@"}, []string{"adam"}, 1)
		check("combined", domain.PersonFilter{Query: "e", Role: domain.RoleCoach, Region: "EMEA", TeamID: west.ID, Page: domain.Page{Limit: 1}}, []string{"Bea"}, 3)
		check("other team", domain.PersonFilter{TeamID: 424242}, nil, 0)

		people, _, err := db.People(ctx, acme.ID, domain.PersonFilter{Query: "bea"})
		must(t, err)
		if len(people) != 2 || people[0].ID != ids[2] || people[1].ID != ids[4] {
			t.Errorf("same names not ordered by id: %+v", people)
		}
		// Another organisation's id lists only its own people.
		people, total, err := db.People(ctx, other.ID, domain.PersonFilter{})
		must(t, err)
		if total != 1 || len(people) != 1 || people[0].Name != "Bea Other" {
			t.Errorf("other org = %+v (%d)", people, total)
		}
		people, total, err = db.People(ctx, 424242, domain.PersonFilter{})
		must(t, err)
		if total != 0 || len(people) != 0 {
			t.Errorf("unknown org = %+v (%d)", people, total)
		}
	})
}

func TestPeoplePageSize(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		acme := newOrg(t, db, "acme")
		plan := domain.RosterPlan{}
		for i := range 520 {
			plan.Create = append(plan.Create, domain.RosterEntry{Line: i + 2,
				Person: domain.Person{Name: emailN(i), Email: emailN(i), Active: true}})
		}
		must(t, db.ApplyRoster(ctx, acme.ID, plan))
		for _, c := range []struct{ limit, want int }{{0, 50}, {7, 7}, {500, 500}, {501, 500}, {10000, 500}} {
			people, total, err := db.People(ctx, acme.ID, domain.PersonFilter{Page: domain.Page{Limit: c.limit}})
			must(t, err)
			if len(people) != c.want || total != 520 {
				t.Errorf("limit %d: got %d of %d, want %d of 520", c.limit, len(people), total, c.want)
			}
		}
	})
}

func TestPeopleSearchEscaping(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		acme := newOrg(t, db, "acme")
		for i, name := range []string{"100% Sales", "1000 Sales", "snake_case", "snakeXcase", `back\slash`, "backslash", "O'Brien"} {
			newPerson(t, db, acme.ID, name, emailN(i))
		}
		for query, want := range map[string]string{
			"100%": "100% Sales", "%": "100% Sales", "e_c": "snake_case", "_": "snake_case",
			`k\s`: `back\slash`, `\`: `back\slash`, "o'b": "O'Brien", "?": "",
		} {
			people, total, err := db.People(ctx, acme.ID, domain.PersonFilter{Query: query})
			must(t, err)
			switch {
			case want == "" && total != 0:
				t.Errorf("query %q: got %d people, want none", query, total)
			case want != "" && (total != 1 || people[0].Name != want):
				t.Errorf("query %q: got %+v, want only %q", query, people, want)
			}
		}
	})
}

// TestCrossTenant calls every org-scoped method with another organisation's
// id and expects NotFound or nothing.
func TestCrossTenant(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		acme, evil := newOrg(t, db, "acme"), newOrg(t, db, "evil")
		team := newTeam(t, db, acme.ID, "West")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com", func(p *domain.Person) { p.TeamID = team.ID })
		eve := newPerson(t, db, evil.ID, "Eve", "eve@evil.com")
		tok := domain.APIToken{PersonID: ana.ID, Name: "ci", Prefix: "hd_1", Hash: "h1"}
		must(t, db.CreateAPIToken(ctx, acme.ID, &tok))
		must(t, db.CreateSession(ctx, domain.Session{TokenHash: "s1", OrgID: acme.ID, PersonID: ana.ID, ExpiresAt: t0.AddDate(10, 0, 0)}))

		_, err := db.Team(ctx, evil.ID, team.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = db.Person(ctx, evil.ID, ana.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = db.PersonByEmail(ctx, evil.ID, "ana@acme.com")
		wantErr(t, err, domain.ErrNotFound)
		people, total, err := db.People(ctx, evil.ID, domain.PersonFilter{TeamID: team.ID})
		must(t, err)
		if total != 0 || len(people) != 0 {
			t.Errorf("People across orgs = %v", people)
		}
		_, err = db.UpdatePerson(ctx, evil.ID, ana.ID, domain.PersonPatch{Name: ptr("pwned")})
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, db.SetPasswordHash(ctx, evil.ID, ana.ID, "x"), domain.ErrNotFound)
		wantErr(t, db.CreateSession(ctx, domain.Session{TokenHash: "s2", OrgID: evil.ID, PersonID: ana.ID, ExpiresAt: t0.AddDate(10, 0, 0)}), domain.ErrNotFound)
		wantErr(t, db.CreateAPIToken(ctx, evil.ID, &domain.APIToken{PersonID: ana.ID, Name: "x", Hash: "h2"}), domain.ErrNotFound)
		tokens, err := db.APITokens(ctx, evil.ID, ana.ID)
		must(t, err)
		if len(tokens) != 0 {
			t.Errorf("APITokens across orgs = %v", tokens)
		}
		wantErr(t, db.TouchAPIToken(ctx, evil.ID, tok.ID, t0), domain.ErrNotFound)
		wantErr(t, db.DeleteAPIToken(ctx, evil.ID, ana.ID, tok.ID), domain.ErrNotFound)
		wantErr(t, db.DeleteAPIToken(ctx, evil.ID, eve.ID, tok.ID), domain.ErrNotFound)
		must(t, db.DeleteSessionsOf(ctx, evil.ID, ana.ID))
		if _, err := db.SessionByHash(ctx, "s1", t0); err != nil {
			t.Errorf("session deleted across orgs: %v", err)
		}

		// Nobody can be put in, or managed from, another organisation.
		_, err = db.UpdatePerson(ctx, evil.ID, eve.ID, domain.PersonPatch{TeamID: ptr(team.ID)})
		wantErr(t, err, domain.ErrInvalid)
		_, err = db.UpdatePerson(ctx, evil.ID, eve.ID, domain.PersonPatch{ManagerID: ptr(ana.ID)})
		wantErr(t, err, domain.ErrInvalid)
		wantErr(t, db.CreatePerson(ctx, evil.ID, &domain.Person{Name: "Mole", Email: "mole@evil.com", TeamID: team.ID}), domain.ErrInvalid)
		err = db.ApplyRoster(ctx, evil.ID, domain.RosterPlan{Create: []domain.RosterEntry{
			{Line: 2, Person: domain.Person{Name: "Mole", Email: "mole@evil.com"}, ManagerEmail: "ana@acme.com"}}})
		wantErr(t, err, domain.ErrInvalid)
		err = db.ApplyRoster(ctx, evil.ID, domain.RosterPlan{Update: []domain.RosterEntry{
			{Line: 2, Person: domain.Person{Name: "pwned", Email: "ana@acme.com"}}}})
		must(t, err) // creates a separate ana@acme.com in evil; acme's is untouched
		got, err := db.Person(ctx, acme.ID, ana.ID)
		must(t, err)
		if got.Name != "Ana" || got.TeamID != team.ID {
			t.Errorf("acme's person changed: %+v", got)
		}
	})
}
