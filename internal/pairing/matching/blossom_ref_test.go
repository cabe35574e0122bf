package matching

// This file keeps the previous MaxWeight, the classic O(n³) stage-by-stage
// primal-dual blossom algorithm (every stage relabels all single vertices
// and rescans their edges), as an independent reference for the tests.

import "fmt"

// refMaxWeight returns a maximum-weight matching of the graph with n vertices
// (numbered 0..n-1) and the given edges: mate[v] is v's partner or -1.
// Edges must join two distinct vertices in range, at most one edge per pair.
// Edges with weight <= 0 never improve a matching and are left unmatched.
func refMaxWeight(n int, edges []Edge) ([]int, error) {
	for k, e := range edges {
		if e.U < 0 || e.U >= n || e.V < 0 || e.V >= n {
			return nil, fmt.Errorf("edge %d (%d-%d): vertex out of range [0,%d)", k, e.U, e.V, n)
		}
		if e.U == e.V {
			return nil, fmt.Errorf("edge %d: self-loop on vertex %d", k, e.U)
		}
	}
	s := newRefSolver(n, edges)
	s.solve()
	mate := make([]int, n)
	for v := range mate {
		mate[v] = -1
		if s.mate[v] >= 0 {
			mate[v] = s.endpoint[s.mate[v]]
		}
	}
	return mate, nil
}

// refArc is an edge seen from one end: the remote endpoint p (edge p/2), the
// remote vertex and the edge weight, stored together for locality.
type refArc struct {
	p, w int32
	wt   int64
}

// refSolver holds the state of Galil's primal-dual blossom algorithm.
//
// Vertices are 0..n-1; non-trivial blossoms are numbered n..2n-1. Edge k has
// endpoints 2k (vertex U) and 2k+1 (vertex V), so p^1 is the other end of the
// edge that endpoint p belongs to. Dual variables of vertices are stored
// doubled so that every quantity stays an integer.
type refSolver struct {
	n        int
	edges    []Edge
	endpoint []int // endpoint p -> vertex
	adjStart []int // CSR: v's incident edges are adj[adjStart[v]:adjStart[v+1]]
	adj      []refArc

	mate       []int   // vertex -> remote endpoint of its matched edge, or -1
	label      []int8  // top-level blossom (or vertex in a T-blossom) -> label
	labelEnd   []int   // remote endpoint of the edge through which the label came, or -1
	inBlossom  []int   // vertex -> top-level blossom containing it
	parent     []int   // blossom -> enclosing blossom, or -1
	childs     [][]int // non-trivial blossom -> sub-blossoms, starting at the base
	endps      [][]int // endps[b][i] joins childs[b][i] to childs[b][i+1]
	base       []int   // blossom -> base vertex, -1 when the number is unused
	bestEdge   []int   // least-slack edge used for the delta2/delta3 computations
	blossBest  [][]int // non-trivial S-blossom -> least-slack edges to other S-blossoms
	unused     []int   // free blossom numbers
	dual       []int64 // 2*u(v) for vertices, z(b) for blossoms
	allowed    []bool  // edge known to have zero slack
	queue      []int   // S-vertices whose edges have not been scanned yet
	bestTo     []int   // scratch for addBlossom, all -1 between uses
	leafBuf    []int   // scratch for leaf enumeration
	crumbTrail []int   // scratch for scanBlossom
}

