package pairing

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
)

// Group search effort.
const (
	maxImprovePasses = 20
	baselineShuffles = 10
)

// grouper partitions the pool into groups (see the package doc): greedy
// construction seeded with the hardest-to-place people, a repair pass for
// those left over, then local search with moves and swaps.
type grouper struct {
	p        *problem
	c        *candidates
	min, max int
	groupOf  []int   // pool index -> group id, -1 when unplaced
	groups   [][]int // group id -> pool indices; nil once dissolved
	spanBuf  [][3]interval
}

func (p *problem) proposeGroups() Result {
	pool := p.pool()
	c := p.buildCandidates(pool, max(p.opts.K, 2*p.opts.GroupMax), p.opts.GroupMax-1, p.opts.Exhaustive)
	g := &grouper{p: p, c: c, min: p.opts.GroupMin, max: p.opts.GroupMax, groupOf: make([]int, len(pool))}
	for i := range g.groupOf {
		g.groupOf[i] = -1
	}
	g.build()
	g.repair()
	g.improve()
	g.repair()

	res := p.newResult(c)
	var total int64
	var sizes []int
	var placed []int
	for _, members := range g.groups {
		if members == nil {
			continue
		}
		sort.Ints(members)
		w := g.objective(members)
		total += w
		sizes = append(sizes, len(members))
		placed = append(placed, members...)
		res.Groups = append(res.Groups, g.explain(members, w))
	}
	sort.SliceStable(res.Groups, func(x, y int) bool { return res.Groups[x].Weight > res.Groups[y].Weight })
	res.TotalWeight = toFloat(total)
	res.RandomBaseline = toFloat(g.randomBaseline(placed, sizes))
	res.UpperBound = toFloat(g.upperBound())

	inPool := map[*member]int{}
	for i, m := range pool {
		inPool[m] = i
	}
	for _, m := range p.members {
		i, ok := inPool[m]
		switch {
		case !ok:
			res.Unmatched = append(res.Unmatched, Unmatched{m.ID, p.unavailableReason(m)})
		case g.groupOf[i] == -1:
			res.Unmatched = append(res.Unmatched, Unmatched{m.ID, p.unpairedReason(c, i)})
		}
	}
	return res
}

// w is the benefit of pool members i and j being in one group.
func (g *grouper) w(i, j int) int64 { return g.p.weight(g.c.pool[i], g.c.pool[j]) }

// gain is the benefit x adds to members (x itself skipped).
func (g *grouper) gain(x int, members []int) int64 {
	var sum int64
	for _, m := range members {
		if m != x {
			sum += g.w(x, m)
		}
	}
	return sum
}

func (g *grouper) objective(members []int) int64 {
	var sum int64
	for a, i := range members {
		for _, j := range members[a+1:] {
			sum += g.w(i, j)
		}
	}
	return sum
}

// fits reports whether x may join members (x itself skipped): no repeat
// inside the window with anyone, and a common slot for all.
func (g *grouper) fits(x int, members []int) bool {
	spans := append(g.spanBuf[:0], g.c.pool[x].spans)
	for _, m := range members {
		if m == x {
			continue
		}
		if g.p.tooRecent(g.c.pool[x], g.c.pool[m]) || g.c.table.seconds(g.c.pool[x].class, g.c.pool[m].class) < g.p.minSec {
			return false
		}
		spans = append(spans, g.c.pool[m].spans)
	}
	g.spanBuf = spans
	return longestCommon(spans).length() >= g.p.minSec
}

// slotOK reports whether members (without skip) still share a slot.
func (g *grouper) slotOK(members []int, skip int) bool {
	spans := g.spanBuf[:0]
	for _, m := range members {
		if m != skip {
			spans = append(spans, g.c.pool[m].spans)
		}
	}
	g.spanBuf = spans
	return longestCommon(spans).length() >= g.p.minSec
}

func (g *grouper) add(members []int) {
	id := len(g.groups)
	g.groups = append(g.groups, members)
	for _, m := range members {
		g.groupOf[m] = id
	}
}

func remove(members []int, x int) []int {
	out := make([]int, 0, len(members))
	for _, m := range members {
		if m != x {
			out = append(out, m)
		}
	}
	return out
}

