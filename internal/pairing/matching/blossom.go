package matching

import "fmt"

// Edge is an undirected edge between vertices U and V with integer weight W.
type Edge struct {
	U, V int
	W    int64
}

// Labels of top-level blossoms in the alternating forest. labelCrumb marks blossoms
// visited while tracing back from an S-S edge.
const (
	labelFree  int8 = 0
	labelS     int8 = 1
	labelT     int8 = 2
	labelCrumb int8 = 4
)

// MaxWeight returns a maximum-weight matching of the graph with n vertices
// (numbered 0..n-1) and the given edges: mate[v] is v's partner or -1.
// Edges must join two distinct vertices in range, at most one edge per pair.
// Edges with weight <= 0 never improve a matching and are left unmatched.
func MaxWeight(n int, edges []Edge) ([]int, error) {
	for k, e := range edges {
		if e.U < 0 || e.U >= n || e.V < 0 || e.V >= n {
			return nil, fmt.Errorf("edge %d (%d-%d): vertex out of range [0,%d)", k, e.U, e.V, n)
		}
		if e.U == e.V {
			return nil, fmt.Errorf("edge %d: self-loop on vertex %d", k, e.U)
		}
	}
	s := newSolver(n, edges)
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

// arc is an edge seen from one end: the remote endpoint p (edge p/2), the
// remote vertex and the edge weight, stored together for locality.
type arc struct {
	p, w int32
	wt   int64
}

// solver holds the state of Galil's primal-dual blossom algorithm.
//
// Vertices are 0..n-1; non-trivial blossoms are numbered n..2n-1. Edge k has
// endpoints 2k (vertex U) and 2k+1 (vertex V), so p^1 is the other end of the
// edge that endpoint p belongs to. Dual variables of vertices are stored
// doubled so that every quantity stays an integer.
//
// Dual updates are lazy: the dual of vertex or blossom x is
// dual[x] + dir[x]·offset, where offset is the sum of all dual adjustments
// so far and dir[x] says how x moves with them (-1 for vertices in top-level
// S-blossoms, +1 in T-blossoms; +1 for top-level S-blossoms, -1 for T;
// 0 otherwise). A label change folds the movement so far into dual[x]. The
// least-slack candidates of the dual adjustment sit in three heaps whose keys
// do not move with offset; stale entries are dropped when they surface.
type solver struct {
	n        int
	edges    []Edge
	endpoint []int // endpoint p -> vertex
	adjStart []int // CSR: v's incident edges are adj[adjStart[v]:adjStart[v+1]]
	adj      []arc

	mate       []int     // vertex -> remote endpoint of its matched edge, or -1
	label      []int8    // top-level blossom (or vertex in a T-blossom) -> label
	labelEnd   []int     // remote endpoint of the edge through which the label came, or -1
	inBlossom  []int     // vertex -> top-level blossom containing it
	parent     []int     // blossom -> enclosing blossom, or -1
	childs     [][]int   // non-trivial blossom -> sub-blossoms, starting at the base
	endps      [][]int   // endps[b][i] joins childs[b][i] to childs[b][i+1]
	base       []int     // blossom -> base vertex, -1 when the number is unused
	bestEdge   []int     // least-slack edge used for the delta2/delta3 computations
	recKey     []int64   // heap key bestEdge was recorded with (see setFreeBest, setSBest)
	blossBest  [][]int   // non-trivial S-blossom -> least-slack edges to other S-blossoms
	unused     []int     // free blossom numbers
	dual       []int64   // 2*u(v) for vertices, z(b) for blossoms, before the lazy part (see d)
	dir        []int8    // how dual[x] moves with offset
	offset     int64     // sum of all dual adjustments
	maxDual    int64     // initial vertex dual; single vertices are at maxDual-offset
	freeBest   idxHeap   // unlabelled vertex v, bestEdge[v]; key slack+offset
	sBest      idxHeap   // top-level S-blossom b, bestEdge[b]; key slack+2·offset
	tBlossoms  idxHeap   // top-level T-blossom b; key z(b)+offset
	allowed    []bool    // edge known to have zero slack
	queue      []int     // S-vertices whose edges have not been scanned yet
	bestTo     []int     // scratch for addBlossom, all -1 between uses
	leafBuf    []int     // scratch for leaf enumeration
	crumbTrail []int     // scratch for scanBlossom
	root       []int     // labelled top-level blossom -> root vertex of its tree
	members    [][]int32 // root vertex -> vertices labelled into its tree (a superset, with repeats)
	mark       []int8    // scratch for dismantle, all 0 between uses
	gone       []int     // scratch for dismantle
	tight      []int     // scratch for dismantle
	unreached  []int     // scratch for expandBlossom

	beforeDual func() // test hook, called before every dual update
	afterDual  func() // test hook, called after every dual update
}

func newSolver(n int, edges []Edge) *solver {
	m := len(edges)
	s := &solver{
		n:         n,
		edges:     edges,
		endpoint:  make([]int, 2*m),
		adjStart:  make([]int, n+1),
		adj:       make([]arc, 2*m),
		mate:      make([]int, n),
		label:     make([]int8, 2*n),
		labelEnd:  make([]int, 2*n),
		inBlossom: make([]int, n),
		parent:    make([]int, 2*n),
		childs:    make([][]int, 2*n),
		endps:     make([][]int, 2*n),
		base:      make([]int, 2*n),
		bestEdge:  make([]int, 2*n),
		recKey:    make([]int64, 2*n),
		blossBest: make([][]int, 2*n),
		dual:      make([]int64, 2*n),
		dir:       make([]int8, 2*n),
		allowed:   make([]bool, m),
		bestTo:    make([]int, 2*n),
		root:      make([]int, 2*n),
		members:   make([][]int32, n),
		freeBest:  newIdxHeap(n),
		sBest:     newIdxHeap(2 * n),
		tBlossoms: newIdxHeap(2 * n),
		mark:      make([]int8, 2*n),
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
		s.adj[fill[e.U]] = arc{p: int32(2*k + 1), w: int32(e.V), wt: e.W}
		fill[e.U]++
		s.adj[fill[e.V]] = arc{p: int32(2 * k), w: int32(e.U), wt: e.W}
		fill[e.V]++
	}
	for v := 0; v < n; v++ {
		s.mate[v] = -1
		s.inBlossom[v] = v
		s.dual[v] = maxW
	}
	s.maxDual = maxW
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

// d returns the current dual of vertex or blossom x.
func (s *solver) d(x int) int64 { return s.dual[x] + int64(s.dir[x])*s.offset }

// fold makes x move with direction dir from now on.
func (s *solver) fold(x int, dir int8) {
	if s.dir[x] != dir {
		s.dual[x] += int64(s.dir[x]-dir) * s.offset
		s.dir[x] = dir
	}
}

// vertexDir and blossomDir give how duals inside a top-level blossom with
// label l move.
func vertexDir(l int8) int8 {
	switch l {
	case labelS:
		return -1
	case labelT:
		return 1
	}
	return 0
}

func blossomDir(l int8) int8 { return -vertexDir(l) }

// relabelDuals sets the dual movement of top-level blossom b and of its
// vertices for label l.
func (s *solver) relabelDuals(b int, l int8) {
	if b < s.n {
		s.fold(b, vertexDir(l))
		return
	}
	s.fold(b, blossomDir(l))
	s.leafBuf = s.leaves(b, s.leafBuf[:0])
	for _, v := range s.leafBuf {
		s.fold(v, vertexDir(l))
	}
}

// materialize folds the lazy part of every dual into dual.
func (s *solver) materialize() {
	for x := range s.dual {
		s.fold(x, 0)
	}
	s.offset = 0
}

// slack returns twice the slack of edge k (valid between top-level blossoms).
func (s *solver) slack(k int) int64 {
	e := s.edges[k]
	return s.d(e.U) + s.d(e.V) - 2*e.W
}

// setFreeBest records k as the least-slack edge from an S-vertex to v, an
// unlabelled vertex, and offers it for delta2.
//
// The record of v stays exact while the S-end of k stays in an S-blossom
// and v unlabelled: all the slacks then fall at the same rate, so key
// slack+offset stays put. When a tree is dismantled the records that led
// into it are left inexact: their keys can then only be below the least
// true key of v, so they surface from the heap in time and are recomputed
// (minFreeEdge). A scan never compares against an inexact record.
func (s *solver) setFreeBest(v, k int) {
	s.bestEdge[v] = k
	if k >= 0 {
		s.recKey[v] = s.slack(k) + s.offset
		s.freeBest.set(heapItem{s.recKey[v], int32(v), int32(k)})
	}
}

// freeExact reports whether the record of unlabelled vertex v is exact.
func (s *solver) freeExact(v int) bool {
	k := s.bestEdge[v]
	return k >= 0 && s.otherEndS(v, k) && s.slack(k)+s.offset == s.recKey[v]
}

// setSBest records k as the least-slack edge from top-level S-blossom b to
// another S-blossom and offers it for delta3; as for setFreeBest, with key
// slack+2·offset.
func (s *solver) setSBest(b, k int) {
	s.bestEdge[b] = k
	if k >= 0 {
		s.recKey[b] = s.slack(k) + 2*s.offset
		s.sBest.set(heapItem{s.recKey[b], int32(b), int32(k)})
	}
}

// sExact reports whether the record of top-level S-blossom b is exact.
func (s *solver) sExact(b int) bool {
	k := s.bestEdge[b]
	if k < 0 {
		return false
	}
	e := s.edges[k]
	bu, bv := s.inBlossom[e.U], s.inBlossom[e.V]
	return (bu == b || bv == b) && bu != bv && s.label[bu] == labelS && s.label[bv] == labelS &&
		s.slack(k)+2*s.offset == s.recKey[b]
}

// leaves appends the vertices contained in blossom b to out.
func (s *solver) leaves(b int, out []int) []int {
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
func (s *solver) assignLabel(w int, t int8, p int) {
	for {
		b := s.inBlossom[w]
		s.label[w], s.label[b] = t, t
		s.labelEnd[w], s.labelEnd[b] = p, p
		s.bestEdge[w], s.bestEdge[b] = -1, -1
		if p == -1 {
			s.root[b] = w
		} else {
			s.root[b] = s.root[s.inBlossom[s.endpoint[p]]]
		}
		s.leafBuf = s.leaves(b, s.leafBuf[:0])
		if b >= s.n {
			s.fold(b, blossomDir(t))
		}
		vd, r := vertexDir(t), s.root[b]
		for _, v := range s.leafBuf {
			s.fold(v, vd)
			s.members[r] = append(s.members[r], int32(v))
		}
		if t == labelS {
			s.queue = append(s.queue, s.leafBuf...)
			return
		}
		if b >= s.n {
			s.tBlossoms.set(heapItem{s.d(b) + s.offset, int32(b), -1})
		}
		m := s.mate[s.base[b]]
		w, t, p = s.endpoint[m], labelS, m^1
	}
}

// scanBlossom traces back from S-vertices v and w. It returns the base of
// the new blossom closed by edge v-w, or -1 if the paths reach two different
// single vertices (an augmenting path).
func (s *solver) scanBlossom(v, w int) int {
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
func (s *solver) addBlossom(base, k int) {
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
	s.root[b] = s.root[bb]
	s.dir[b], s.dual[b] = 1, -s.offset // z(b) = 0, growing as an S-blossom
	for _, sub := range path {
		s.fold(sub, 0)
	}

	s.leafBuf = s.leaves(b, s.leafBuf[:0])
	for _, v := range s.leafBuf {
		if s.label[s.inBlossom[v]] == labelT {
			s.queue = append(s.queue, v)
		}
		s.inBlossom[v] = b
		s.fold(v, -1)
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
	bestK := -1
	for _, bj := range touched {
		k := s.bestTo[bj]
		s.bestTo[bj] = -1
		best = append(best, k)
		if bestK == -1 || s.slack(k) < s.slack(bestK) {
			bestK = k
		}
	}
	s.setSBest(b, bestK)
	s.blossBest[b] = best
}

// expandBlossom dissolves top-level blossom b into its sub-blossoms. A
// T-blossom whose dual reached zero (dismantled false) relabels the
// sub-blossoms on the alternating path from its entry point to its base; an
// unlabelled blossom of a dismantled tree (dismantled true) also dissolves
// its zero-dual sub-blossoms.
func (s *solver) expandBlossom(b int, dismantled bool) {
	s.relabelDuals(b, labelFree)
	for _, c := range s.childs[b] {
		s.parent[c] = -1
		switch {
		case c < s.n:
			s.inBlossom[c] = c
		case dismantled && s.d(c) == 0:
			s.expandBlossom(c, dismantled)
		default:
			s.leafBuf = s.leaves(c, s.leafBuf[:0])
			for _, v := range s.leafBuf {
				s.inBlossom[v] = c
			}
		}
	}
	if !dismantled && s.label[b] == labelT {
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
		s.root[bv] = s.root[b]
		s.relabelDuals(bv, labelT)
		if bv >= s.n {
			s.tBlossoms.set(heapItem{s.d(bv) + s.offset, int32(bv), -1})
		}
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
				continue
			}
			// bv stays unlabelled: its vertices' records (kept while inside
			// the T-blossom, possibly outdated by dismantled trees) are
			// recomputed and offered for delta2.
			s.unreached = append(s.unreached[:0], s.leafBuf...)
			for _, v := range s.unreached {
				s.recomputeFreeBest(v)
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
func (s *solver) augmentBlossom(b, v int) {
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
func (s *solver) augmentMatching(k int) {
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

// solve grows a forest of alternating trees, one rooted at each single
// vertex (or blossom), adjusting duals when it is stuck, until the duals
// prove the matching optimal. An augmentation dismantles only the two trees
// it joins (see dismantle); the rest of the forest stays valid, so the work
// per augmentation is proportional to the part of the graph those two trees
// touch, not to the whole graph as when every stage restarts from scratch.
func (s *solver) solve() {
	if s.n == 0 {
		return
	}
	for v := 0; v < s.n; v++ {
		if s.mate[v] == -1 && s.label[s.inBlossom[v]] == labelFree {
			s.assignLabel(v, labelS, -1)
		}
	}
	for {
		s.scanQueue()
		if !s.adjustDuals() {
			s.materialize()
			return
		}
		if s.afterDual != nil {
			s.afterDual()
		}
	}
}

// scanQueue scans the edges of queued S-vertices, growing trees, forming
// blossoms and augmenting through tight edges, until the queue is empty.
func (s *solver) scanQueue() {
scan:
	for len(s.queue) > 0 {
		v := s.queue[len(s.queue)-1]
		s.queue = s.queue[:len(s.queue)-1]
		if s.label[s.inBlossom[v]] != labelS {
			continue // its tree was dismantled after it was queued
		}
		dv := s.d(v)
		for _, a := range s.adj[s.adjStart[v]:s.adjStart[v+1]] {
			p, w, k := int(a.p), int(a.w), int(a.p/2)
			bv, bw := s.inBlossom[v], s.inBlossom[w]
			if bv == bw || (s.label[bw] == labelT && s.label[w] != labelFree) {
				continue // same blossom, or w already reached: nothing to learn
			}
			var kslack int64
			if !s.allowed[k] {
				kslack = dv + s.d(w) - 2*a.wt
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
				} else {
					s.augment(k)
					continue scan // v's tree is gone
				}
			case s.allowed[k] && s.label[w] == labelFree:
				s.label[w] = labelT
				s.labelEnd[w] = p ^ 1
			case s.allowed[k]:
			case s.label[bw] == labelS:
				if s.bestEdge[bv] != -1 && !s.sExact(bv) {
					s.recomputeBlossomBest(bv)
				}
				if s.bestEdge[bv] == -1 || kslack < s.slack(s.bestEdge[bv]) {
					s.setSBest(bv, k)
				}
			case s.label[bw] == labelFree: // not inside a T-blossom: those are recomputed on expansion
				if s.bestEdge[w] != -1 && !s.freeExact(w) {
					s.recomputeFreeBest(w)
				} else if s.bestEdge[w] == -1 || kslack < s.slack(s.bestEdge[w]) {
					s.setFreeBest(w, k)
				}
			}
		}
	}
}

// augment flips the augmenting path through S-S edge k and dismantles the
// two trees it joined.
func (s *solver) augment(k int) {
	e := s.edges[k]
	r1, r2 := s.root[s.inBlossom[e.U]], s.root[s.inBlossom[e.V]]
	s.augmentMatching(k)
	s.dismantle(r1, r2)
}

// Marks used by dismantle.
const (
	markGoneS int8 = 1 // vertex of a dismantled tree, in an S-blossom
	markGoneT int8 = 2 // vertex of a dismantled tree, in a T-blossom
)

// dismantle removes the trees rooted at r1 and r2, whose roots were just
// matched, from the forest. Their vertices become unlabelled (S-blossoms
// with zero dual are expanded, as at the end of a stage in the classic
// algorithm), tight-edge flags on their edges are cleared, vertices inside
// surviving T-blossoms that were reached from one of their S-vertices lose
// that mark, and their least-slack edges to the remaining S-vertices are
// computed afresh; those with a tight one join that tree at once.
//
// Least-slack records of surviving vertices and S-blossoms that led to a
// dismantled S-vertex are left as they are: their heap keys can only be
// below the true ones, so they surface in time and are recomputed then (see
// minFreeEdge, minSEdge); vertices inside T-blossoms are recomputed when the
// blossom is expanded.
func (s *solver) dismantle(r1, r2 int) {
	n := s.n
	gone := s.gone[:0]
	for _, r := range [2]int{r1, r2} {
		for _, v32 := range s.members[r] {
			v := int(v32)
			b := s.inBlossom[v]
			if l := s.label[b]; s.mark[v] == 0 && l != labelFree && (s.root[b] == r1 || s.root[b] == r2) {
				gone = append(gone, v)
				if l == labelS {
					s.mark[v] = markGoneS
				} else {
					s.mark[v] = markGoneT
				}
			}
		}
		s.members[r] = s.members[r][:0]
	}
	for _, v := range gone {
		b := s.inBlossom[v]
		if b < n {
			s.label[v], s.labelEnd[v], s.bestEdge[v] = labelFree, -1, -1
			s.fold(v, 0)
			continue
		}
		if s.label[b] == labelFree {
			continue // cleared through another of its vertices
		}
		wasS := s.label[b] == labelS
		s.relabelDuals(b, labelFree)
		s.clearLabels(b)
		if wasS && s.d(b) == 0 {
			s.expandBlossom(b, true)
		}
	}
	q := s.queue[:0]
	for _, v := range s.queue {
		if s.label[s.inBlossom[v]] == labelS {
			q = append(q, v)
		}
	}
	s.queue = q

	for _, v := range gone {
		fromS := s.mark[v] == markGoneS
		for _, a := range s.adj[s.adjStart[v]:s.adjStart[v+1]] {
			w := int(a.w)
			s.allowed[a.p/2] = false
			if fromS && s.mark[w] == 0 && s.labelEnd[w] != -1 && s.endpoint[s.labelEnd[w]] == v {
				if bw := s.inBlossom[w]; bw != w && s.labelEnd[w] != s.labelEnd[bw] {
					s.label[w], s.labelEnd[w] = labelFree, -1 // was reached from v
				}
			}
		}
	}
	for _, v := range gone {
		s.mark[v] = 0
	}
	tight := s.tight[:0]
	for _, x := range gone {
		if s.recomputeFreeBest(x) {
			tight = append(tight, x)
		}
	}
	for _, x := range tight {
		if k := s.bestEdge[x]; k != -1 && s.label[s.inBlossom[x]] == labelFree {
			s.growTight(x, k)
		}
	}
	s.gone, s.tight = gone, tight
}

// growTight labels the unlabelled top-level blossom containing x with T
// through tight edge k from an S-vertex.
func (s *solver) growTight(x, k int) {
	pS := 2 * k // endpoint at the S-vertex
	if s.edges[k].U == x {
		pS = 2*k + 1
	}
	s.allowed[k] = true
	s.assignLabel(x, labelT, pS)
}

// closeTight acts on tight edge k between S-vertices v and w of different
// top-level blossoms: it forms a blossom or augments.
func (s *solver) closeTight(v, w, k int) {
	s.allowed[k] = true
	if base := s.scanBlossom(v, w); base >= 0 {
		s.addBlossom(base, k)
	} else {
		s.augment(k)
	}
}

// clearLabels removes the labels of blossom b and of everything inside it.
func (s *solver) clearLabels(b int) {
	s.label[b], s.labelEnd[b], s.bestEdge[b] = labelFree, -1, -1
	if b < s.n {
		return
	}
	s.blossBest[b] = nil
	for _, c := range s.childs[b] {
		s.clearLabels(c)
	}
}

// recomputeBlossomBest resets the least-slack edge from S-blossom b to
// another S-blossom.
func (s *solver) recomputeBlossomBest(b int) {
	best := -1
	var bestSlack int64
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
		if sl := s.slack(k); best == -1 || sl < bestSlack {
			best, bestSlack = k, sl
		}
	}
	if s.blossBest[b] != nil {
		for _, k := range s.blossBest[b] {
			consider(k)
		}
	} else {
		s.leafBuf = s.leaves(b, s.leafBuf[:0])
		for _, u := range s.leafBuf {
			for _, a := range s.adj[s.adjStart[u]:s.adjStart[u+1]] {
				consider(int(a.p / 2))
			}
		}
	}
	s.setSBest(b, best)
}

// recomputeFreeBest resets the least-slack edge from S-vertices to x, a
// vertex that is unlabelled or inside a T-blossom, and reports whether that
// edge is tight.
func (s *solver) recomputeFreeBest(x int) bool {
	bx := s.inBlossom[x]
	dx := s.d(x)
	bestK := -1
	var best int64
	for _, a := range s.adj[s.adjStart[x]:s.adjStart[x+1]] {
		if by := s.inBlossom[a.w]; by != bx && s.label[by] == labelS {
			if sl := dx + s.d(int(a.w)) - 2*a.wt; bestK == -1 || sl < best {
				bestK, best = int(a.p/2), sl
			}
		}
	}
	s.setFreeBest(x, bestK)
	return bestK != -1 && best == 0
}

// adjustDuals performs one dual update by the largest delta that keeps the
// duals feasible and acts on the constraint that became tight. It returns
// false when the vertex duals of single vertices reach zero (optimum).
func (s *solver) adjustDuals() bool {
	// Single vertices all have the same dual, the least of all vertex duals.
	deltaType, delta := 1, s.maxDual-s.offset
	deltaEdge, deltaBlossom := -1, -1
	if s.beforeDual != nil {
		s.beforeDual()
	}
	if k, sl := s.minFreeEdge(); k >= 0 && sl < delta {
		deltaType, delta, deltaEdge = 2, sl, k
	}
	if k, sl := s.minSEdge(); k >= 0 && sl/2 < delta {
		deltaType, delta, deltaEdge = 3, sl/2, k
	}
	if b, z := s.minTBlossom(); b >= 0 && z < delta {
		deltaType, delta, deltaBlossom = 4, z, b
	}
	s.offset += delta
	switch deltaType {
	case 1:
		return false
	case 2:
		x := s.edges[deltaEdge].U
		if s.label[s.inBlossom[x]] != labelFree {
			x = s.edges[deltaEdge].V
		}
		s.growTight(x, deltaEdge)
	case 3:
		s.closeTight(s.edges[deltaEdge].U, s.edges[deltaEdge].V, deltaEdge)
	case 4:
		s.expandBlossom(deltaBlossom, false)
	}
	return true
}

// minFreeEdge returns the least-slack edge between an S-vertex and an
// unlabelled vertex, and its slack, or -1. A vertex whose record is no
// longer exact is recomputed when its entry surfaces.
func (s *solver) minFreeEdge() (int, int64) {
	for len(s.freeBest.items) > 0 {
		it := s.freeBest.items[0]
		v, k := int(it.id), int(it.edge)
		if s.label[s.inBlossom[v]] != labelFree || s.bestEdge[v] != k || s.recKey[v] != it.key {
			s.freeBest.removeTop() // superseded
			continue
		}
		if s.freeExact(v) {
			return k, it.key - s.offset
		}
		s.freeBest.removeTop()
		s.recomputeFreeBest(v)
	}
	return -1, 0
}

// otherEndS reports whether the far end of edge k from vertex v lies in a
// top-level S-blossom other than v's.
func (s *solver) otherEndS(v, k int) bool {
	w := s.edges[k].U
	if w == v {
		w = s.edges[k].V
	}
	bw := s.inBlossom[w]
	return bw != s.inBlossom[v] && s.label[bw] == labelS
}

// minSEdge returns the least-slack edge between two top-level S-blossoms,
// and its slack, or -1.
func (s *solver) minSEdge() (int, int64) {
	for len(s.sBest.items) > 0 {
		it := s.sBest.items[0]
		b, k := int(it.id), int(it.edge)
		if s.label[b] != labelS || !s.isTop(b) || s.bestEdge[b] != k || s.recKey[b] != it.key {
			s.sBest.removeTop() // superseded
			continue
		}
		if s.sExact(b) {
			return k, it.key - 2*s.offset
		}
		s.sBest.removeTop()
		s.recomputeBlossomBest(b)
	}
	return -1, 0
}

// isTop reports whether vertex or blossom b is a top-level blossom.
func (s *solver) isTop(b int) bool {
	if b < s.n {
		return s.inBlossom[b] == b
	}
	return s.base[b] >= 0 && s.parent[b] == -1
}

// minTBlossom returns the top-level T-blossom with the least dual, and that
// dual, or -1.
func (s *solver) minTBlossom() (int, int64) {
	for len(s.tBlossoms.items) > 0 {
		it := s.tBlossoms.items[0]
		b := int(it.id)
		if s.base[b] >= 0 && s.parent[b] == -1 && s.label[b] == labelT {
			if z := s.d(b); z+s.offset == it.key {
				return b, z
			}
		}
		s.tBlossoms.removeTop()
	}
	return -1, 0
}

func reverseInts(a []int) {
	for i, j := 0, len(a)-1; i < j; i, j = i+1, j-1 {
		a[i], a[j] = a[j], a[i]
	}
}

func indexOf(a []int, x int) int {
	for i, y := range a {
		if y == x {
			return i
		}
	}
	return -1
}
