package pairing

import (
	"slices"
	"testing"
)

// TestReducedListsUnpruned checks that skipping hopeless pairs in the
// reduced-weight scan of buildCandidates leaves the candidate graph exactly
// as a scan of every eligible pair builds it.
func TestReducedListsUnpruned(t *testing.T) {
	for seed := int64(1); seed <= 6; seed++ {
		in := smallRoster(150+int(seed)*40, seed)
		p, err := newProblem(in)
		if err != nil {
			t.Fatal(err)
		}
		pool := p.pool()
		for _, k := range []int{1, 3, p.opts.K} {
			c := p.buildCandidates(pool, k, 0, false)

			table := newOverlapTable(p.members)
			byWeight := make([]topList, len(pool))
			p.scanPairs(pool, table, nil, func(i, j int, w int64) {
				byWeight[i].offer(neighbor{w, w, j}, k)
				byWeight[j].offer(neighbor{w, w, i}, k)
			}, nil)
			lists := make([][]neighbor, len(pool))
			for i := range byWeight {
				lists[i] = byWeight[i].sorted()
			}
			half := dualEstimate(len(pool), unionEdges(lists))
			byReduced := make([]topList, len(pool))
			p.scanPairs(pool, table, nil, func(i, j int, w int64) {
				r := w - half[i] - half[j]
				byReduced[i].offer(neighbor{r, w, j}, k)
				byReduced[j].offer(neighbor{r, w, i}, k)
			}, nil)
			for i := range byReduced {
				lists[i] = append(lists[i], byReduced[i].sorted()...)
			}
			if want := unionEdges(lists); !slices.Equal(c.edges, want) {
				t.Fatalf("seed %d k=%d: %d candidate edges, unpruned scan gives %d", seed, k, len(c.edges), len(want))
			}
		}
	}
}
