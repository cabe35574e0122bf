package pairing

import (
	"math"
	"math/rand"
	"regexp"
	"strconv"
	"testing"
)

// smallRoster draws n people from a generated roster, with tighter
// overlap so that time zones really bite.
func smallRoster(n int, seed int64) Input {
	in := GenerateRoster(n, seed)
	rng := rand.New(rand.NewSource(seed))
	in.Options.MinOverlapHours = []float64{0, 1, 2, 4}[rng.Intn(4)]
	in.Options.Prefer = []Preference{PreferNone, PreferCrossRegion, PreferCrossTeam}[rng.Intn(3)]
	in.Options.RepeatAfterDays = []int{0, 90, 365}[rng.Intn(3)]
	return in
}

// bruteForcePairs returns the best total weight over all matchings of the
// eligible pairs, by dynamic programming over subsets.
func bruteForcePairs(t *testing.T, in Input) int64 {
	p, err := newProblem(in)
	if err != nil {
		t.Fatal(err)
	}
	pool := p.pool()
	n := len(pool)
	table := newOverlapTable(p.members)
	best := make([]int64, 1<<n)
	for mask := 1; mask < 1<<n; mask++ {
		i := 0
		for mask&(1<<i) == 0 {
			i++
		}
		rest := mask &^ (1 << i)
		b := best[rest]
		for j := i + 1; j < n; j++ {
			if rest&(1<<j) != 0 && p.eligible(table, pool[i], pool[j]) {
				b = max(b, best[rest&^(1<<j)]+p.weight(pool[i], pool[j]))
			}
		}
		best[mask] = b
	}
	return best[1<<n-1]
}

func TestProposeMatchesBruteForce(t *testing.T) {
	for seed := int64(1); seed <= 400; seed++ {
		n := 2 + int(seed%9)
		in := smallRoster(n, seed)
		want := bruteForcePairs(t, in)
		for _, exhaustive := range []bool{false, true} {
			in.Options.Exhaustive = exhaustive
			res, err := Propose(in)
			if err != nil {
				t.Fatal(err)
			}
			if got := int64(math.Round(res.TotalWeight * weightScale)); got != want {
				t.Fatalf("seed %d n=%d exhaustive=%t: total %d, brute force %d", seed, n, exhaustive, got, want)
			}
			if res.GreedyWeight > res.TotalWeight {
				t.Fatalf("seed %d: greedy %.3f beats optimum %.3f", seed, res.GreedyWeight, res.TotalWeight)
			}
		}
	}
}

func TestGreedyIsNotOptimal(t *testing.T) {
	worse := 0
	for seed := int64(1); seed <= 30; seed++ {
		res, err := Propose(GenerateRoster(60, seed))
		if err != nil {
			t.Fatal(err)
		}
		if res.GreedyWeight < res.TotalWeight {
			worse++
		}
	}
	if worse == 0 {
		t.Error("greedy matched the optimum on every roster; the comparison shows nothing")
	}
}

