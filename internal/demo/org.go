// Package demo describes Huddle's demo organisation, Northwind Revenue:
// its teams and people, generated deterministically from a seed so that
// `huddle demo` and the tests see the same organisation every time. It
// writes the roster as a CSV file in the format roster.Parse reads, so the
// demo is imported through the same path as a real customer's roster.
package demo

import (
	"time"

	"huddle/internal/domain"
)

// The demo organisation.
const (
	OrgName = "Northwind Revenue"
	OrgSlug = "demo"
	// Domain is the e-mail domain of every demo person.
	Domain = "demo.huddle.test"
	// SignInEmail is Ana Navarro's address: a rep and peer coach on the
	// EMEA team and the enablement admin, so signing in as her shows
	// every part of Huddle.
	SignInEmail = "ana@" + Domain
	// VPEmail is the VP of Sales, to whom every team manager reports.
	VPEmail = "grace.okafor@" + Domain
	// RevOpsEmail is the RevOps admin, who has no team.
	RevOpsEmail = "tomas.lindqvist@" + Domain
)

// ReferenceDate is the "today" of the demo: tenure is counted back from
// it, never from the clock, so that the roster is the same every run.
var ReferenceDate = time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)

// Team is a demo team.
type Team struct {
	Name         string
	Region       string
	TimeZones    []string // where its members live
	ManagerName  string
	ManagerEmail string
	Size         int // people including the manager
}

// Teams are the demo teams, in the order the roster lists them. Later
// demo data (calls, sessions, deals) can find people through them.
var Teams = []Team{
	{
		Name: "Americas Mid-Market", Region: "Americas",
		TimeZones:   []string{"America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo", "America/St_Johns"},
		ManagerName: "Marcus Bell", ManagerEmail: "marcus.bell@" + Domain, Size: 14,
	},
	{
		Name: "EMEA Enterprise", Region: "EMEA",
		TimeZones:   []string{"Europe/London", "Europe/Berlin", "Europe/Madrid", "Africa/Johannesburg", "Asia/Dubai"},
		ManagerName: "Sofia Marchetti", ManagerEmail: "sofia.marchetti@" + Domain, Size: 13,
	},
	{
		Name: "APAC Growth", Region: "APAC",
		TimeZones:   []string{"Asia/Singapore", "Australia/Sydney", "Asia/Kolkata", "Asia/Tokyo"},
		ManagerName: "Hiroshi Tanaka", ManagerEmail: "hiroshi.tanaka@" + Domain, Size: 11,
	},
	{
		Name: "Outbound SDR", Region: "Global",
		TimeZones:   []string{"America/Chicago", "America/New_York", "Europe/Dublin", "Europe/London"},
		ManagerName: "Keisha Morgan", ManagerEmail: "keisha.morgan@" + Domain, Size: 8,
	},
}

// Member is one person of the demo organisation.
type Member struct {
	Name         string
	Email        string
	Team         string // "" for the VP and RevOps
	ManagerEmail string // "" for the VP
	Roles        domain.Roles
	Region       string
	TimeZone     string
	StartDate    time.Time
	WorkingHours domain.WorkingHours
}

// hourChoices are the working days demo people keep.
var hourChoices = []domain.WorkingHours{
	{Start: 8 * 60, End: 16 * 60},
	{Start: 9 * 60, End: 17 * 60},
	{Start: 10 * 60, End: 18 * 60},
	{Start: 8*60 + 30, End: 17*60 + 30},
}