// grow extends members greedily from the candidates' best-partner lists,
// taking unplaced people only, until size target or no one fits.
func (g *grouper) grow(members []int, target int) []int {
	for len(members) < target {
		type option struct {
			x    int
			gain int64
		}
		var opts []option
		seen := map[int]bool{}
		for _, m := range members {
			seen[m] = true
		}
		for _, m := range members {
			for _, n := range g.c.top[m] {
				if x := n.other; !seen[x] && g.groupOf[x] == -1 {
					seen[x] = true
					opts = append(opts, option{x, g.gain(x, members)})
				}
			}
		}
		sort.Slice(opts, func(a, b int) bool {
			return opts[a].gain > opts[b].gain || (opts[a].gain == opts[b].gain && opts[a].x < opts[b].x)
		})
		picked := -1
		for _, o := range opts {
			if g.fits(o.x, members) {
				picked = o.x
				break
			}
		}
		if picked < 0 {
			break
		}
		members = append(members, picked)
	}
	return members
}

// build forms groups greedily, seeding each with the unplaced person who has
// the fewest eligible partners.
func (g *grouper) build() {
	order := make([]int, len(g.c.pool))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return g.c.why[order[a]].eligible < g.c.why[order[b]].eligible })
	for _, seed := range order {
		if g.groupOf[seed] != -1 || g.c.why[seed].eligible == 0 {
			continue
		}
		if members := g.grow([]int{seed}, g.max); len(members) >= g.min {
			g.add(members)
		}
	}
}

// repair places leftovers: into a group with room, else into a new group
// grown from leftovers and from members that groups above the minimum size
// can spare.
func (g *grouper) repair() {
	for x := range g.c.pool {
		if g.groupOf[x] != -1 || g.c.why[x].eligible == 0 {
			continue
		}
		if g.insert(x) {
			continue
		}
		g.formWithDonors(x)
	}
}

// insert puts x into the best group with room, if any fits.
func (g *grouper) insert(x int) bool {
	best, bestGain := -1, int64(-1)
	for id, members := range g.groups {
		if members == nil || len(members) >= g.max {
			continue
		}
		if gain := g.gain(x, members); gain > bestGain && g.fits(x, members) {
			best, bestGain = id, gain
		}
	}
	if best < 0 {
		return false
	}
	g.groups[best] = append(g.groups[best], x)
	g.groupOf[x] = best
	return true
}

// formWithDonors builds a group of at least the minimum size around x from
// unplaced people and from spare members of other groups.
func (g *grouper) formWithDonors(x int) {
	members := g.grow([]int{x}, g.max)
	type loan struct{ person, group int }
	var loans []loan
	for len(members) < g.min {
		best, bestNet := -1, int64(0)
		for _, n := range g.c.top[x] {
			y := n.other
			id := g.groupOf[y]
			if id == -1 || len(g.groups[id]) <= g.min || indexOfInt(members, y) >= 0 {
				continue
			}
			net := g.gain(y, members) - g.gain(y, g.groups[id])
			if (best == -1 || net > bestNet) && g.fits(y, members) && g.slotOK(g.groups[id], y) {
				best, bestNet = y, net
			}
		}
		if best < 0 {
			for _, l := range loans { // give everyone back
				g.groups[l.group] = append(g.groups[l.group], l.person)
				g.groupOf[l.person] = l.group
			}
			return
		}
		id := g.groupOf[best]
		loans = append(loans, loan{best, id})
		g.groups[id] = remove(g.groups[id], best)
		g.groupOf[best] = -1
		members = append(members, best)
	}
	g.add(members)
}

// improve runs passes of improving moves and swaps between groups, over
// the best-partner lists, until a pass finds nothing.
func (g *grouper) improve() {
	for pass := 0; pass < maxImprovePasses; pass++ {
		improved := false
		for x := range g.c.pool {
			for _, n := range g.c.top[x] {
				if g.tryMove(x, n.other) || g.trySwap(x, n.other) {
					improved = true
				}
			}
		}
		if !improved {
			return
		}
	}
}

// tryMove moves x into y's group if that raises the objective.
func (g *grouper) tryMove(x, y int) bool {
	from, to := g.groupOf[x], g.groupOf[y]
	if from == -1 || to == -1 || from == to || len(g.groups[from]) <= g.min || len(g.groups[to]) >= g.max {
		return false
	}
	delta := g.gain(x, g.groups[to]) - g.gain(x, g.groups[from])
	if delta <= 0 || !g.fits(x, g.groups[to]) || !g.slotOK(g.groups[from], x) {
		return false
	}
	g.groups[from] = remove(g.groups[from], x)
	g.groups[to] = append(g.groups[to], x)
	g.groupOf[x] = to
	return true
}