func newRefSolver(n int, edges []Edge) *refSolver {
	m := len(edges)
	s := &refSolver{
		n:         n,
		edges:     edges,
		endpoint:  make([]int, 2*m),
		adjStart:  make([]int, n+1),
		adj:       make([]refArc, 2*m),
		mate:      make([]int, n),
		label:     make([]int8, 2*n),
		labelEnd:  make([]int, 2*n),
		inBlossom: make([]int, n),
		parent:    make([]int, 2*n),
		childs:    make([][]int, 2*n),
		endps:     make([][]int, 2*n),
		base:      make([]int, 2*n),
		bestEdge:  make([]int, 2*n),
		blossBest: make([][]int, 2*n),
		dual:      make([]int64, 2*n),
		allowed:   make([]bool, m),
		bestTo:    make([]int, 2*n),
	}
	var maxW int64
	for k, e := range edges {
		s.endpoint[2*k], s.endpoint[2*k+1] = e.U, e.V
		s.adjStart[e.U+1]++
		s.adjStart[e.V+1]++
		maxW = max(maxW, e.W)
	}
	for v := 0; v < n; v++ {
		s.adjStart[v+1] += s.adjStart[v]
	}
	fill := append([]int(nil), s.adjStart[:n]...)
	for k, e := range edges {
		s.adj[fill[e.U]] = refArc{p: int32(2*k + 1), w: int32(e.V), wt: e.W}
		fill[e.U]++
		s.adj[fill[e.V]] = refArc{p: int32(2 * k), w: int32(e.U), wt: e.W}
		fill[e.V]++
	}
	for v := 0; v < n; v++ {
		s.mate[v] = -1
		s.inBlossom[v] = v
		s.dual[v] = maxW
	}
	for b := 0; b < 2*n; b++ {
		s.labelEnd[b] = -1
		s.parent[b] = -1
		s.bestTo[b] = -1
		if b < n {
			s.base[b] = b
		} else {
			s.base[b] = -1
		}
	}
	for b := 2*n - 1; b >= n; b-- {
		s.unused = append(s.unused, b)
	}
	return s
}

// slack returns twice the slack of edge k (valid between top-level blossoms).
func (s *refSolver) slack(k int) int64 {
	e := s.edges[k]
	return s.dual[e.U] + s.dual[e.V] - 2*e.W
}

// leaves appends the vertices contained in blossom b to out.
func (s *refSolver) leaves(b int, out []int) []int {
	if b < s.n {
		return append(out, b)
	}
	for _, c := range s.childs[b] {
		out = s.leaves(c, out)
	}
	return out
}

// assignLabel labels the top-level blossom containing w with t, reached
// through remote endpoint p; a T label propagates S to the base's mate.
func (s *refSolver) assignLabel(w int, t int8, p int) {
	for {
		b := s.inBlossom[w]
		s.label[w], s.label[b] = t, t
		s.labelEnd[w], s.labelEnd[b] = p, p
		s.bestEdge[w], s.bestEdge[b] = -1, -1
		if t == labelS {
			s.queue = s.leaves(b, s.queue)
			return
		}
		m := s.mate[s.base[b]]
		w, t, p = s.endpoint[m], labelS, m^1
	}
}

// scanBlossom traces back from S-vertices v and w. It returns the base of
// the new blossom closed by edge v-w, or -1 if the paths reach two different
// single vertices (an augmenting path).
func (s *refSolver) scanBlossom(v, w int) int {
	trail := s.crumbTrail[:0]
	base := -1
	for v != -1 || w != -1 {
		b := s.inBlossom[v]
		if s.label[b]&labelCrumb != 0 {
			base = s.base[b]
			break
		}
		trail = append(trail, b)
		s.label[b] = labelS | labelCrumb
		if s.labelEnd[b] == -1 {
			v = -1
		} else {
			t := s.inBlossom[s.endpoint[s.labelEnd[b]]]
			v = s.endpoint[s.labelEnd[t]]
		}
		if w != -1 {
			v, w = w, v
		}
	}
	for _, b := range trail {
		s.label[b] = labelS
	}
	s.crumbTrail = trail
	return base
}

