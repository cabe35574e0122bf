package matching

import (
	"math/rand"
	"testing"
)

// bruteForce returns the maximum matching weight by dynamic programming over
// vertex subsets (n <= 16).
func bruteForce(n int, edges []Edge) int64 {
	w := make([][]int64, n)
	has := make([][]bool, n)
	for i := range w {
		w[i] = make([]int64, n)
		has[i] = make([]bool, n)
	}
	for _, e := range edges {
		w[e.U][e.V], w[e.V][e.U] = e.W, e.W
		has[e.U][e.V], has[e.V][e.U] = true, true
	}
	best := make([]int64, 1<<n)
	for mask := 1; mask < 1<<n; mask++ {
		i := 0
		for mask&(1<<i) == 0 {
			i++
		}
		rest := mask &^ (1 << i)
		b := best[rest]
		for j := i + 1; j < n; j++ {
			if rest&(1<<j) != 0 && has[i][j] {
				b = max(b, best[rest&^(1<<j)]+w[i][j])
			}
		}
		best[mask] = b
	}
	return best[1<<n-1]
}

func randomGraph(rng *rand.Rand, n int, density float64, maxW int64) []Edge {
	var edges []Edge
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if rng.Float64() < density {
				u, v := i, j
				if rng.Intn(2) == 0 {
					u, v = v, u
				}
				edges = append(edges, Edge{U: u, V: v, W: rng.Int63n(maxW) + 1})
			}
		}
	}
	rng.Shuffle(len(edges), func(a, b int) { edges[a], edges[b] = edges[b], edges[a] })
	return edges
}

func checkMatching(t *testing.T, n int, edges []Edge, mate []int) {
	t.Helper()
	has := map[[2]int]bool{}
	for _, e := range edges {
		has[[2]int{e.U, e.V}], has[[2]int{e.V, e.U}] = true, true
	}
	for v, m := range mate {
		if m == -1 {
			continue
		}
		if m < 0 || m >= n || mate[m] != v || !has[[2]int{v, m}] {
			t.Fatalf("invalid mate[%d]=%d", v, m)
		}
	}
}

func TestMaxWeightAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for iter := 0; iter < 3000; iter++ {
		n := 1 + rng.Intn(12)
		density := []float64{0.2, 0.5, 0.9, 1}[rng.Intn(4)]
		maxW := []int64{1, 3, 10, 1000}[rng.Intn(4)]
		edges := randomGraph(rng, n, density, maxW)
		mate, err := MaxWeight(n, edges)
		if err != nil {
			t.Fatal(err)
		}
		checkMatching(t, n, edges, mate)
		if got, want := Weight(mate, edges), bruteForce(n, edges); got != want {
			t.Fatalf("iter %d n=%d edges=%v: weight %d, optimum %d", iter, n, edges, got, want)
		}
		g := Greedy(n, edges)
		checkMatching(t, n, edges, g)
		if gw, ow := Weight(g, edges), Weight(mate, edges); 2*gw < ow || gw > ow {
			t.Fatalf("greedy %d outside [opt/2, opt] for opt %d", gw, ow)
		}
	}
}

// Classic cases from the literature: nested blossoms, blossom expansion
// during a stage and relabelling of T-blossoms.
func TestMaxWeightBlossomCases(t *testing.T) {
	cases := []struct {
		name  string
		edges [][3]int64
		want  []int
	}{
		{"single edge", [][3]int64{{0, 1, 1}}, []int{1, 0}},
		{"path", [][3]int64{{1, 2, 10}, {2, 3, 11}}, []int{-1, -1, 3, 2}},
		{"S-blossom", [][3]int64{{1, 2, 8}, {1, 3, 9}, {2, 3, 10}, {3, 4, 7}}, []int{-1, 2, 1, 4, 3}},
		{"S-blossom relabel", [][3]int64{{1, 2, 8}, {1, 3, 9}, {2, 3, 10}, {3, 4, 7}, {1, 6, 5}, {4, 5, 6}}, []int{-1, 6, 3, 2, 5, 4, 1}},
		{"T-blossom", [][3]int64{{1, 2, 9}, {1, 3, 8}, {2, 3, 10}, {1, 4, 5}, {4, 5, 4}, {1, 6, 3}}, []int{-1, 6, 3, 2, 5, 4, 1}},
		{"nested S-blossom", [][3]int64{{1, 2, 9}, {1, 3, 9}, {2, 3, 10}, {2, 4, 8}, {3, 5, 8}, {4, 5, 10}, {5, 6, 6}}, []int{-1, 3, 4, 1, 2, 6, 5}},
		{"nested expand", [][3]int64{{1, 2, 19}, {1, 3, 20}, {1, 8, 8}, {2, 3, 25}, {2, 4, 18}, {3, 5, 18}, {4, 5, 13}, {4, 7, 7}, {5, 6, 7}}, []int{-1, 8, 3, 2, 7, 6, 5, 4, 1}},
		{"expand T with relabel", [][3]int64{{1, 2, 45}, {1, 5, 45}, {2, 3, 50}, {3, 4, 45}, {4, 5, 50}, {1, 6, 30}, {3, 9, 35}, {4, 8, 35}, {5, 7, 26}, {9, 10, 5}}, []int{-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9}},
		{"nested T expand", [][3]int64{{1, 2, 45}, {1, 7, 45}, {2, 3, 50}, {3, 4, 45}, {4, 5, 95}, {4, 6, 94}, {5, 6, 94}, {6, 7, 50}, {1, 8, 30}, {3, 11, 35}, {5, 9, 36}, {7, 10, 26}, {11, 12, 5}}, []int{-1, 8, 3, 2, 6, 9, 4, 10, 1, 5, 7, 12, 11}},
	}
	for _, c := range cases {
		n := 0
		var edges []Edge
		for _, e := range c.edges {
			n = max(n, int(e[0])+1, int(e[1])+1)
			edges = append(edges, Edge{U: int(e[0]), V: int(e[1]), W: e[2]})
		}
		mate, err := MaxWeight(n, edges)
		if err != nil {
			t.Fatal(err)
		}
		if Weight(mate, edges) != bruteForce(n, edges) {
			t.Errorf("%s: weight %d, optimum %d", c.name, Weight(mate, edges), bruteForce(n, edges))
		}
		for v := range c.want {
			if mate[v] != c.want[v] {
				t.Errorf("%s: mate %v, want %v", c.name, mate, c.want)
				break
			}
		}
	}
}

func TestMaxWeightRejectsBadEdges(t *testing.T) {
	if _, err := MaxWeight(2, []Edge{{U: 0, V: 2, W: 1}}); err == nil {
		t.Error("out-of-range vertex accepted")
	}
	if _, err := MaxWeight(2, []Edge{{U: 1, V: 1, W: 1}}); err == nil {
		t.Error("self-loop accepted")
	}
	if mate, err := MaxWeight(0, nil); err != nil || len(mate) != 0 {
		t.Errorf("empty graph: %v %v", mate, err)
	}
}

func BenchmarkMaxWeightSparse5000(b *testing.B) {
	rng := rand.New(rand.NewSource(7))
	n := 5000
	seen := map[[2]int]bool{}
	var edges []Edge
	for u := 0; u < n; u++ {
		for len(edges) < (u+1)*10 {
			v := rng.Intn(n)
			if v == u || seen[[2]int{min(u, v), max(u, v)}] {
				continue
			}
			seen[[2]int{min(u, v), max(u, v)}] = true
			edges = append(edges, Edge{U: u, V: v, W: rng.Int63n(5000) + 1})
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := MaxWeight(n, edges); err != nil {
			b.Fatal(err)
		}
	}
}
