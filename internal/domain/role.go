package domain

import (
	"fmt"
	"slices"
	"strings"
)

// Role is what a person may do in Huddle. A person can hold several.
type Role string

// The roles. Admin means an enablement / RevOps administrator.
const (
	RoleRep     Role = "rep"
	RoleCoach   Role = "coach"
	RoleManager Role = "manager"
	RoleAdmin   Role = "admin"
)

// AllRoles lists every role in display order.
var AllRoles = []Role{RoleRep, RoleCoach, RoleManager, RoleAdmin}

// Roles is a set of roles kept sorted in AllRoles order.
type Roles []Role

// Has reports whether r includes role.
func (r Roles) Has(role Role) bool { return slices.Contains(r, role) }

// String renders the roles as a comma-separated list, e.g. "rep,coach".
func (r Roles) String() string {
	parts := make([]string, len(r))
	for i, role := range r {
		parts[i] = string(role)
	}
	return strings.Join(parts, ",")
}

// ParseRoles reads a list of roles separated by commas, semicolons or
// spaces. It accepts common synonyms ("AE", "SDR", "Sales Manager",
// "Enablement") found in CRM user exports. An empty list means rep.
func ParseRoles(s string) (Roles, error) {
	seen := map[Role]bool{}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' })
	for _, f := range fields {
		role, ok := roleSynonyms[strings.ToLower(strings.TrimSpace(f))]
		if !ok {
			return nil, fmt.Errorf("unknown role %q (use rep, coach, manager or admin)", strings.TrimSpace(f))
		}
		seen[role] = true
	}
	if len(seen) == 0 {
		seen[RoleRep] = true
	}
	var out Roles
	for _, role := range AllRoles {
		if seen[role] {
			out = append(out, role)
		}
	}
	return out, nil
}

var roleSynonyms = map[string]Role{
	"rep": RoleRep, "sales rep": RoleRep, "ae": RoleRep, "account executive": RoleRep,
	"sdr": RoleRep, "bdr": RoleRep, "am": RoleRep, "account manager": RoleRep, "user": RoleRep,
	"coach": RoleCoach, "peer coach": RoleCoach, "champion": RoleCoach,
	"manager": RoleManager, "sales manager": RoleManager, "team lead": RoleManager,
	"admin": RoleAdmin, "administrator": RoleAdmin, "enablement": RoleAdmin,
	"system administrator": RoleAdmin, "revops": RoleAdmin,
}
