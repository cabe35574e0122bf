package pairing

import (
	"sort"

	"huddle/internal/pairing/matching"
)

// neighbor is a partner in someone's best-partners list.
type neighbor struct {
	key   int64 // what the list ranks by
	w     int64 // the pair's weight
	other int   // pool index
}

// topList keeps the best k neighbours seen, as a min-heap on (key, -other).
type topList []neighbor

func worse(a, b neighbor) bool { return a.key < b.key || (a.key == b.key && a.other > b.other) }

func (t *topList) offer(n neighbor, k int) {
	h := *t
	if len(h) < k {
		h = append(h, n)
		for i := len(h) - 1; i > 0; {
			parent := (i - 1) / 2
			if !worse(h[i], h[parent]) {
				break
			}
			h[i], h[parent] = h[parent], h[i]
			i = parent
		}
		*t = h
		return
	}
	if !worse(h[0], n) {
		return
	}
	h[0] = n
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && worse(h[l], h[m]) {
			m = l
		}
		if r < len(h) && worse(h[r], h[m]) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// sorted returns the list best first.
func (t topList) sorted() []neighbor {
	out := append([]neighbor(nil), t...)
	sort.Slice(out, func(i, j int) bool { return worse(out[j], out[i]) })
	return out
}

// eligibility counts, per pool member, why partners were or were not eligible.
type eligibility struct {
	eligible, tzFail, repeatFail int
}

// candidates is the sparse candidate graph over the pool of available people.
type candidates struct {
	pool  []*member // available people; graph vertices are pool indices
	edges []matching.Edge
	top   [][]neighbor // best partners per pool member, best first
	why   []eligibility
	table *overlapTable
	// bestSum is the sum of each member's best boundK weights.
	bestSum []int64
}

// overlapTable caches the longest common slot between two schedule classes.
type overlapTable struct {
	spans [][3]interval // per class
	cache []int32       // class pair -> seconds + 1 (0 = not computed), nil if too many classes
	n     int
}

// maxCachedClasses bounds the class-pair cache to 16 MiB.
const maxCachedClasses = 2048

func newOverlapTable(members []*member) *overlapTable {
	t := &overlapTable{}
	for _, m := range members {
		for len(t.spans) <= m.class {
			t.spans = append(t.spans, [3]interval{})
		}
		t.spans[m.class] = m.spans
	}
	t.n = len(t.spans)
	if t.n <= maxCachedClasses {
		t.cache = make([]int32, t.n*t.n)
	}
	return t
}

// seconds returns the longest common slot of two classes, in seconds.
func (t *overlapTable) seconds(a, b int) int64 {
	if t.cache == nil {
		return longestCommon([][3]interval{t.spans[a], t.spans[b]}).length()
	}
	if v := t.cache[a*t.n+b]; v != 0 {
		return int64(v - 1)
	}
	s := longestCommon([][3]interval{t.spans[a], t.spans[b]}).length()
	t.cache[a*t.n+b] = int32(s + 1)
	t.cache[b*t.n+a] = int32(s + 1)
	return s
}

// pool returns the members who can take a partner this round.
func (p *problem) pool() []*member {
	var pool []*member
	for _, m := range p.members {
		if !m.OptOut && m.remaining() > 0 {
			pool = append(pool, m)
		}
	}
	return pool
}

// eligible reports whether two pool members may be paired: enough shared
// working hours on the meeting day and no pairing inside the repeat window.
func (p *problem) eligible(t *overlapTable, a, b *member) bool {
	return t.seconds(a.class, b.class) >= p.minSec && !p.tooRecent(a, b)
}

// buildCandidates builds the sparse candidate graph over the pool. Each
// person contributes two lists of k partners: the best k eligible partners by
// weight, and the best k by reduced weight w(i,j) - y(i) - y(j), where y is
// half the weight each person gets in a greedy matching of the first lists.
// The second list matters because weights are dominated by a few strong
// teachers: everyone's best k would be the same stars, leaving everyone else
// without an edge to a realistic partner. With exhaustive, every eligible
// pair is an edge. boundK sets how many of each person's best weights are
// summed in c.bestSum (for the groups upper bound).
func (p *problem) buildCandidates(pool []*member, k, boundK int, exhaustive bool) *candidates {
	t := newOverlapTable(p.members)
	c := &candidates{pool: pool, why: make([]eligibility, len(pool)), table: t, bestSum: make([]int64, len(pool))}
	byWeight := make([]topList, len(pool))
	kw := max(k, boundK)
	p.scanPairs(pool, t, nil, func(i, j int, w int64) {
		c.why[i].eligible++
		c.why[j].eligible++
		if exhaustive {
			c.edges = append(c.edges, matching.Edge{U: i, V: j, W: w})
		}
		byWeight[i].offer(neighbor{w, w, j}, kw)
		byWeight[j].offer(neighbor{w, w, i}, kw)
	}, c.why)

	lists := make([][]neighbor, len(pool))
	for i := range byWeight {
		lists[i] = byWeight[i].sorted()
		for r, n := range lists[i] {
			if r < boundK {
				c.bestSum[i] += n.w
			}
		}
		if len(lists[i]) > k {
			lists[i] = lists[i][:k]
		}
	}
	if !exhaustive {
		half := dualEstimate(len(pool), unionEdges(lists))
		// heaviest[i] bounds every weight of i (lists are best first), so a
		// pair whose reduced weight cannot beat the worst entry of either
		// full list is skipped without computing its weight; the lists come
		// out the same.
		heaviest := make([]int64, len(pool))
		for i, l := range lists {
			if len(l) > 0 {
				heaviest[i] = l[0].w
			}
		}
		byReduced := make([]topList, len(pool))
		hopeless := func(i, j int) bool {
			bound := min(heaviest[i], heaviest[j]) - half[i] - half[j]
			ri, rj := byReduced[i], byReduced[j]
			return len(ri) == k && bound < ri[0].key && len(rj) == k && bound < rj[0].key
		}
		p.scanPairs(pool, t, hopeless, func(i, j int, w int64) {
			r := w - half[i] - half[j]
			byReduced[i].offer(neighbor{r, w, j}, k)
			byReduced[j].offer(neighbor{r, w, i}, k)
		}, nil)
		for i := range byReduced {
			lists[i] = append(lists[i], byReduced[i].sorted()...)
		}
		c.edges = unionEdges(lists)
	}
	c.top = make([][]neighbor, len(pool))
	for i, l := range lists {
		seen := map[int]bool{}
		for _, n := range l {
			if !seen[n.other] {
				seen[n.other] = true
				c.top[i] = append(c.top[i], neighbor{n.w, n.w, n.other})
			}
		}
		sort.Slice(c.top[i], func(x, y int) bool { return worse(c.top[i][y], c.top[i][x]) })
	}
	return c
}

// scanPairs calls visit for every eligible pair i < j of pool members with
// their weight, counting ineligible pairs in why when it is not nil. Pairs
// for which skip (when not nil) returns true are not visited.
func (p *problem) scanPairs(pool []*member, t *overlapTable, skip func(i, j int) bool, visit func(i, j int, w int64), why []eligibility) {
	for i, a := range pool {
		for j := i + 1; j < len(pool); j++ {
			b := pool[j]
			if t.seconds(a.class, b.class) < p.minSec {
				if why != nil {
					why[i].tzFail++
					why[j].tzFail++
				}
				continue
			}
			if a.lastPaired != nil && p.tooRecent(a, b) {
				if why != nil {
					why[i].repeatFail++
					why[j].repeatFail++
				}
				continue
			}
			if skip != nil && skip(i, j) {
				continue
			}
			visit(i, j, p.weightAt(a.index, b.index))
		}
	}
}

// unionEdges turns neighbour lists into a deduplicated, sorted edge list.
func unionEdges(lists [][]neighbor) []matching.Edge {
	var edges []matching.Edge
	seen := map[[2]int]bool{}
	for i, list := range lists {
		for _, n := range list {
			key := [2]int{min(i, n.other), max(i, n.other)}
			if !seen[key] {
				seen[key] = true
				edges = append(edges, matching.Edge{U: key[0], V: key[1], W: n.w})
			}
		}
	}
	sort.Slice(edges, func(x, y int) bool {
		if edges[x].U != edges[y].U {
			return edges[x].U < edges[y].U
		}
		return edges[x].V < edges[y].V
	})
	return edges
}

// dualEstimate returns, per vertex, half the weight of its edge in a greedy
// matching (0 if unmatched): a cheap stand-in for the optimal dual values.
func dualEstimate(n int, edges []matching.Edge) []int64 {
	mate := matching.Greedy(n, edges)
	half := make([]int64, n)
	for _, e := range edges {
		if mate[e.U] == e.V {
			half[e.U], half[e.V] = e.W/2, e.W/2
		}
	}
	return half
}