// checkConstraints verifies the hard constraints of a result.
func checkConstraints(t *testing.T, in Input, res Result) {
	t.Helper()
	p, err := newProblem(in)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	place := func(id string) *member {
		if seen[id] {
			t.Fatalf("%s placed twice", id)
		}
		seen[id] = true
		m := p.members[p.byID[id]]
		if m.OptOut {
			t.Fatalf("opted-out %s placed", id)
		}
		if m.remaining() < 1 {
			t.Fatalf("%s placed beyond capacity (%d active of %d)", id, m.active, m.Capacity)
		}
		return m
	}
	for _, pr := range res.Pairs {
		a, b := place(pr.A), place(pr.B)
		if s := longestCommon([][3]interval{a.spans, b.spans}); s.length() < p.minSec {
			t.Fatalf("%s+%s share %ds < %ds", pr.A, pr.B, s.length(), p.minSec)
		}
		if p.tooRecent(a, b) {
			t.Fatalf("%s+%s repeat inside the window", pr.A, pr.B)
		}
	}
	for _, g := range res.Groups {
		if len(g.Members) < p.opts.GroupMin || len(g.Members) > p.opts.GroupMax {
			t.Fatalf("group of %d outside [%d,%d]", len(g.Members), p.opts.GroupMin, p.opts.GroupMax)
		}
		var ms []*member
		var spans [][3]interval
		for _, id := range g.Members {
			m := place(id)
			ms = append(ms, m)
			spans = append(spans, m.spans)
		}
		if s := longestCommon(spans); s.length() < p.minSec || s.length() == 0 {
			t.Fatalf("group %v has no common %ds slot", g.Members, p.minSec)
		}
		for i, a := range ms {
			for _, b := range ms[i+1:] {
				if p.tooRecent(a, b) {
					t.Fatalf("group %v repeats %s+%s inside the window", g.Members, a.ID, b.ID)
				}
			}
		}
	}
	for _, u := range res.Unmatched {
		if seen[u.ID] {
			t.Fatalf("%s both placed and unmatched", u.ID)
		}
		seen[u.ID] = true
		if u.Reason == "" {
			t.Fatalf("%s unmatched without a reason", u.ID)
		}
	}
	if len(seen) != len(in.People) {
		t.Fatalf("%d of %d people accounted for", len(seen), len(in.People))
	}
}

func TestConstraintsHold(t *testing.T) {
	for seed := int64(1); seed <= 40; seed++ {
		in := smallRoster(20+int(seed)*3, seed)
		in.Options.MinOverlapHours = float64(seed%4) + 0.5
		for _, mode := range []Mode{ModePairs, ModeGroups} {
			in.Options.Mode = mode
			in.Options.GroupMin, in.Options.GroupMax = 3, 3+int(seed%4)
			res, err := Propose(in)
			if err != nil {
				t.Fatal(err)
			}
			checkConstraints(t, in, res)
			if mode == ModeGroups && len(res.Groups) > 0 && (res.TotalWeight > res.UpperBound || res.TotalWeight < res.RandomBaseline) {
				t.Errorf("seed %d: groups objective %.3f outside [baseline %.3f, bound %.3f]", seed, res.TotalWeight, res.RandomBaseline, res.UpperBound)
			}
		}
	}
}

func TestCapacityCountsActivePairings(t *testing.T) {
	in := GenerateRoster(6, 3)
	in.People[0].Capacity = 2
	in.History = []Pairing{
		{A: in.People[0].ID, B: in.People[1].ID, Date: GenerateDate.AddDate(0, 0, -5)},
		{A: in.People[0].ID, B: in.People[2].ID, Date: GenerateDate.AddDate(0, 0, -6)},
	}
	in.Options.MinOverlapHours = 0
	res, err := Propose(in)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, u := range res.Unmatched {
		reasons[u.ID] = u.Reason
	}
	if reasons[in.People[0].ID] != "capacity reached: 2 of 2 pairings still active" {
		t.Errorf("p1: %q", reasons[in.People[0].ID])
	}
	if reasons[in.People[1].ID] != "capacity reached: 1 of 1 pairings still active" {
		t.Errorf("p2: %q", reasons[in.People[1].ID])
	}
}

var (
	reLearn  = regexp.MustCompile(`^(.+) is ([0-9.]+) below the team median on (\w+); (.+) is (?:in the top (\d+)% on it|([0-9.]+) above it)$`)
	reHours  = regexp.MustCompile(`^([0-9.]+) h of shared working hours on (\w{3} \d{4}-\d{2}-\d{2}) `)
	reLast   = regexp.MustCompile(`^last paired (\d+) days? ago$`)
	reTenure = regexp.MustCompile(`^(?:tenure mix|similar tenure): (.+) and (.+)$`)
)

