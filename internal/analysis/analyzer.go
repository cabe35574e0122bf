// Package analysis computes coaching metrics and teachable moments from a
// transcript: talk ratio, monologues, interactivity, patience, questions,
// filler words, next steps, objections, competitor mentions and
// team-defined trackers. It has no I/O; see Report for the definitions.
package analysis

import (
	"fmt"
	"strings"
	"sync"
)

// Analyzer analyses transcripts with one compiled Config. It is safe for
// concurrent use.
type Analyzer struct {
	cfg      Config
	ac       *automaton
	phrases  []string  // pattern id -> normalised phrase
	entries  [][]entry // pattern id -> what the phrase means
	starters []string  // normalised open-question starters
	// firstBytes marks the first bytes of starters and lead-ins.
	firstBytes [256]bool
}

// entry says what one phrase means: a filler, an objection of category idx,
// competitor idx, a next step, an affirmation or tracker idx.
type entry struct {
	kind kind
	idx  int32
}

type kind uint8

const (
	kindFiller kind = iota
	kindObjection
	kindCompetitor
	kindNextStep
	kindAffirmation
	kindTracker
)

// New compiles cfg into an Analyzer, building one Aho–Corasick automaton
// for all its phrases. It fails on a phrase or name without letters or
// digits.
func New(cfg Config) (*Analyzer, error) {
	a := &Analyzer{cfg: cfg}
	ids := map[string]int32{}
	add := func(list string, phrase string, e entry) error {
		n := normalize(phrase)
		if n == "" {
			return fmt.Errorf("%s: phrase %q has no letters or digits", list, phrase)
		}
		id, ok := ids[n]
		if !ok {
			id = int32(len(a.phrases))
			ids[n] = id
			a.phrases = append(a.phrases, n)
			a.entries = append(a.entries, nil)
		}
		for _, old := range a.entries[id] {
			if old == e {
				return nil
			}
		}
		a.entries[id] = append(a.entries[id], e)
		return nil
	}
	for _, p := range cfg.Fillers {
		if err := add("fillers", p, entry{kind: kindFiller}); err != nil {
			return nil, err
		}
	}
	for i, c := range cfg.Objections {
		if err := addCategory(add, "objection", c, entry{kind: kindObjection, idx: int32(i)}); err != nil {
			return nil, err
		}
	}
	for i, p := range cfg.Competitors {
		if err := add("competitors", p, entry{kind: kindCompetitor, idx: int32(i)}); err != nil {
			return nil, err
		}
	}
	for _, p := range cfg.NextSteps {
		if err := add("next steps", p, entry{kind: kindNextStep}); err != nil {
			return nil, err
		}
	}
	for _, p := range cfg.Affirmations {
		if err := add("affirmations", p, entry{kind: kindAffirmation}); err != nil {
			return nil, err
		}
	}
	for i, c := range cfg.Trackers {
		if err := addCategory(add, "tracker", c, entry{kind: kindTracker, idx: int32(i)}); err != nil {
			return nil, err
		}
	}
	for _, s := range cfg.OpenQuestionStarters {
		n := normalize(s)
		if n == "" {
			return nil, fmt.Errorf("open question starters: %q has no letters or digits", s)
		}
		a.starters = append(a.starters, n)
		a.firstBytes[n[0]] = true
	}
	for _, l := range leadIns {
		a.firstBytes[l[0]] = true
	}
	padded := make([]string, len(a.phrases))
	for i, p := range a.phrases {
		padded[i] = " " + p + " "
	}
	a.ac = newAutomaton(padded)
	return a, nil
}

func addCategory(add func(string, string, entry) error, what string, c Category, e entry) error {
	if strings.TrimSpace(c.Name) == "" {
		return fmt.Errorf("%s category %d has no name", what, e.idx+1)
	}
	for _, p := range c.Phrases {
		if err := add(fmt.Sprintf("%s %q", what, c.Name), p, e); err != nil {
			return err
		}
	}
	return nil
}

// Default returns the Analyzer for DefaultConfig, compiled on first use.
var Default = sync.OnceValue(func() *Analyzer {
	a, err := New(DefaultConfig())
	if err != nil {
		panic(err) // the built-in configuration is valid; tests check it
	}
	return a
})
