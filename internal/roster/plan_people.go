package roster

import (
	"cmp"
	"slices"

	"huddle/internal/domain"
)

// sortRows sorts the rows into people to create, to update and unchanged.
func (pl *planner) sortRows(rows []Row, targets []target) domain.RosterPlan {
	var plan domain.RosterPlan
	for i, r := range rows {
		t := targets[i]
		entry := domain.RosterEntry{Line: r.Line, TeamName: t.team, ManagerEmail: t.manager}
		stored, isStored := pl.people[r.Person.Email]
		if isStored {
			entry.Person, entry.Changes = pl.merge(stored, r, t)
		} else {
			entry.Person = r.Person
			entry.Person.Active = true
		}
		entry.Person.TeamID, entry.Person.ManagerID = 0, 0
		if t.team != "" {
			entry.Person.TeamID = pl.teams[teamKey(t.team)].ID
		}
		if t.manager != "" {
			entry.Person.ManagerID = pl.people[t.manager].ID
		}
		// Fills the defaults for new people; checks rows that did not
		// come from Parse.
		if err := entry.Person.Validate(); err != nil {
			msg, _ := domain.UserMessage(err)
			pl.ps.add(r.Line, "row", "%s", msg)
			continue
		}
		switch {
		case !isStored:
			plan.Create = append(plan.Create, entry)
		case len(entry.Changes) > 0:
			plan.Update = append(plan.Update, entry)
		default:
			plan.UnchangedRows++
		}
	}
	return plan
}

// merge applies a row to a stored person: non-empty cells replace stored
// values, empty ones keep them. It returns the result and the changes, in
// words, for the preview.
func (pl *planner) merge(stored domain.Person, r Row, t target) (domain.Person, []string) {
	p := stored
	var changes []string
	note := func(field, from, to string) {
		if from == "" {
			from = "none"
		}
		if to == "" {
			to = "none"
		}
		changes = append(changes, field+": "+from+" → "+to)
	}
	if r.Person.Name != stored.Name {
		note("name", stored.Name, r.Person.Name)
		p.Name = r.Person.Name
	}
	if r.Person.Roles != nil && !sameRoles(r.Person.Roles, stored.Roles) {
		note("roles", stored.Roles.String(), r.Person.Roles.String())
		p.Roles = r.Person.Roles
	}
	oldTeam := ""
	if stored.TeamID != 0 {
		oldTeam = pl.teamOf[stored.TeamID].Name
	}
	if teamKey(t.team) != teamKey(oldTeam) {
		note("team", oldTeam, t.team)
	}
	oldManager := ""
	if stored.ManagerID != 0 {
		oldManager = pl.emailOf[stored.ManagerID]
	}
	if t.manager != oldManager {
		note("manager_email", oldManager, t.manager)
	}
	if r.Person.Region != "" && r.Person.Region != stored.Region {
		note("region", stored.Region, r.Person.Region)
		p.Region = r.Person.Region
	}
	if r.Person.TimeZone != "" && r.Person.TimeZone != stored.TimeZone {
		note("timezone", stored.TimeZone, r.Person.TimeZone)
		p.TimeZone = r.Person.TimeZone
	}
	if r.Person.WorkingHours != (domain.WorkingHours{}) && r.Person.WorkingHours != stored.WorkingHours {
		from := ""
		if stored.WorkingHours != (domain.WorkingHours{}) {
			from = stored.WorkingHours.String()
		}
		note("working_hours", from, r.Person.WorkingHours.String())
		p.WorkingHours = r.Person.WorkingHours
	}
	if !r.Person.StartDate.IsZero() && !r.Person.StartDate.Equal(stored.StartDate) {
		from := ""
		if !stored.StartDate.IsZero() {
			from = stored.StartDate.Format(domain.DateLayout)
		}
		note("start_date", from, r.Person.StartDate.Format(domain.DateLayout))
		p.StartDate = r.Person.StartDate
	}
	return p, changes
}

// sameRoles compares role sets, whatever their order.
func sameRoles(a, b domain.Roles) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// newTeams lists the teams the file names that are not stored, in the
// order the file first names them, each in the region most of its
// members give (ties to the alphabetically first).
func (pl *planner) newTeams(rows []Row, targets []target) []domain.Team {
	var out []domain.Team
	regions := map[string]map[string]int{}
	for i, r := range rows {
		name := targets[i].team
		key := teamKey(name)
		if r.TeamName == "" || name == "" {
			continue
		}
		if _, stored := pl.teams[key]; stored {
			continue
		}
		if regions[key] == nil {
			regions[key] = map[string]int{}
			out = append(out, domain.Team{Name: name})
		}
		region := r.Person.Region
		if region == "" {
			region = pl.people[r.Person.Email].Region
		}
		if region != "" {
			regions[key][region]++
		}
	}
	for i := range out {
		out[i].Region = mostVoted(regions[teamKey(out[i].Name)])
	}
	return out
}

// teamManagers gives each team named in the file the manager most of its
// members in the file report to, when that differs from what is stored.
func (pl *planner) teamManagers(rows []Row, targets []target) []domain.TeamManager {
	var order []string
	named := map[string]string{} // team key → canonical name
	for i, r := range rows {
		if r.TeamName == "" {
			continue
		}
		key := teamKey(targets[i].team)
		if _, ok := named[key]; !ok {
			named[key] = targets[i].team
			order = append(order, key)
		}
	}
	votes := map[string]map[string]int{}
	for _, t := range targets {
		key := teamKey(t.team)
		if _, ok := named[key]; !ok || t.manager == "" {
			continue
		}
		if votes[key] == nil {
			votes[key] = map[string]int{}
		}
		votes[key][t.manager]++
	}
	var out []domain.TeamManager
	for _, key := range order {
		manager := mostVoted(votes[key])
		if manager == "" {
			continue
		}
		if team, stored := pl.teams[key]; stored && team.ManagerID != 0 && pl.emailOf[team.ManagerID] == manager {
			continue
		}
		out = append(out, domain.TeamManager{TeamName: named[key], ManagerEmail: manager})
	}
	return out
}

// mostVoted returns the value with the most votes, ties going to the
// alphabetically first; "" when there are no votes.
func mostVoted(votes map[string]int) string {
	best, bestVotes := "", 0
	for v, n := range votes {
		if n > bestVotes || (n == bestVotes && cmp.Less(v, best)) {
			best, bestVotes = v, n
		}
	}
	return best
}