// TestReasonsAgreeWithNumbers re-derives every number quoted in a reason.
func TestReasonsAgreeWithNumbers(t *testing.T) {
	in := GenerateRoster(300, 5)
	in.Options.RepeatAfterDays = 30
	res, err := Propose(in)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := newProblem(in)
	stat := map[string]skillStat{}
	for _, s := range p.stats {
		stat[s.name] = s
	}
	byName := map[string]*member{}
	for _, m := range p.members {
		byName[m.Name] = m
	}
	near := func(quoted string, x float64) bool {
		q, err := strconv.ParseFloat(quoted, 64)
		return err == nil && math.Abs(q-x) <= 0.05+1e-9
	}
	checked := map[string]int{}
	for _, pr := range res.Pairs {
		a, b := p.members[p.byID[pr.A]], p.members[p.byID[pr.B]]
		bd := pr.Breakdown
		if math.Abs(bd.Learning+bd.Tenure+bd.Cross+bd.Base-pr.Weight) > 0.003 {
			t.Errorf("%s+%s: breakdown %+v does not add up to %.3f", pr.A, pr.B, bd, pr.Weight)
		}
		for _, r := range pr.Reasons {
			if m := reLearn.FindStringSubmatch(r); m != nil {
				learner, teacher, st := byName[m[1]], byName[m[4]], stat[m[3]]
				if !near(m[2], st.median-learner.Skills[st.name]) || learner.Skills[st.name] >= st.median {
					t.Errorf("%q: %s scores %.2f, median %.2f", r, learner.Name, learner.Skills[st.name], st.median)
				}
				x := teacher.Skills[st.name]
				if m[5] != "" {
					top, _ := strconv.Atoi(m[5])
					if share := st.topPercent(x); share > float64(top) || share <= float64(top-5) {
						t.Errorf("%q: %s is in the top %.1f%%", r, teacher.Name, share)
					}
				} else if !near(m[6], x-st.median) || x <= st.median {
					t.Errorf("%q: %s scores %.2f, median %.2f", r, teacher.Name, x, st.median)
				}
				checked["learning"]++
			}
			if m := reHours.FindStringSubmatch(r); m != nil {
				s := longestCommon([][3]interval{a.spans, b.spans})
				if !near(m[1], hoursOf(s)) || m[1] != strconv.FormatFloat(pr.OverlapHours, 'f', 1, 64) || m[2] != res.MeetingDay {
					t.Errorf("%q: overlap %.2f h on %s", r, hoursOf(s), res.MeetingDay)
				}
				if hoursOf(s) < in.Options.MinOverlapHours {
					t.Errorf("%q below the minimum", r)
				}
				checked["hours"]++
			}
			if m := reLast.FindStringSubmatch(r); m != nil {
				d, _ := p.recentDays(a, b)
				if m[1] != strconv.Itoa(d) || d < in.Options.RepeatAfterDays {
					t.Errorf("%q: last paired %d days ago", r, d)
				}
				checked["last"]++
			}
			if r == "never paired" {
				if _, ok := p.recentDays(a, b); ok {
					t.Errorf("%s+%s: %q but history has them", pr.A, pr.B, r)
				}
				checked["never"]++
			}
			if m := reTenure.FindStringSubmatch(r); m != nil {
				if m[1] != fmtTenure(a.tenureYears) || m[2] != fmtTenure(b.tenureYears) {
					t.Errorf("%q: tenures %.2f and %.2f years", r, a.tenureYears, b.tenureYears)
				}
				checked["tenure"]++
			}
		}
	}
	for _, kind := range []string{"learning", "hours", "last", "never", "tenure"} {
		if checked[kind] == 0 {
			t.Errorf("no %s reason checked", kind)
		}
	}
}

func TestFmtTenure(t *testing.T) {
	for years, want := range map[float64]string{0.34: "4 months", 0.09: "1 month", 6.02: "6 years", 2.55: "2.5 years", 1.01: "1 year"} {
		if got := fmtTenure(years); got != want {
			t.Errorf("fmtTenure(%v) = %q, want %q", years, got, want)
		}
	}
}
