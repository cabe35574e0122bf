#!/usr/bin/env python3
"""Compare Huddle's blossom matcher with networkx on the same candidate graph.

Input: JSON with "candidates": [{"a", "b", "weight"}, ...] and "total_weight",
as written by `huddle pair --candidates --json ROSTER.json` or by
`go run ./bench/pairing -graph FILE` (which also records "go_seconds", the
time of the Go matcher alone on this graph).

Weights are scaled by 1000 to integers, exactly as the Go side does, so the
two optimum weights must agree to the unit.

    go run ./bench/pairing -n 5000 -graph /tmp/graph5000.json
    python3 bench/pairing/networkx_compare.py /tmp/graph5000.json
"""
import json
import sys
import time

import networkx as nx


def main(path):
    with open(path) as f:
        doc = json.load(f)
    g = nx.Graph()
    for c in doc["candidates"]:
        g.add_edge(c["a"], c["b"], weight=round(c["weight"] * 1000))
    start = time.perf_counter()
    mate = nx.max_weight_matching(g, maxcardinality=False, weight="weight")
    nx_seconds = time.perf_counter() - start
    nx_weight = sum(g[u][v]["weight"] for u, v in mate)
    go_weight = round(doc["total_weight"] * 1000)
    print(f"graph: {g.number_of_nodes()} vertices, {g.number_of_edges()} edges")
    print(f"networkx {nx.__version__}: weight {nx_weight}, {nx_seconds:.2f} s")
    print(f"huddle:  weight {go_weight}" + (f", {doc['go_seconds']:.3f} s" if "go_seconds" in doc else ""))
    if nx_weight != go_weight:
        print("MISMATCH: optimum weights differ")
        return 1
    print("optimum weights agree")
    if doc.get("go_seconds"):
        print(f"ratio networkx / huddle: {nx_seconds / doc['go_seconds']:.0f}x")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
