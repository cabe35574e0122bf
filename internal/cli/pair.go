package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"huddle/internal/pairing"
)

const pairUsage = `usage: huddle pair [--json] [--candidates] [--exhaustive] [--k N] ROSTER.json

Proposes peer-coaching pairs (or groups) for the roster: a maximum-weight
matching on each person's best k eligible partners. Flags may come before
or after the roster file; "-" reads the roster from standard input.

Flags:
`

// pairOutput is the JSON document printed by `huddle pair --json`.
type pairOutput struct {
	Pairs          []pairing.Pair      `json:"pairs"`
	Groups         []pairing.Group     `json:"groups"`
	Unmatched      []pairing.Unmatched `json:"unmatched"`
	TotalWeight    float64             `json:"total_weight"`
	GreedyWeight   float64             `json:"greedy_weight,omitempty"`
	RandomBaseline float64             `json:"random_baseline,omitempty"`
	UpperBound     float64             `json:"upper_bound,omitempty"`
	MeetingDay     string              `json:"meeting_day"`
	Stats          pairing.Stats       `json:"stats"`
	Candidates     []pairing.Candidate `json:"candidates,omitempty"`
}

// pairCmd runs `huddle pair`: exit 0 on success, 1 on a bad roster or I/O
// error, 2 on bad usage.
func pairCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pair", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	withCandidates := fs.Bool("candidates", false, "include every candidate edge the optimiser considered (JSON only)")
	exhaustive := fs.Bool("exhaustive", false, "use every eligible pair as a candidate, not only each person's best k")
	k := fs.Int("k", pairing.DefaultK, "candidate partners kept per person")
	fs.Usage = func() {
		_, _ = io.WriteString(stderr, pairUsage)
		fs.PrintDefaults()
	}
	var files []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "huddle pair: want exactly one roster file, got %d\n", len(files))
		fs.Usage()
		return 2
	}
	if *k < 1 {
		fmt.Fprintf(stderr, "huddle pair: --k must be at least 1, got %d\n", *k)
		return 2
	}

	in, err := readRoster(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "huddle pair: %v\n", err)
		return 1
	}
	in.Options.K = *k
	in.Options.Exhaustive = *exhaustive
	res, err := pairing.Propose(in)
	if err != nil {
		fmt.Fprintf(stderr, "huddle pair: %s: %v\n", files[0], err)
		return 1
	}
	if *asJSON {
		out := pairOutput{
			Pairs: res.Pairs, Groups: res.Groups, Unmatched: res.Unmatched,
			TotalWeight: res.TotalWeight, GreedyWeight: res.GreedyWeight,
			RandomBaseline: res.RandomBaseline, UpperBound: res.UpperBound,
			MeetingDay: res.MeetingDay, Stats: res.Stats,
		}
		if *withCandidates {
			out.Candidates = res.Candidates
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "huddle pair: write output: %v\n", err)
			return 1
		}
		return 0
	}
	if err := writePairText(stdout, res, names(in)); err != nil {
		fmt.Fprintf(stderr, "huddle pair: write output: %v\n", err)
		return 1
	}
	return 0
}

func readRoster(path string) (pairing.Input, error) {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return pairing.Input{}, err
		}
		defer f.Close()
		r = f
	}
	in, err := pairing.ParseRoster(r)
	if err != nil {
		return pairing.Input{}, fmt.Errorf("%s: %w", path, err)
	}
	return in, nil
}

func names(in pairing.Input) map[string]string {
	m := make(map[string]string, len(in.People))
	for _, p := range in.People {
		m[p.ID] = p.ID
		if p.Name != "" {
			m[p.ID] = p.Name + " (" + p.ID + ")"
		}
	}
	return m
}

// writePairText prints the proposal for a coach.
func writePairText(w io.Writer, res pairing.Result, name map[string]string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Huddle %s for %s (overlaps computed for %s)\n\n", res.Mode, res.Date, res.MeetingDay)
	if res.Mode == pairing.ModePairs {
		fmt.Fprintf(&b, "PAIRS (%d)\n", len(res.Pairs))
		for i, p := range res.Pairs {
			bd := p.Breakdown
			fmt.Fprintf(&b, "%3d. %s + %s  weight %.3f (learning %.3f, tenure %.3f, cross %.3f, base %.3f)\n",
				i+1, name[p.A], name[p.B], p.Weight, bd.Learning, bd.Tenure, bd.Cross, bd.Base)
			for _, r := range p.Reasons {
				fmt.Fprintf(&b, "       - %s\n", r)
			}
		}
	} else {
		fmt.Fprintf(&b, "GROUPS (%d)\n", len(res.Groups))
		for i, g := range res.Groups {
			members := make([]string, len(g.Members))
			for j, id := range g.Members {
				members[j] = name[id]
			}
			fmt.Fprintf(&b, "%3d. %s  weight %.3f\n", i+1, strings.Join(members, ", "), g.Weight)
			for _, r := range g.Reasons {
				fmt.Fprintf(&b, "       - %s\n", r)
			}
		}
	}
	fmt.Fprintf(&b, "\nUNMATCHED (%d)\n", len(res.Unmatched))
	for _, u := range res.Unmatched {
		fmt.Fprintf(&b, "  - %s: %s\n", name[u.ID], u.Reason)
	}
	fmt.Fprintf(&b, "\nTOTALS\n  people %d, available %d, candidate edges %d (k=%d, exhaustive=%t)\n",
		res.Stats.People, res.Stats.Available, res.Stats.CandidateEdges, res.Stats.K, res.Stats.Exhaustive)
	fmt.Fprintf(&b, "  total weight %.3f\n", res.TotalWeight)
	if res.Mode == pairing.ModePairs {
		gain := 0.0
		if res.GreedyWeight > 0 {
			gain = 100 * (res.TotalWeight - res.GreedyWeight) / res.GreedyWeight
		}
		fmt.Fprintf(&b, "  greedy on the same candidates %.3f (optimal is %+.1f%%)\n", res.GreedyWeight, gain)
	} else {
		fmt.Fprintf(&b, "  random grouping baseline %.3f, upper bound %.3f\n", res.RandomBaseline, res.UpperBound)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
