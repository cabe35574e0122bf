package matching

import (
	"fmt"
	"math/rand"
	"testing"
)

// sparseGraph draws a random graph on n vertices with about n·deg/2 edges
// (at most one per pair) and weights from one of several shapes: few
// distinct values (many ties, many blossoms), a wide range, or weights
// dominated by a few "star" vertices as in the pairing engine.
func sparseGraph(rng *rand.Rand, n int, deg float64, shape int) []Edge {
	star := make([]int64, n)
	for v := range star {
		star[v] = int64(rng.ExpFloat64() * 300)
	}
	seen := map[[2]int]bool{}
	var edges []Edge
	want := int(float64(n) * deg / 2)
	for tries := 0; len(edges) < want && tries < 20*want; tries++ {
		u, v := rng.Intn(n), rng.Intn(n)
		if u == v || seen[[2]int{min(u, v), max(u, v)}] {
			continue
		}
		seen[[2]int{min(u, v), max(u, v)}] = true
		var w int64
		switch shape {
		case 0:
			w = rng.Int63n(4) + 1
		case 1:
			w = rng.Int63n(1_000_000) + 1
		case 2:
			w = star[u] + star[v] + rng.Int63n(50) + 1
		default:
			w = 2 * (rng.Int63n(30) + 1) // even weights only
		}
		edges = append(edges, Edge{U: u, V: v, W: w})
	}
	return edges
}

// checkOptimum verifies the complementary-slackness certificate left in the
// solver: duals feasible, matched edges tight, single vertices at dual zero,
// blossoms with positive dual full. It proves the matching optimal.
func checkOptimum(s *solver) error {
	n := s.n
	for v := 0; v < n; v++ {
		if s.dual[v] < 0 {
			return fmt.Errorf("vertex %d: dual %d < 0", v, s.dual[v])
		}
		if s.mate[v] == -1 && s.dual[v] != 0 {
			return fmt.Errorf("single vertex %d: dual %d != 0", v, s.dual[v])
		}
	}
	for b := n; b < 2*n; b++ {
		if s.base[b] >= 0 && s.dual[b] < 0 {
			return fmt.Errorf("blossom %d: dual %d < 0", b, s.dual[b])
		}
	}
	if err := checkFeasible(s); err != nil {
		return err
	}
	for k, e := range s.edges {
		if s.mate[e.U] == 2*k+1 && s.edgeSlack(k) != 0 {
			return fmt.Errorf("matched edge %d has slack %d", k, s.edgeSlack(k))
		}
	}
	for b := n; b < 2*n; b++ {
		if s.base[b] < 0 || s.dual[b] == 0 {
			continue
		}
		leaves := s.leaves(b, nil)
		in := map[int]bool{}
		for _, v := range leaves {
			in[v] = true
		}
		matched := 0
		for _, v := range leaves {
			if s.mate[v] >= 0 && in[s.endpoint[s.mate[v]]] {
				matched++
			}
		}
		if matched != len(leaves)-1 {
			return fmt.Errorf("blossom %d with dual %d is not full", b, s.dual[b])
		}
	}
	return nil
}

// edgeSlack is twice the slack of edge k counting the duals of every
// blossom that contains both ends.
func (s *solver) edgeSlack(k int) int64 {
	e := s.edges[k]
	sl := s.d(e.U) + s.d(e.V) - 2*e.W
	in := map[int]bool{}
	for b := s.parent[e.U]; b != -1; b = s.parent[b] {
		in[b] = true
	}
	for b := s.parent[e.V]; b != -1; b = s.parent[b] {
		if in[b] {
			sl += 2 * s.d(b)
		}
	}
	return sl
}