// trySwap exchanges x and y between their groups if that raises the objective.
func (g *grouper) trySwap(x, y int) bool {
	gx, gy := g.groupOf[x], g.groupOf[y]
	if gx == -1 || gy == -1 || gx == gy {
		return false
	}
	restX, restY := remove(g.groups[gx], x), remove(g.groups[gy], y)
	delta := g.gain(x, restY) + g.gain(y, restX) - g.gain(x, restX) - g.gain(y, restY)
	if delta <= 0 || !g.fits(x, restY) || !g.fits(y, restX) {
		return false
	}
	g.groups[gx], g.groups[gy] = append(restX, y), append(restY, x)
	g.groupOf[x], g.groupOf[y] = gy, gx
	return true
}

// randomBaseline is the mean objective of shuffling the placed people into
// groups of the same sizes, ignoring constraints.
func (g *grouper) randomBaseline(placed, sizes []int) int64 {
	if len(placed) == 0 {
		return 0
	}
	rng := rand.New(rand.NewSource(1))
	people := append([]int(nil), placed...)
	var sum int64
	for r := 0; r < baselineShuffles; r++ {
		rng.Shuffle(len(people), func(i, j int) { people[i], people[j] = people[j], people[i] })
		at := 0
		for _, s := range sizes {
			sum += g.objective(people[at : at+s])
			at += s
		}
	}
	return sum / baselineShuffles
}

// upperBound caps the objective of any valid grouping: each person can gain
// at most their best max-1 eligible partners, and each pair counts twice.
func (g *grouper) upperBound() int64 {
	var sum int64
	for _, s := range g.c.bestSum {
		sum += s
	}
	return sum / 2
}

// explain builds the Group with reasons restating its numbers.
func (g *grouper) explain(members []int, w int64) Group {
	p := g.p
	var spans [][3]interval
	var ms []*member
	for _, i := range members {
		ms = append(ms, g.c.pool[i])
		spans = append(spans, g.c.pool[i].spans)
	}
	slot := longestCommon(spans)
	grp := Group{Weight: toFloat(w), Slot: slotOf(slot).String(), Hours: round1(hoursOf(slot))}
	for _, m := range ms {
		grp.Members = append(grp.Members, m.ID)
	}
	grp.Reasons = append(grp.Reasons, fmt.Sprintf("common slot: %.1f h on %s (%s)", hoursOf(slot), p.meet, grp.Slot))

	// The two strongest learning links inside the group.
	type link struct {
		learner, teacher *member
		v                float64
	}
	var links []link
	for _, a := range ms {
		for _, b := range ms {
			if s := bestSkill(a, b); a != b && s >= 0 {
				links = append(links, link{a, b, a.standing.gap[s] * b.standing.strength[s]})
			}
		}
	}
	sort.SliceStable(links, func(i, j int) bool { return links[i].v > links[j].v })
	for i := 0; i < len(links) && i < 2; i++ {
		grp.Reasons = append(grp.Reasons, p.learningReason(links[i].learner, links[i].teacher))
	}

	lo, hi := ms[0], ms[0]
	regions, teams := map[string]bool{}, map[string]bool{}
	for _, m := range ms {
		if m.tenureYears < lo.tenureYears {
			lo = m
		}
		if m.tenureYears > hi.tenureYears {
			hi = m
		}
		regions[orUnknown(m.Region)] = true
		teams[orUnknown(m.Team)] = true
	}
	grp.Reasons = append(grp.Reasons, fmt.Sprintf("tenure from %s to %s", fmtTenure(lo.tenureYears), fmtTenure(hi.tenureYears)))
	switch p.opts.Prefer {
	case PreferCrossRegion:
		grp.Reasons = append(grp.Reasons, fmt.Sprintf("regions: %s", joinKeys(regions)))
	case PreferCrossTeam:
		grp.Reasons = append(grp.Reasons, fmt.Sprintf("teams: %s", joinKeys(teams)))
	}
	grp.Reasons = append(grp.Reasons, fmt.Sprintf("no two members paired in the last %d days", p.opts.RepeatAfterDays))
	return grp
}

func joinKeys(set map[string]bool) string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

func indexOfInt(a []int, x int) int {
	for i, y := range a {
		if y == x {
			return i
		}
	}
	return -1
}
