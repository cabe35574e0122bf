// Package matching finds maximum-weight matchings in general (non-bipartite)
// undirected graphs with integer edge weights.
//
// [MaxWeight] is Edmonds' blossom algorithm in the primal-dual form described
// by Galil ("Efficient Algorithms for Finding Maximum Matching in Graphs",
// ACM Computing Surveys, 1986): O(n³) in the worst case, O(n·m) scanning work
// per stage on sparse graphs. Weights are int64 so the dual arithmetic is
// exact; callers with fractional benefits scale and round them first.
// [Greedy] is the simple heaviest-edge-first heuristic, kept for comparison.
package matching