// addBlossom builds a new S-blossom with the given base vertex, closed by
// edge k between two S-vertices.
func (s *refSolver) addBlossom(base, k int) {
	e := s.edges[k]
	bb, bv, bw := s.inBlossom[base], s.inBlossom[e.U], s.inBlossom[e.V]
	b := s.unused[len(s.unused)-1]
	s.unused = s.unused[:len(s.unused)-1]
	s.base[b] = base
	s.parent[b] = -1
	s.parent[bb] = b

	var path, endps []int
	for bv != bb {
		s.parent[bv] = b
		path = append(path, bv)
		endps = append(endps, s.labelEnd[bv])
		bv = s.inBlossom[s.endpoint[s.labelEnd[bv]]]
	}
	path = append(path, bb)
	reverseInts(path)
	reverseInts(endps)
	endps = append(endps, 2*k)
	for bw != bb {
		s.parent[bw] = b
		path = append(path, bw)
		endps = append(endps, s.labelEnd[bw]^1)
		bw = s.inBlossom[s.endpoint[s.labelEnd[bw]]]
	}
	s.childs[b], s.endps[b] = path, endps
	s.label[b] = labelS
	s.labelEnd[b] = s.labelEnd[bb]
	s.dual[b] = 0

	s.leafBuf = s.leaves(b, s.leafBuf[:0])
	for _, v := range s.leafBuf {
		if s.label[s.inBlossom[v]] == labelT {
			s.queue = append(s.queue, v)
		}
		s.inBlossom[v] = b
	}

	// Least-slack edges from the new blossom to every other S-blossom.
	var touched []int
	consider := func(k int) {
		e := s.edges[k]
		j := e.V
		if s.inBlossom[j] == b {
			j = e.U
		}
		bj := s.inBlossom[j]
		if bj == b || s.label[bj] != labelS {
			return
		}
		if s.bestTo[bj] == -1 {
			touched = append(touched, bj)
			s.bestTo[bj] = k
		} else if s.slack(k) < s.slack(s.bestTo[bj]) {
			s.bestTo[bj] = k
		}
	}
	for _, sub := range path {
		if s.blossBest[sub] != nil {
			for _, k := range s.blossBest[sub] {
				consider(k)
			}
		} else {
			s.leafBuf = s.leaves(sub, s.leafBuf[:0])
			for _, v := range s.leafBuf {
				for _, a := range s.adj[s.adjStart[v]:s.adjStart[v+1]] {
					consider(int(a.p / 2))
				}
			}
		}
		s.blossBest[sub] = nil
		s.bestEdge[sub] = -1
	}
	best := make([]int, 0, len(touched))
	s.bestEdge[b] = -1
	for _, bj := range touched {
		k := s.bestTo[bj]
		s.bestTo[bj] = -1
		best = append(best, k)
		if s.bestEdge[b] == -1 || s.slack(k) < s.slack(s.bestEdge[b]) {
			s.bestEdge[b] = k
		}
	}
	s.blossBest[b] = best
}

// expandBlossom dissolves top-level blossom b into its sub-blossoms. During
// a stage (endStage false) an expanding T-blossom relabels the sub-blossoms
// on the alternating path from its entry point to its base.
func (s *refSolver) expandBlossom(b int, endStage bool) {
	for _, c := range s.childs[b] {
		s.parent[c] = -1
		switch {
		case c < s.n:
			s.inBlossom[c] = c
		case endStage && s.dual[c] == 0:
			s.expandBlossom(c, endStage)
		default:
			s.leafBuf = s.leaves(c, s.leafBuf[:0])
			for _, v := range s.leafBuf {
				s.inBlossom[v] = c
			}
		}
	}
	if !endStage && s.label[b] == labelT {
		childs, endps := s.childs[b], s.endps[b]
		at := func(i int) int { return (i + len(childs)) % len(childs) }
		entry := s.inBlossom[s.endpoint[s.labelEnd[b]^1]]
		j := indexOf(childs, entry)
		step, trick := -1, 1
		if j&1 != 0 {
			j -= len(childs)
			step, trick = 1, 0
		}
		p := s.labelEnd[b]
		for j != 0 {
			s.label[s.endpoint[p^1]] = labelFree
			s.label[s.endpoint[endps[at(j-trick)]^trick^1]] = labelFree
			s.assignLabel(s.endpoint[p^1], labelT, p)
			s.allowed[endps[at(j-trick)]/2] = true
			j += step
			p = endps[at(j-trick)] ^ trick
			s.allowed[p/2] = true
			j += step
		}
		bv := childs[at(j)]
		s.label[s.endpoint[p^1]], s.label[bv] = labelT, labelT
		s.labelEnd[s.endpoint[p^1]], s.labelEnd[bv] = p, p
		s.bestEdge[bv] = -1
		j += step
		for childs[at(j)] != entry {
			bv := childs[at(j)]
			j += step
			if s.label[bv] == labelS {
				continue
			}
			reached := -1
			s.leafBuf = s.leaves(bv, s.leafBuf[:0])
			for _, v := range s.leafBuf {
				if s.label[v] != labelFree {
					reached = v
					break
				}
			}
			if reached >= 0 {
				s.label[reached] = labelFree
				s.label[s.endpoint[s.mate[s.base[bv]]]] = labelFree
				s.assignLabel(reached, labelT, s.labelEnd[reached])
			}
		}
	}
	s.label[b], s.labelEnd[b] = labelFree, -1
	s.childs[b], s.endps[b] = nil, nil
	s.base[b] = -1
	s.blossBest[b] = nil
	s.bestEdge[b] = -1
	s.unused = append(s.unused, b)
}

