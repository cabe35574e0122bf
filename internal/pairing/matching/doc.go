// Package matching finds maximum-weight matchings in general (non-bipartite)
// undirected graphs with integer edge weights.
//
// [MaxWeight] is Edmonds' blossom algorithm in the primal-dual form described
// by Galil ("Efficient Algorithms for Finding Maximum Matching in Graphs",
// ACM Computing Surveys, 1986), organised for sparse graphs:
//
//   - The alternating forest persists across augmentations: an augmentation
//     dismantles only the two trees it joins, instead of every stage
//     relabelling all single vertices and rescanning their edges.
//   - Dual adjustments are lazy (one global offset; a vertex or blossom folds
//     it in when its label changes), and the least-slack edges and T-blossom
//     duals that bound an adjustment sit in heaps keyed so that keys do not
//     move with the offset. Records made stale by a dismantled tree are
//     recomputed when they surface.
//
// The work per augmentation is thus proportional to the part of the graph
// the trees involved touch, plus heap operations, rather than O(n + m).
// Weights are int64 so the dual arithmetic is exact; callers with
// fractional benefits scale and round them first. [Greedy] is the simple
// heaviest-edge-first heuristic, kept for comparison.
package matching
