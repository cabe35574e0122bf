package matching

import "sort"

// Greedy returns the matching built by taking edges heaviest first (ties by
// position in edges) whenever both ends are still free; mate[v] is v's
// partner or -1. It is a 1/2-approximation of [MaxWeight], kept as a
// yardstick. Edges with weight <= 0 are skipped.
func Greedy(n int, edges []Edge) []int {
	order := make([]int, len(edges))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return edges[order[a]].W > edges[order[b]].W })
	mate := make([]int, n)
	for v := range mate {
		mate[v] = -1
	}
	for _, k := range order {
		e := edges[k]
		if e.W > 0 && e.U != e.V && mate[e.U] == -1 && mate[e.V] == -1 {
			mate[e.U], mate[e.V] = e.V, e.U
		}
	}
	return mate
}

// Weight returns the total weight of the edges whose ends are mates.
func Weight(mate []int, edges []Edge) int64 {
	var total int64
	for _, e := range edges {
		if e.U < len(mate) && mate[e.U] == e.V {
			total += e.W
		}
	}
	return total
}
