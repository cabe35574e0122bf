package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/server"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// TestRitualPrivacy checks the rituals' privacy rules end to end on every
// surface — pages, API, calendar feed: a manager sees that sessions happen
// and the counts, never notes, items or commitment text; an ex-member
// loses access; another organisation gets 404 everywhere.
func TestRitualPrivacy(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		st := setUpRituals(t, f)
		f.addMember(t, "peerA", f.orgA, domain.Person{Name: "Petra Peer", Email: "petra@alpha.example", TeamID: f.teamA.ID})
		secrets := []string{st.marker, "Acme renewal", "no champion", "Find a champion", "Twenty prospecting calls"}
		g := st.group.ID
		pages := []string{"/sessions", fmt.Sprintf("/sessions/groups/%d", g), fmt.Sprintf("/sessions/%d", st.s1), fmt.Sprintf("/sessions/%d", st.s2),
			fmt.Sprintf("/calendar/sessions/%d", st.s1), "/api/v1/groups", fmt.Sprintf("/api/v1/groups/%d", g),
			fmt.Sprintf("/api/v1/sessions/%d", st.s1), "/api/v1/commitments"}
		leaks := func(t *testing.T, who string) {
			t.Helper()
			for _, p := range pages {
				kind := "cookie:"
				if strings.HasPrefix(p, "/api/") {
					kind = "token:"
				}
				res := f.get(t, kind+who, p)
				for _, s := range secrets {
					if strings.Contains(res.body, s) {
						t.Errorf("%s sees %q on %s (%d)", who, s, p, res.StatusCode)
					}
				}
			}
		}

		t.Run("a member sees the content", func(t *testing.T) {
			res := f.get(t, "cookie:rep2A", fmt.Sprintf("/sessions/%d", st.s1))
			for _, s := range secrets {
				if !strings.Contains(res.body, s) {
					t.Errorf("member does not see %q", s)
				}
			}
		})
		t.Run("a manager sees counts only", func(t *testing.T) {
			leaks(t, "managerA")
			res := f.get(t, "cookie:managerA", fmt.Sprintf("/sessions/groups/%d", g))
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Commitments kept") {
				t.Errorf("manager's group page: %d", res.StatusCode)
			}
			api := f.get(t, "token:managerA", fmt.Sprintf("/api/v1/groups/%d", g))
			if !strings.Contains(api.body, `"access": "counts"`) || !strings.Contains(api.body, `"total": 1`) {
				t.Errorf("manager's API view:\n%s", clip(api.body))
			}
			f.wantStatus(t, "cookie:managerA", fmt.Sprintf("/sessions/%d", st.s1), http.StatusNotFound)
		})
		t.Run("a peer outside the group sees nothing", func(t *testing.T) {
			leaks(t, "peerA")
		})
		t.Run("another organisation gets 404", func(t *testing.T) {
			leaks(t, "adminB")
			leaks(t, "repB")
			for _, p := range pages[1:] {
				kind := "cookie:adminB"
				if strings.HasPrefix(p, "/api/") {
					kind = "token:adminB"
				}
				if p == "/api/v1/groups" || p == "/api/v1/commitments" {
					continue
				}
				f.wantStatus(t, kind, p, http.StatusNotFound)
			}
		})
		t.Run("leaving ends access", func(t *testing.T) {
			res := f.do(t, "cookie:rep2A", "POST", fmt.Sprintf("/sessions/groups/%d/leave", g), "", "")
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("leave: %d", res.StatusCode)
			}
			leaks(t, "rep2A")
			f.wantStatus(t, "cookie:rep2A", fmt.Sprintf("/sessions/%d", st.s1), http.StatusNotFound)
			f.wantStatus(t, "token:rep2A", fmt.Sprintf("/api/v1/groups/%d", g), http.StatusNotFound)
			secret, err := f.svc.ResetCalendarFeed(context.Background(), f.actorOf("rep2A"))
			if err != nil {
				t.Fatal(err)
			}
			if feed := f.get(t, "", "/calendar/"+secret+".ics"); strings.Contains(feed.body, "Alpha review circle") {
				t.Error("the ex-member's calendar still has the group")
			}
		})
		t.Run("the feed carries no content", func(t *testing.T) {
			feed := f.get(t, "", "/calendar/"+st.feed+".ics")
			if feed.StatusCode != http.StatusOK || !strings.Contains(feed.body, "Alpha review circle") {
				t.Fatalf("feed %d", feed.StatusCode)
			}
			for _, s := range secrets {
				if strings.Contains(feed.body, s) {
					t.Errorf("feed carries %q", s)
				}
			}
		})
	})
}
