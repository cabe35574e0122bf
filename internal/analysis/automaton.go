package analysis

import "unicode/utf8"

// automaton is an Aho–Corasick automaton compiled to a dense transition
// table over byte classes. It matches normalised phrases (see normalize) in
// normalised text: every phrase is stored as " phrase " so that matches fall
// on word boundaries, and overlapping matches are all reported.
//
// For speed the table holds row offsets, not state numbers: the entry for
// state s and class c is at delta[s*nclass+c] and holds t*nclass for the
// next state t, or ^(t*nclass) when t has outputs.
type automaton struct {
	classes [256]uint8 // byte -> class; class 0 is every byte no phrase uses
	nclass  int
	delta   []int32 // row offset + class -> next row offset, negated if it has outputs
	start   int32   // row offset of the state after a leading space
	// scanClass drives the scan loop: for ASCII letters, digits and the
	// apostrophe it is the class of the normalised byte; other bytes get
	// one of the negative scan codes.
	scanClass [256]int32
	outStart  []int32 // outputs of state s are outList[outStart[s]:outStart[s+1]]
	outList   []int32 // pattern ids
}

// newAutomaton builds the automaton for patterns, which must be normalised
// and padded with one space on each side. Pattern i is reported as id i.
func newAutomaton(patterns []string) *automaton {
	a := &automaton{nclass: 1}
	for _, p := range patterns {
		for i := 0; i < len(p); i++ {
			if a.classes[p[i]] == 0 {
				a.classes[p[i]] = uint8(a.nclass)
				a.nclass++
			}
		}
	}
	// Trie with sparse children while building.
	type node struct {
		next map[uint8]int32
		fail int32
		out  []int32
	}
	nodes := []node{{next: map[uint8]int32{}}}
	for id, p := range patterns {
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := a.classes[p[i]]
			n, ok := nodes[s].next[c]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, node{next: map[uint8]int32{}})
				nodes[s].next[c] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}
	k := a.nclass
	a.delta = make([]int32, len(nodes)*k)
	// Breadth-first: a state's failure target is always processed before it,
	// so its transition row and outputs are complete when copied.
	queue := make([]int32, 0, len(nodes))
	bfs := queue[:0:0] // every state but the root, in breadth-first order
	for c := 0; c < k; c++ {
		if n, ok := nodes[0].next[uint8(c)]; ok {
			a.delta[c] = n
			queue = append(queue, n)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		bfs = append(bfs, s)
		f := nodes[s].fail
		nodes[s].out = append(nodes[s].out, nodes[f].out...)
		for c := 0; c < k; c++ {
			if n, ok := nodes[s].next[uint8(c)]; ok {
				nodes[n].fail = a.delta[int(f)*k+c]
				a.delta[int(s)*k+c] = n
				queue = append(queue, n)
			} else {
				a.delta[int(s)*k+c] = a.delta[int(f)*k+c]
			}
		}
	}
	// Renumber the states breadth first, so that the shallow states, where
	// the scan spends nearly all its time, share a few kilobytes of table
	// and stay in the L1 cache.
	order := append([]int32{0}, bfs...)
	renum := make([]int32, len(nodes))
	for n, s := range order {
		renum[s] = int32(n)
	}
	delta := make([]int32, len(a.delta))
	a.outStart = make([]int32, len(nodes)+1)
	for n, s := range order {
		for c := 0; c < k; c++ {
			t := a.delta[int(s)*k+c]
			v := renum[t] * int32(k)
			if len(nodes[t].out) > 0 {
				v = ^v
			}
			delta[n*k+c] = v
		}
		a.outStart[n] = int32(len(a.outList))
		a.outList = append(a.outList, nodes[s].out...)
	}
	a.outStart[len(nodes)] = int32(len(a.outList))
	a.delta = delta
	a.start = a.delta[a.classes[' ']]
	if a.start < 0 {
		a.start = ^a.start
	}
	for c := range a.scanClass {
		switch {
		case c >= utf8.RuneSelf:
			a.scanClass[c] = scanNonASCII
		case isWhite[c]:
			a.scanClass[c] = scanWhite
		case asciiNorm[c] != 0:
			a.scanClass[c] = int32(a.classes[asciiNorm[c]])
		default:
			a.scanClass[c] = scanPunct
		}
	}
	return a
}

// Scan codes for bytes that are not part of normalised words.
const (
	scanWhite    = -1 // ASCII white space
	scanPunct    = -2 // other ASCII
	scanNonASCII = -3 // a byte of a multi-byte UTF-8 sequence
)

// outputs returns the pattern ids of the state at a (non-negated) row
// offset.
func (a *automaton) outputs(row int32) []int32 {
	s := row / int32(a.nclass)
	return a.outList[a.outStart[s]:a.outStart[s+1]]
}
