package demo

import (
	"embed"
	"fmt"
	"regexp"
	"strings"

	"huddle/internal/domain"
)

// calls holds the demo call transcripts: twelve sales calls of Northwind
// Revenue's reps selling Northwind Flow, a revenue-operations and
// forecasting platform, written for Huddle. They come in the formats reps
// actually upload: Zoom and Teams WebVTT, SRT, time-stamped plain text and
// JSON speaker turns.
//
//go:embed calls
var calls embed.FS

// Call kinds.
const (
	KindDiscovery   = "discovery"
	KindDemo        = "demo"
	KindNegotiation = "negotiation"
	KindCold        = "cold"
)

// Call visibilities, as the seeding shares them.
const (
	VisibilityPrivate = "private" // the owner only
	VisibilityPeers   = "peers"   // SharePeers named teammates
	VisibilityTeam    = "team"    // the owner's whole team
)

// DemoCompetitors are the competitors the demo calls name. Every one is in
// the default analysis configuration's competitor list, so the calls show
// competitor mentions without any configuration.
var DemoCompetitors = []string{"Clari", "Gong", "Salesforce", "HubSpot", "Microsoft Dynamics"}

// DemoCall is one demo call and how the seeding files it.
type DemoCall struct {
	// File is the transcript's name in the calls folder; CallFile reads it.
	File  string
	Title string
	Kind  string // one of the Kind constants
	// OwnerEmail is the owner when the owner is a fixed person (the same
	// for every seed); empty when the owner is the OwnerRank-th rep of
	// OwnerTeam, which depends on the seed. Owner resolves both.
	OwnerEmail string
	OwnerTeam  string
	OwnerRank  int
	// OccurredDaysAgo is when the call took place, in days before
	// ReferenceDate.
	OccurredDaysAgo int
	Visibility      string // one of the Visibility constants
	SharePeers      int    // how many teammates to name when Visibility is "peers"
	// RepSpeaker is the rep's speaker name as written in File: the name
	// the owner has with the default seed, 1. Transcript renames it to the
	// owner's name for other seeds.
	RepSpeaker string
}

// demoCalls are listed oldest first within each kind; see DemoCalls.
var demoCalls = []DemoCall{
	// Discovery.
	{File: "01-discovery-halden-logistics.vtt", Title: "Halden Logistics — discovery with Finance and Sales Ops", Kind: KindDiscovery,
		OwnerEmail: SignInEmail, OwnerTeam: "EMEA Enterprise", OccurredDaysAgo: 27, Visibility: VisibilityTeam, RepSpeaker: "Ana Navarro"},
	{File: "02-discovery-brightline-dental.vtt", Title: "Brightline Dental Supply — discovery", Kind: KindDiscovery,
		OwnerTeam: "Americas Mid-Market", OwnerRank: 1, OccurredDaysAgo: 9, Visibility: VisibilityPeers, SharePeers: 3, RepSpeaker: "Kwame Mensah"},
	{File: "03-discovery-tidewater-analytics.txt", Title: "Tidewater Analytics — discovery", Kind: KindDiscovery,
		OwnerTeam: "APAC Growth", OwnerRank: 1, OccurredDaysAgo: 14, Visibility: VisibilityTeam, RepSpeaker: "Rohan Lim"},
	{File: "04-discovery-grunfeld-medical.srt", Title: "Grünfeld Medical — first call (feedback wanted)", Kind: KindDiscovery,
		OwnerTeam: "EMEA Enterprise", OwnerRank: 2, OccurredDaysAgo: 4, Visibility: VisibilityPeers, SharePeers: 2, RepSpeaker: "Mateo Larsen"},
	// Demos.
	{File: "05-demo-cobalt-ridge.vtt", Title: "Cobalt Ridge Software — forecast demo for the CRO", Kind: KindDemo,
		OwnerTeam: "Americas Mid-Market", OwnerRank: 3, OccurredDaysAgo: 12, Visibility: VisibilityTeam, RepSpeaker: "Emily Patel"},
	{File: "06-demo-aurelia-insurance.json", Title: "Aurelia Insurance Brokers — demo with IT security", Kind: KindDemo,
		OwnerTeam: "EMEA Enterprise", OwnerRank: 0, OccurredDaysAgo: 16, Visibility: VisibilityPeers, SharePeers: 2, RepSpeaker: "Pieter Fernández"},
	{File: "07-demo-pacific-crest.vtt", Title: "Pacific Crest Hospitality — tailored demo", Kind: KindDemo,
		OwnerTeam: "APAC Growth", OwnerRank: 3, OccurredDaysAgo: 6, Visibility: VisibilityPrivate, RepSpeaker: "Aroha Watanabe"},
	// Negotiation and pricing.
	{File: "08-pricing-summit-harbor.vtt", Title: "Summit Harbor Foods — pricing with the CFO", Kind: KindNegotiation,
		OwnerTeam: "Americas Mid-Market", OwnerRank: 2, OccurredDaysAgo: 3, Visibility: VisibilityPeers, SharePeers: 3, RepSpeaker: "Connor Kim"},
	{File: "09-pricing-halden-logistics.txt", Title: "Halden Logistics — commercials and procurement", Kind: KindNegotiation,
		OwnerEmail: SignInEmail, OwnerTeam: "EMEA Enterprise", OccurredDaysAgo: 2, Visibility: VisibilityPrivate, RepSpeaker: "Ana Navarro"},
	{File: "10-pricing-meridian-agritech.srt", Title: "Meridian Agritech — proposal review", Kind: KindNegotiation,
		OwnerTeam: "APAC Growth", OwnerRank: 4, OccurredDaysAgo: 8, Visibility: VisibilityTeam, RepSpeaker: "Liam Iyer"},
	// Outbound.
	{File: "11-cold-ironbridge-staffing.vtt", Title: "Ironbridge Staffing — cold call", Kind: KindCold,
		OwnerTeam: "Outbound SDR", OwnerRank: 0, OccurredDaysAgo: 5, Visibility: VisibilityTeam, RepSpeaker: "Owen Fischer"},
	{File: "12-cold-lumen-payroll.vtt", Title: "Lumen Payroll — cold call", Kind: KindCold,
		OwnerTeam: "Outbound SDR", OwnerRank: 1, OccurredDaysAgo: 1, Visibility: VisibilityPeers, SharePeers: 2, RepSpeaker: "Harper Kelly"},
}