// augmentBlossom flips matched and unmatched edges along the even path from
// vertex v to the base of blossom b, making v the new base.
func (s *refSolver) augmentBlossom(b, v int) {
	t := v
	for s.parent[t] != b {
		t = s.parent[t]
	}
	if t >= s.n {
		s.augmentBlossom(t, v)
	}
	childs, endps := s.childs[b], s.endps[b]
	at := func(i int) int { return (i + len(childs)) % len(childs) }
	i := indexOf(childs, t)
	j, step, trick := i, -1, 1
	if i&1 != 0 {
		j -= len(childs)
		step, trick = 1, 0
	}
	for j != 0 {
		j += step
		t = childs[at(j)]
		p := endps[at(j-trick)] ^ trick
		if t >= s.n {
			s.augmentBlossom(t, s.endpoint[p])
		}
		j += step
		t = childs[at(j)]
		if t >= s.n {
			s.augmentBlossom(t, s.endpoint[p^1])
		}
		s.mate[s.endpoint[p]] = p ^ 1
		s.mate[s.endpoint[p^1]] = p
	}
	s.childs[b] = append(append([]int(nil), childs[i:]...), childs[:i]...)
	s.endps[b] = append(append([]int(nil), endps[i:]...), endps[:i]...)
	s.base[b] = s.base[s.childs[b][0]]
}

// augmentMatching flips the augmenting path through S-S edge k, which joins
// the alternating trees of two single vertices.
func (s *refSolver) augmentMatching(k int) {
	e := s.edges[k]
	for _, start := range [2][2]int{{e.U, 2*k + 1}, {e.V, 2 * k}} {
		v, p := start[0], start[1]
		for {
			bs := s.inBlossom[v]
			if bs >= s.n {
				s.augmentBlossom(bs, v)
			}
			s.mate[v] = p
			if s.labelEnd[bs] == -1 {
				break
			}
			bt := s.inBlossom[s.endpoint[s.labelEnd[bs]]]
			v = s.endpoint[s.labelEnd[bt]]
			j := s.endpoint[s.labelEnd[bt]^1]
			if bt >= s.n {
				s.augmentBlossom(bt, j)
			}
			s.mate[j] = s.labelEnd[bt]
			p = s.labelEnd[bt] ^ 1
		}
	}
}

// solve runs stages until no augmenting path improves the matching.
func (s *refSolver) solve() {
	n := s.n
	for stage := 0; stage < n; stage++ {
		clear(s.label)
		for b := range s.bestEdge {
			s.bestEdge[b] = -1
		}
		clear(s.blossBest[n:])
		clear(s.allowed)
		s.queue = s.queue[:0]
		for v := 0; v < n; v++ {
			if s.mate[v] == -1 && s.label[s.inBlossom[v]] == labelFree {
				s.assignLabel(v, labelS, -1)
			}
		}
		if !s.runStage() {
			return
		}
		for b := n; b < 2*n; b++ {
			if s.parent[b] == -1 && s.base[b] >= 0 && s.label[b] == labelS && s.dual[b] == 0 {
				s.expandBlossom(b, true)
			}
		}
	}
}

