package demo

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"huddle/internal/domain"
	"huddle/internal/roster"
)

// fixed people: the same whatever the seed, so that the demo and its
// guide can name them.
var (
	vp = Member{
		Name: "Grace Okafor", Email: VPEmail, Roles: domain.Roles{domain.RoleManager},
		Region: "Global", TimeZone: "America/New_York", StartDate: day(2019, 1, 7),
		WorkingHours: domain.WorkingHours{Start: 8*60 + 30, End: 17*60 + 30},
	}
	revOps = Member{
		Name: "Tomás Lindqvist", Email: RevOpsEmail, ManagerEmail: VPEmail, Roles: domain.Roles{domain.RoleAdmin},
		Region: "Global", TimeZone: "Europe/Stockholm", StartDate: day(2021, 1, 11),
		WorkingHours: domain.WorkingHours{Start: 8 * 60, End: 16 * 60},
	}
	ana = Member{
		Name: "Ana Navarro", Email: SignInEmail, Team: "EMEA Enterprise", ManagerEmail: "sofia.marchetti@" + Domain,
		Roles:  domain.Roles{domain.RoleRep, domain.RoleCoach, domain.RoleAdmin},
		Region: "EMEA", TimeZone: "Europe/Madrid", StartDate: day(2022, 9, 5),
		WorkingHours: domain.DefaultWorkingHours,
	}
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Tenure ranges, in days before ReferenceDate: new hires still ramping,
// established reps and veterans. Together they span two weeks to eight
// years.
var (
	tenureNew     = [2]int{14, 120}
	tenureMid     = [2]int{121, 3 * 365}
	tenureSenior  = [2]int{3*365 + 1, 8 * 365}
	tenureManager = [2]int{3 * 365, 8 * 365}
	// tenureMix is the share of each range in a team, cycled.
	tenureMix = [][2]int{tenureNew, tenureMid, tenureMid, tenureSenior, tenureMid}
)

// People returns the demo organisation's people for seed: the VP, the
// RevOps admin, then each team's manager and members. The same seed always
// gives the same people. Each team has one manager and two peer coaches
// (rep and coach; in EMEA one of them is Ana); everyone else is a rep.
func People(seed int64) []Member {
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15))
	people := []Member{vp, revOps}
	taken := map[string]bool{vp.Email: true, revOps.Email: true, ana.Email: true}
	for _, team := range Teams {
		taken[team.ManagerEmail] = true
	}
	for _, team := range Teams {
		people = append(people, Member{
			Name: team.ManagerName, Email: team.ManagerEmail, Team: team.Name, ManagerEmail: VPEmail,
			Roles: domain.Roles{domain.RoleManager}, Region: team.Region, TimeZone: team.TimeZones[0],
			StartDate:    ReferenceDate.AddDate(0, 0, -between(rng, tenureManager)),
			WorkingHours: hourChoices[rng.IntN(len(hourChoices))],
		})
		people = append(people, members(rng, team, taken)...)
	}
	return people
}

// members draws a team's people other than its manager.
func members(rng *rand.Rand, team Team, taken map[string]bool) []Member {
	n := team.Size - 1
	var out []Member
	if team.Name == ana.Team {
		out = append(out, ana)
		n--
	}
	firsts, lasts := shuffled(rng, firstNames[team.Name]), shuffled(rng, lastNames[team.Name])
	tenures := shuffled(rng, cycle(tenureMix, n))
	zoneOffset := rng.IntN(len(team.TimeZones))
	var drawn []Member
	for i := range n {
		name := firsts[i] + " " + lasts[i]
		local := emailLocal(name)
		email := local + "@" + Domain
		for k := 2; taken[email]; k++ {
			email = local + strconv.Itoa(k) + "@" + Domain
		}
		taken[email] = true
		drawn = append(drawn, Member{
			Name: name, Email: email, Team: team.Name, ManagerEmail: team.ManagerEmail,
			Roles: domain.Roles{domain.RoleRep}, Region: team.Region,
			TimeZone:     team.TimeZones[(i+zoneOffset)%len(team.TimeZones)],
			StartDate:    ReferenceDate.AddDate(0, 0, -between(rng, tenures[i])),
			WorkingHours: hourChoices[rng.IntN(len(hourChoices))],
		})
	}
	// The longest-serving reps coach, up to two coaches per team.
	bySeniority := make([]int, len(drawn))
	for i := range bySeniority {
		bySeniority[i] = i
	}
	slices.SortStableFunc(bySeniority, func(a, b int) int { return drawn[a].StartDate.Compare(drawn[b].StartDate) })
	for _, i := range bySeniority[:2-len(out)] {
		drawn[i].Roles = domain.Roles{domain.RoleRep, domain.RoleCoach}
	}
	return append(out, drawn...)
}

// between draws a whole number of days in the closed range r.
func between(rng *rand.Rand, r [2]int) int { return r[0] + rng.IntN(r[1]-r[0]+1) }

func shuffled[T any](rng *rand.Rand, s []T) []T {
	s = slices.Clone(s)
	rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	return s
}

// cycle repeats s until it has n elements.
func cycle[T any](s []T, n int) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = s[i%len(s)]
	}
	return out
}

// Roster returns the demo organisation's roster for seed as a CSV file in
// the format roster.Parse reads. The same seed gives the same bytes.
func Roster(seed int64) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(roster.Columns)
	for _, m := range People(seed) {
		_ = w.Write([]string{
			m.Name, m.Email, m.Team, m.ManagerEmail, m.Roles.String(), m.Region, m.TimeZone,
			m.StartDate.Format(domain.DateLayout), m.WorkingHours.String(),
		})
	}
	w.Flush() // writes to a bytes.Buffer cannot fail
	return buf.Bytes()
}

// ByRole returns the people of members who hold role, in roster order.
func ByRole(members []Member, role domain.Role) []Member {
	var out []Member
	for _, m := range members {
		if m.Roles.Has(role) {
			out = append(out, m)
		}
	}
	return out
}

// InTeam returns the people of members in the named team, in roster order.
func InTeam(members []Member, team string) []Member {
	var out []Member
	for _, m := range members {
		if m.Team == team {
			out = append(out, m)
		}
	}
	return out
}
