package domain

// RosterPlan is what a roster import will do, worked out before anything
// is written so that it can be previewed and then applied atomically.
type RosterPlan struct {
	NewTeams      []Team        // teams to create, by name
	Create        []RosterEntry // people to create
	Update        []RosterEntry // people whose fields change
	UnchangedRows int           // rows that match what is stored
	// TeamManagers sets each named team's manager (by e-mail); the manager
	// may be created by the same plan.
	TeamManagers []TeamManager
}

// TeamManager names the manager of a team in a roster plan.
type TeamManager struct {
	TeamName     string
	ManagerEmail string
}

// RosterEntry is one person as the roster file describes them. Team and
// manager are named (by team name and manager e-mail) because either may be
// created by the same import.
type RosterEntry struct {
	Line         int // the line in the file, for messages
	Person       Person
	TeamName     string
	ManagerEmail string
	Changes      []string // for updates: the fields that change, for the preview
}

// Empty reports whether applying the plan would change nothing.
func (p RosterPlan) Empty() bool {
	return len(p.NewTeams) == 0 && len(p.Create) == 0 && len(p.Update) == 0 && len(p.TeamManagers) == 0
}