// runStage grows alternating trees, adjusting duals when stuck, until it
// augments the matching (true) or proves the matching optimal (false).
func (s *refSolver) runStage() bool {
	for {
		if s.scanQueue() {
			return true
		}
		if !s.adjustDuals() {
			return false
		}
	}
}

// scanQueue scans the edges of queued S-vertices; it returns true once it
// has augmented the matching.
func (s *refSolver) scanQueue() bool {
scan:
	for len(s.queue) > 0 {
		v := s.queue[len(s.queue)-1]
		s.queue = s.queue[:len(s.queue)-1]
		if s.label[s.inBlossom[v]] != labelS {
			continue // matched by quickAugment after it was queued
		}
		dv := s.dual[v]
		for _, a := range s.adj[s.adjStart[v]:s.adjStart[v+1]] {
			p, w, k := int(a.p), int(a.w), int(a.p/2)
			bv, bw := s.inBlossom[v], s.inBlossom[w]
			if bv == bw || (s.label[bw] == labelT && s.label[w] != labelFree) {
				continue // same blossom, or w already reached: nothing to learn
			}
			var kslack int64
			if !s.allowed[k] {
				kslack = dv + s.dual[w] - 2*a.wt
				if kslack <= 0 {
					s.allowed[k] = true
				}
			}
			switch {
			case s.allowed[k] && s.label[bw] == labelFree:
				s.assignLabel(w, labelT, p^1)
			case s.allowed[k] && s.label[bw] == labelS:
				if base := s.scanBlossom(v, w); base >= 0 {
					s.addBlossom(base, k)
				} else if s.quickAugment(v, w, k) {
					continue scan
				} else {
					s.augmentMatching(k)
					return true
				}
			case s.allowed[k] && s.label[w] == labelFree:
				s.label[w] = labelT
				s.labelEnd[w] = p ^ 1
			case s.allowed[k]:
			case s.label[bw] == labelS:
				if s.bestEdge[bv] == -1 || kslack < s.slack(s.bestEdge[bv]) {
					s.bestEdge[bv] = k
				}
			case s.label[w] == labelFree:
				if s.bestEdge[w] == -1 || kslack < s.slack(s.bestEdge[w]) {
					s.bestEdge[w] = k
				}
			}
		}
	}
	return false
}

// quickAugment matches v and w through tight edge k without ending the
// stage, when both are single vertices outside blossoms whose trees are just
// themselves (no other tight edge touches them, so nothing was labelled from
// them). The other alternating trees stay valid; only least-slack records
// that refer to v or w are recomputed. It reports whether it applied.
func (s *refSolver) quickAugment(v, w, k int) bool {
	for _, r := range [2]int{v, w} {
		if s.inBlossom[r] != r || s.mate[r] != -1 {
			return false
		}
		for _, a := range s.adj[s.adjStart[r]:s.adjStart[r+1]] {
			if int(a.p/2) != k && s.allowed[a.p/2] {
				return false
			}
		}
	}
	e := s.edges[k]
	s.mate[e.U], s.mate[e.V] = 2*k+1, 2*k
	for _, r := range [2]int{v, w} {
		s.label[r], s.labelEnd[r], s.bestEdge[r] = labelFree, -1, -1
	}
	touches := func(k, r int) bool { return k >= 0 && (s.edges[k].U == r || s.edges[k].V == r) }
	for _, r := range [2]int{v, w} {
		for _, a := range s.adj[s.adjStart[r]:s.adjStart[r+1]] {
			x := int(a.w)
			bx := s.inBlossom[x]
			switch {
			case s.label[bx] == labelS:
				if touches(s.bestEdge[bx], r) {
					s.recomputeBlossomBest(bx)
				}
				if s.bestEdge[r] == -1 || s.slack(int(a.p/2)) < s.slack(s.bestEdge[r]) {
					s.bestEdge[r] = int(a.p / 2)
				}
			case s.label[x] == labelFree && touches(s.bestEdge[x], r):
				s.recomputeFreeBest(x)
			}
		}
	}
	return true
}

