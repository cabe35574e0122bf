package domain

import (
	"net/mail"
	"strconv"
	"strings"
	"time"
)

// Person is someone in an organisation: a rep, coach, manager or admin.
type Person struct {
	ID           int64
	OrgID        int64
	Name         string
	Email        string // lower-case; unique within the organisation
	Roles        Roles
	TeamID       int64 // 0 when not in a team
	ManagerID    int64 // the person's manager; 0 when none
	Region       string
	TimeZone     string // IANA name
	WorkingHours WorkingHours
	StartDate    time.Time // first day in the role (UTC midnight); zero when unknown
	Active       bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// TenureMonths is the number of whole months between the start date and
// now, or -1 when the start date is unknown.
func (p Person) TenureMonths(now time.Time) int {
	if p.StartDate.IsZero() {
		return -1
	}
	y1, m1, d1 := p.StartDate.Date()
	y2, m2, d2 := now.UTC().Date()
	months := (y2-y1)*12 + int(m2-m1)
	if d2 < d1 {
		months--
	}
	return max(months, 0)
}

// Tenure renders the tenure for people: "3 months", "2 years 1 month".
func (p Person) Tenure(now time.Time) string {
	m := p.TenureMonths(now)
	switch {
	case m < 0:
		return "unknown"
	case m < 1:
		return "new this month"
	case m < 12:
		return plural(m, "month")
	case m%12 == 0:
		return plural(m/12, "year")
	default:
		return plural(m/12, "year") + " " + plural(m%12, "month")
	}
}

func plural(n int, unit string) string {
	s := strconv.Itoa(n) + " " + unit
	if n != 1 {
		s += "s"
	}
	return s
}

// NormalizeEmail trims and lower-cases an address and checks its shape.
func NormalizeEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", Invalid("email", "an e-mail address is required")
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		return "", Invalid("email", "%q is not an e-mail address", s)
	}
	return s, nil
}

// Validate normalises p and reports the first problem, if any.
func (p *Person) Validate() error {
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		return Invalid("name", "a person needs a name")
	}
	if len(p.Name) > 200 {
		return Invalid("name", "keep names under 200 characters")
	}
	email, err := NormalizeEmail(p.Email)
	if err != nil {
		return err
	}
	p.Email = email
	if len(p.Roles) == 0 {
		p.Roles = Roles{RoleRep}
	}
	if p.TimeZone == "" {
		p.TimeZone = "UTC"
	}
	if _, err := ParseTimeZone(p.TimeZone); err != nil {
		return Invalid("timezone", "%s", err.Error())
	}
	if p.WorkingHours == (WorkingHours{}) {
		p.WorkingHours = DefaultWorkingHours
	}
	if p.WorkingHours.End <= p.WorkingHours.Start {
		return Invalid("working_hours", "the end must come after the start")
	}
	return nil
}

// DateLayout is how Huddle writes calendar dates.
const DateLayout = "2006-01-02"