// checkDeltas verifies, before a dual update, that the heaps yield the true
// least slack between S-vertices and unlabelled vertices (delta2) and
// between two S-blossoms (delta3), computed by brute force over all edges.
func checkDeltas(s *solver) error {
	best2, best3 := int64(-1), int64(-1)
	for k, e := range s.edges {
		bu, bv := s.inBlossom[e.U], s.inBlossom[e.V]
		if bu == bv {
			continue
		}
		lu, lv := s.label[bu], s.label[bv]
		sl := s.slack(k)
		switch {
		case lu == labelS && lv == labelS:
			if best3 == -1 || sl < best3 {
				best3 = sl
			}
		case lu == labelS && lv == labelFree, lu == labelFree && lv == labelS:
			if best2 == -1 || sl < best2 {
				best2 = sl
			}
		}
	}
	k2, got2 := s.minFreeEdge()
	if k2 == -1 {
		got2 = -1
	}
	k3, got3 := s.minSEdge()
	if k3 == -1 {
		got3 = -1
	}
	if got2 != best2 || got3 != best3 {
		return fmt.Errorf("least slacks: delta2 heap %d (edge %d), true %d; delta3 heap %d (edge %d), true %d", got2, k2, best2, got3, k3, best3)
	}
	return nil
}

// checkFeasible verifies that no edge has negative slack.
func checkFeasible(s *solver) error {
	for k := range s.edges {
		if sl := s.edgeSlack(k); sl < 0 {
			return fmt.Errorf("edge %d %+v has slack %d", k, s.edges[k], sl)
		}
	}
	return nil
}

// TestMaxWeightAgainstReference compares MaxWeight with the previous
// implementation (blossom_ref_test.go) on random sparse graphs of 50–300
// vertices, checks the optimality certificate of every result, and checks
// the least-slack bookkeeping and dual feasibility around every dual update
// on the smaller ones.
func TestMaxWeightAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewSource(42))
	iters := 400
	if testing.Short() {
		iters = 60
	}
	for iter := 0; iter < iters; iter++ {
		n := 50 + rng.Intn(251)
		deg := []float64{2, 3, 5, 10, 20}[rng.Intn(5)]
		shape := rng.Intn(4)
		edges := sparseGraph(rng, n, deg, shape)
		s := newSolver(n, edges)
		var feasErr error
		if n <= 120 {
			s.beforeDual = func() {
				if feasErr == nil {
					feasErr = checkDeltas(s)
				}
			}
			s.afterDual = func() {
				if feasErr == nil {
					feasErr = checkFeasible(s)
				}
			}
		}
		s.solve()
		if feasErr != nil {
			t.Fatalf("iter %d n=%d deg=%v shape=%d: after a dual update: %v", iter, n, deg, shape, feasErr)
		}
		if err := checkOptimum(s); err != nil {
			t.Fatalf("iter %d n=%d deg=%v shape=%d: %v", iter, n, deg, shape, err)
		}
		mate, err := MaxWeight(n, edges)
		if err != nil {
			t.Fatal(err)
		}
		checkMatching(t, n, edges, mate)
		ref, err := refMaxWeight(n, edges)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := Weight(mate, edges), Weight(ref, edges); got != want {
			t.Fatalf("iter %d n=%d deg=%v shape=%d: weight %d, reference %d", iter, n, deg, shape, got, want)
		}
	}
}

// TestMaxWeightCertificateSmall runs many small dense graphs, where nested
// blossoms and T-blossom expansions are frequent, checking the least-slack
// bookkeeping before and dual feasibility after every dual update, and the
// optimality certificate at the end.
func TestMaxWeightCertificateSmall(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	iters := 20000
	if testing.Short() {
		iters = 2000
	}
	for iter := 0; iter < iters; iter++ {
		n := 2 + rng.Intn(16)
		density := []float64{0.2, 0.4, 0.7, 1}[rng.Intn(4)]
		maxW := []int64{1, 3, 10, 1000}[rng.Intn(4)]
		edges := randomGraph(rng, n, density, maxW)
		s := newSolver(n, edges)
		var feasErr error
		s.beforeDual = func() {
			if feasErr == nil {
				feasErr = checkDeltas(s)
			}
		}
		s.afterDual = func() {
			if feasErr == nil {
				feasErr = checkFeasible(s)
			}
		}
		s.solve()
		if feasErr == nil {
			feasErr = checkOptimum(s)
		}
		if feasErr != nil {
			t.Fatalf("iter %d n=%d edges=%v: %v", iter, n, edges, feasErr)
		}
	}
}
