// Command pairing-bench generates a synthetic roster, times the pairing
// engine on it and writes the candidate graph for networkx_compare.py.
//
//	go run ./bench/pairing -n 5000 -graph /tmp/graph.json -roster /tmp/roster.json
//	python3 bench/pairing/networkx_compare.py /tmp/graph.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"time"

	"huddle/internal/pairing"
	"huddle/internal/pairing/matching"
)

func main() {
	n := flag.Int("n", 5000, "roster size")
	seed := flag.Int64("seed", 1, "generator seed")
	k := flag.Int("k", pairing.DefaultK, "candidate partners per person")
	graphPath := flag.String("graph", "", "write the candidate graph (huddle pair --candidates --json shape) here")
	rosterPath := flag.String("roster", "", "write the generated roster JSON here")
	flag.Parse()
	if err := run(*n, *seed, *k, *graphPath, *rosterPath); err != nil {
		fmt.Fprintln(os.Stderr, "pairing-bench:", err)
		os.Exit(1)
	}
}

func run(n int, seed int64, k int, graphPath, rosterPath string) error {
	in := pairing.GenerateRoster(n, seed)
	in.Options.K = k
	if rosterPath != "" {
		if err := writeJSON(rosterPath, rosterJSON(in)); err != nil {
			return err
		}
	}
	for _, mode := range []pairing.Mode{pairing.ModePairs, pairing.ModeGroups} {
		in.Options.Mode = mode
		start := time.Now()
		res, err := pairing.Propose(in)
		if err != nil {
			return err
		}
		fmt.Printf("%-6s n=%d: %v, total %.3f", mode, n, time.Since(start).Round(time.Millisecond), res.TotalWeight)
		if mode == pairing.ModePairs {
			fmt.Printf(", greedy %.3f (optimal +%.2f%%), %d pairs, %d unmatched, %d candidate edges\n",
				res.GreedyWeight, 100*(res.TotalWeight-res.GreedyWeight)/res.GreedyWeight, len(res.Pairs), len(res.Unmatched), len(res.Candidates))
			if err := timeMatcher(res, graphPath); err != nil {
				return err
			}
		} else {
			fmt.Printf(", random baseline %.3f, upper bound %.3f, %d groups, %d unmatched\n",
				res.RandomBaseline, res.UpperBound, len(res.Groups), len(res.Unmatched))
		}
	}
	return nil
}

// timeMatcher times the blossom alone on the final candidate graph and
// writes that graph for the networkx comparison.
func timeMatcher(res pairing.Result, graphPath string) error {
	index := map[string]int{}
	var edges []matching.Edge
	for _, c := range res.Candidates {
		for _, id := range []string{c.A, c.B} {
			if _, ok := index[id]; !ok {
				index[id] = len(index)
			}
		}
		edges = append(edges, matching.Edge{U: index[c.A], V: index[c.B], W: int64(math.Round(c.Weight * 1000))})
	}
	start := time.Now()
	mate, err := matching.MaxWeight(len(index), edges)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Printf("blossom alone: %d vertices, %d edges: %v, weight %d\n", len(index), len(edges), elapsed.Round(time.Millisecond), matching.Weight(mate, edges))
	if graphPath == "" {
		return nil
	}
	return writeJSON(graphPath, map[string]any{
		"candidates":   res.Candidates,
		"total_weight": res.TotalWeight,
		"go_seconds":   elapsed.Seconds(),
	})
}

func writeJSON(path string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// rosterJSON renders an Input in the roster file format read by huddle pair.
func rosterJSON(in pairing.Input) map[string]any {
	var people, history []map[string]any
	for _, p := range in.People {
		people = append(people, map[string]any{
			"id": p.ID, "name": p.Name, "skills": p.Skills,
			"start_date": p.StartDate.Format(pairing.DateLayout),
			"region":     p.Region, "team": p.Team, "timezone": p.TimeZone,
			"working_hours": p.Hours.String(), "capacity": p.Capacity, "opt_out": p.OptOut,
		})
	}
	for _, h := range in.History {
		history = append(history, map[string]any{"a": h.A, "b": h.B, "date": h.Date.Format(pairing.DateLayout)})
	}
	o := in.Options
	return map[string]any{
		"people":  people,
		"history": history,
		"options": map[string]any{
			"mode": o.Mode, "group_size": []int{o.GroupMin, o.GroupMax}, "prefer": o.Prefer,
			"min_overlap_hours": o.MinOverlapHours, "repeat_after_days": o.RepeatAfterDays,
			"active_days": o.ActiveDays, "date": o.Date.Format(pairing.DateLayout),
		},
	}
}
