package roster

import (
	"strings"

	"huddle/internal/domain"
)

// Plan works out what importing rows would do to an organisation that
// holds the existing people and teams. People are matched by e-mail and
// teams by name (ignoring case), so importing the same file twice changes
// nothing the second time: the plan is Empty.
//
// For a person already stored, an empty optional cell (team,
// manager_email, roles, region, timezone, start_date, working_hours) keeps
// the stored value, so that a partial export cannot wipe data; the
// consequence is that an import never removes someone from a team or
// clears their manager — do that in Huddle itself. Name is always taken
// from the file. Active is never changed by an import. For a new person
// an empty cell means the default: rep, UTC, 09:00-17:00, no team, no
// manager.
//
// Every manager_email must name a person in the file or already stored,
// and managers must not go round in a circle; otherwise Plan returns an
// *Errors listing every such row. In the entries, TeamName and
// ManagerEmail are what the store should apply; Person.TeamID and
// Person.ManagerID are filled in only when that team or manager already
// exists (0 when the same plan creates them).
//
// Each team named in the file gets as its manager the person most of its
// members in the file report to (ties go to the alphabetically first
// e-mail); TeamManagers lists only teams where that differs from what is
// stored.
func Plan(rows []Row, existing []domain.Person, teams []domain.Team) (domain.RosterPlan, error) {
	pl := newPlanner(existing, teams)
	targets := pl.resolve(rows)
	pl.findCycles(rows, targets)
	if err := pl.ps.err(); err != nil {
		return domain.RosterPlan{}, err
	}
	plan := pl.sortRows(rows, targets)
	if err := pl.ps.err(); err != nil {
		return domain.RosterPlan{}, err
	}
	plan.NewTeams = pl.newTeams(rows, targets)
	plan.TeamManagers = pl.teamManagers(rows, targets)
	return plan, nil
}

// planner holds what is stored, indexed for the plan.
type planner struct {
	people  map[string]domain.Person // stored people by e-mail
	emailOf map[int64]string         // stored person ID → e-mail
	teams   map[string]domain.Team   // stored teams by teamKey
	teamOf  map[int64]domain.Team    // stored team ID → team
	inFile  map[string]int           // e-mail → line, for rows in the file
	ps      problems
}

// target is where a row's person ends up: the final team (canonical name;
// "" for none) and manager e-mail after empty cells keep stored values.
type target struct {
	team    string
	manager string
}

func newPlanner(existing []domain.Person, teams []domain.Team) *planner {
	pl := &planner{
		people:  make(map[string]domain.Person, len(existing)),
		emailOf: make(map[int64]string, len(existing)),
		teams:   make(map[string]domain.Team, len(teams)),
		teamOf:  make(map[int64]domain.Team, len(teams)),
		inFile:  map[string]int{},
	}
	for _, p := range existing {
		email := strings.ToLower(strings.TrimSpace(p.Email))
		pl.people[email] = p
		if p.ID != 0 {
			pl.emailOf[p.ID] = email
		}
	}
	for _, t := range teams {
		pl.teams[teamKey(t.Name)] = t
		if t.ID != 0 {
			pl.teamOf[t.ID] = t
		}
	}
	return pl
}

// teamKey compares team names ignoring case and runs of white space.
func teamKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// resolve checks e-mails and managers and works out every row's target.
func (pl *planner) resolve(rows []Row) []target {
	for _, r := range rows {
		if first, dup := pl.inFile[r.Person.Email]; dup {
			pl.ps.add(r.Line, "email", "%s is also on line %d; list each person once", r.Person.Email, first)
			continue
		}
		pl.inFile[r.Person.Email] = r.Line
	}
	// The first spelling of a new team in the file names it.
	spelling := map[string]string{}
	targets := make([]target, len(rows))
	for i, r := range rows {
		stored, isStored := pl.people[r.Person.Email]
		t := &targets[i]
		switch {
		case r.TeamName != "":
			key := teamKey(r.TeamName)
			if team, ok := pl.teams[key]; ok {
				t.team = team.Name
			} else {
				if spelling[key] == "" {
					spelling[key] = r.TeamName
				}
				t.team = spelling[key]
			}
		case isStored && stored.TeamID != 0:
			t.team = pl.teamOf[stored.TeamID].Name
		}
		switch {
		case r.ManagerEmail != "":
			_, inFile := pl.inFile[r.ManagerEmail]
			_, stored := pl.people[r.ManagerEmail]
			if !inFile && !stored {
				pl.ps.add(r.Line, "manager_email", "no person with e-mail %s in this file or in Huddle; add a row for them or correct the address", r.ManagerEmail)
			}
			t.manager = r.ManagerEmail
		case isStored && stored.ManagerID != 0:
			t.manager = pl.emailOf[stored.ManagerID]
		}
	}
	return targets
}

// findCycles reports managers who, up the chain, report to themselves.
// Each circle is reported once, on the first of its rows in the file.
func (pl *planner) findCycles(rows []Row, targets []target) {
	manager := make(map[string]string, len(pl.people)+len(rows))
	for email, p := range pl.people {
		if p.ManagerID != 0 {
			manager[email] = pl.emailOf[p.ManagerID]
		}
	}
	for i, r := range rows {
		manager[r.Person.Email] = targets[i].manager
	}
	const (
		walking = 1
		done    = 2
	)
	state := map[string]int{}
	for _, r := range rows {
		var path []string
		cur := r.Person.Email
		for cur != "" && state[cur] == 0 {
			state[cur] = walking
			path = append(path, cur)
			cur = manager[cur]
		}
		if cur != "" && state[cur] == walking {
			start := 0
			for path[start] != cur {
				start++
			}
			circle := path[start:]
			line := 0
			for _, e := range circle {
				if l, ok := pl.inFile[e]; ok && (line == 0 || l < line) {
					line = l
				}
			}
			if line > 0 {
				pl.ps.add(line, "manager_email", "managers go round in a circle (%s → %s); give one of them a different manager", strings.Join(circle, " → "), cur)
			}
		}
		for _, e := range path {
			state[e] = done
		}
	}
}