// recomputeBlossomBest resets the least-slack edge from S-blossom b to
// another S-blossom.
func (s *refSolver) recomputeBlossomBest(b int) {
	s.bestEdge[b] = -1
	consider := func(k int) {
		e := s.edges[k]
		bu, bv := s.inBlossom[e.U], s.inBlossom[e.V]
		other := bv
		if bv == b {
			other = bu
		}
		if other == b || s.label[other] != labelS {
			return
		}
		if s.bestEdge[b] == -1 || s.slack(k) < s.slack(s.bestEdge[b]) {
			s.bestEdge[b] = k
		}
	}
	if s.blossBest[b] != nil {
		for _, k := range s.blossBest[b] {
			consider(k)
		}
		return
	}
	s.leafBuf = s.leaves(b, s.leafBuf[:0])
	for _, u := range s.leafBuf {
		for _, a := range s.adj[s.adjStart[u]:s.adjStart[u+1]] {
			consider(int(a.p / 2))
		}
	}
}

// recomputeFreeBest resets the least-slack edge from S-vertices to x, a
// vertex that is unlabelled or unreached inside a T-blossom.
func (s *refSolver) recomputeFreeBest(x int) {
	s.bestEdge[x] = -1
	for _, a := range s.adj[s.adjStart[x]:s.adjStart[x+1]] {
		y := int(a.w)
		if by := s.inBlossom[y]; by != s.inBlossom[x] && s.label[by] == labelS {
			if k := int(a.p / 2); s.bestEdge[x] == -1 || s.slack(k) < s.slack(s.bestEdge[x]) {
				s.bestEdge[x] = k
			}
		}
	}
}

// adjustDuals performs one dual update by the largest delta that keeps the
// duals feasible and acts on the constraint that became tight. It returns
// false when the vertex duals of single vertices reach zero (optimum).
func (s *refSolver) adjustDuals() bool {
	n := s.n
	deltaType, delta := 1, s.dual[0]
	for v := 1; v < n; v++ {
		delta = min(delta, s.dual[v])
	}
	deltaEdge, deltaBlossom := -1, -1
	for v := 0; v < n; v++ {
		if s.label[s.inBlossom[v]] == labelFree && s.bestEdge[v] != -1 {
			if d := s.slack(s.bestEdge[v]); d < delta {
				deltaType, delta, deltaEdge = 2, d, s.bestEdge[v]
			}
		}
	}
	for b := 0; b < 2*n; b++ {
		if s.parent[b] == -1 && s.label[b] == labelS && s.bestEdge[b] != -1 {
			if d := s.slack(s.bestEdge[b]) / 2; d < delta {
				deltaType, delta, deltaEdge = 3, d, s.bestEdge[b]
			}
		}
	}
	for b := n; b < 2*n; b++ {
		if s.base[b] >= 0 && s.parent[b] == -1 && s.label[b] == labelT && s.dual[b] < delta {
			deltaType, delta, deltaBlossom = 4, s.dual[b], b
		}
	}
	for v := 0; v < n; v++ {
		switch s.label[s.inBlossom[v]] {
		case labelS:
			s.dual[v] -= delta
		case labelT:
			s.dual[v] += delta
		}
	}
	for b := n; b < 2*n; b++ {
		if s.base[b] >= 0 && s.parent[b] == -1 {
			switch s.label[b] {
			case labelS:
				s.dual[b] += delta
			case labelT:
				s.dual[b] -= delta
			}
		}
	}
	switch deltaType {
	case 1:
		return false
	case 2:
		s.allowed[deltaEdge] = true
		e := s.edges[deltaEdge]
		i := e.U
		if s.label[s.inBlossom[i]] == labelFree {
			i = e.V
		}
		s.queue = append(s.queue, i)
	case 3:
		s.allowed[deltaEdge] = true
		s.queue = append(s.queue, s.edges[deltaEdge].U)
	case 4:
		s.expandBlossom(deltaBlossom, false)
	}
	return true
}