// DemoCalls returns the demo calls, the same for every seed.
func DemoCalls() []DemoCall {
	out := make([]DemoCall, len(demoCalls))
	copy(out, demoCalls)
	return out
}

// CallFile returns the transcript file name from the calls folder as
// written, with the reps named as with seed 1.
func CallFile(name string) ([]byte, error) {
	return calls.ReadFile("calls/" + name)
}

// Owner returns the call's owner among people, the result of
// People(seed): the person with OwnerEmail, or else the OwnerRank-th rep
// of OwnerTeam in roster order, not counting the fixed people.
func (c DemoCall) Owner(people []Member) (Member, error) {
	if c.OwnerEmail != "" {
		for _, m := range people {
			if m.Email == c.OwnerEmail {
				return m, nil
			}
		}
		return Member{}, fmt.Errorf("demo call %s: no person %s", c.File, c.OwnerEmail)
	}
	var reps []Member
	for _, m := range ByRole(InTeam(people, c.OwnerTeam), domain.RoleRep) {
		if m.Email != ana.Email {
			reps = append(reps, m)
		}
	}
	if c.OwnerRank < 0 || c.OwnerRank >= len(reps) {
		return Member{}, fmt.Errorf("demo call %s: %s has %d reps, no rep %d", c.File, c.OwnerTeam, len(reps), c.OwnerRank)
	}
	return reps[c.OwnerRank], nil
}

// Transcript returns the call's transcript with the rep speaking as owner:
// RepSpeaker's full name, and the first name alone (as the buyers address
// the rep), become owner's.
func (c DemoCall) Transcript(owner Member) ([]byte, error) {
	data, err := CallFile(c.File)
	if err != nil {
		return nil, err
	}
	if owner.Name == "" || owner.Name == c.RepSpeaker {
		return data, nil
	}
	text := strings.ReplaceAll(string(data), c.RepSpeaker, owner.Name)
	from, _, _ := strings.Cut(c.RepSpeaker, " ")
	to, _, _ := strings.Cut(owner.Name, " ")
	if from != to {
		re := regexp.MustCompile(`\b` + regexp.QuoteMeta(from) + `\b`)
		text = re.ReplaceAllLiteralString(text, to)
	}
	return []byte(text), nil
}
