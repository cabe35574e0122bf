package service

import "huddle/internal/domain"

// Actor is who is asking: a signed-in person of one organisation, or the
// operator at the command line (System), who holds every role in the
// organisation they name.
type Actor struct {
	Org    domain.Org
	Person domain.Person
	System bool
}

// SystemActor returns the operator acting on org from the command line.
func SystemActor(org domain.Org) Actor { return Actor{Org: org, System: true} }

// Has reports whether the actor holds role.
func (a Actor) Has(role domain.Role) bool { return a.System || a.Person.Roles.Has(role) }

// IsAdmin reports whether the actor administers the organisation.
func (a Actor) IsAdmin() bool { return a.Has(domain.RoleAdmin) }

// requireAdmin is the one place the "admins only" rule is spelled out.
func (a Actor) requireAdmin(what string) error {
	if !a.IsAdmin() {
		return domain.Forbidden("only an administrator can %s", what)
	}
	return nil
}

// CheckAdmin refuses anyone but an administrator, so that a page can refuse
// before it reads a form. what completes "only an administrator can …".
func (s *Service) CheckAdmin(a Actor, what string) error { return a.requireAdmin(what) }

// CheckAdminPages refuses the admin section to everyone but administrators.
func (s *Service) CheckAdminPages(a Actor) error {
	if !a.IsAdmin() {
		return domain.Forbidden("the admin pages are for administrators")
	}
	return nil
}
