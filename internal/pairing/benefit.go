package pairing

import (
	"math"
	"sort"
)

// Weights scale the terms of the pair benefit (see the package doc).
type Weights struct {
	// Learning multiplies the skill-transfer term, measured in squared
	// standard deviations.
	Learning float64
	// Tenure is the bonus for the widest tenure mix; it grows linearly with
	// the tenure gap up to TenureCapYears.
	Tenure         float64
	TenureCapYears float64
	// Cross is the bonus when the pair crosses the boundary named by
	// Options.Prefer (different region or different team).
	Cross float64
	// Base is the value of any eligible pairing, so that a rep with nothing
	// to trade on the focus skills is still paired rather than left out.
	Base float64
}

// DefaultWeights returns the weights used when a roster does not set them.
func DefaultWeights() Weights {
	return Weights{Learning: 1, Tenure: 0.5, TenureCapYears: 3, Cross: 0.5, Base: 0.25}
}

// weightScale converts benefits to the integers the matcher works with.
const weightScale = 1000

// Breakdown is a pair benefit split into its terms; Total is their sum.
type Breakdown struct {
	Learning float64 `json:"learning"`
	Tenure   float64 `json:"tenure"`
	Cross    float64 `json:"cross"`
	Base     float64 `json:"base"`
}

// Total returns the sum of the terms.
func (b Breakdown) Total() float64 { return b.Learning + b.Tenure + b.Cross + b.Base }

// skillStat describes one focus criterion across the whole roster.
type skillStat struct {
	name   string
	median float64
	sd     float64   // population standard deviation
	sorted []float64 // every score on the roster, ascending
}

// topPercent returns the share (in percent) of scores at or above x.
func (s skillStat) topPercent(x float64) float64 {
	below := sort.SearchFloat64s(s.sorted, x)
	return 100 * float64(len(s.sorted)-below) / float64(len(s.sorted))
}

func newSkillStat(name string, scores []float64) skillStat {
	sort.Float64s(scores)
	st := skillStat{name: name, sorted: scores}
	n := len(scores)
	if n == 0 {
		return st
	}
	if n%2 == 1 {
		st.median = scores[n/2]
	} else {
		st.median = (scores[n/2-1] + scores[n/2]) / 2
	}
	var mean, sq float64
	for _, x := range scores {
		mean += x
	}
	mean /= float64(n)
	for _, x := range scores {
		sq += (x - mean) * (x - mean)
	}
	st.sd = math.Sqrt(sq / float64(n))
	return st
}

// gap and strength of a person on each focus skill, in standard deviations
// below and above the roster median (0 when on the other side or unscored).
type standing struct {
	gap, strength []float64
}

func newStanding(skills map[string]float64, stats []skillStat) standing {
	st := standing{gap: make([]float64, len(stats)), strength: make([]float64, len(stats))}
	for i, s := range stats {
		x, ok := skills[s.name]
		if !ok || s.sd == 0 {
			continue
		}
		z := (x - s.median) / s.sd
		if z < 0 {
			st.gap[i] = -z
		} else {
			st.strength[i] = z
		}
	}
	return st
}

// flatTerms holds the per-person inputs of the benefit in flat arrays so the
// all-pairs scan stays cache-friendly.
type flatTerms struct {
	skills        int
	gap, strength []float64 // person*skills + skill
	tenure        []float64
	side          []int32 // region or team id for the preferred boundary, -1 unknown
}

func (p *problem) buildFlat() {
	f := &p.flat
	f.skills = len(p.stats)
	n := len(p.members)
	f.gap = make([]float64, n*f.skills)
	f.strength = make([]float64, n*f.skills)
	f.tenure = make([]float64, n)
	f.side = make([]int32, n)
	ids := map[string]int32{}
	for i, m := range p.members {
		copy(f.gap[i*f.skills:], m.standing.gap)
		copy(f.strength[i*f.skills:], m.standing.strength)
		f.tenure[i] = m.tenureYears
		key := ""
		switch p.opts.Prefer {
		case PreferCrossRegion:
			key = m.Region
		case PreferCrossTeam:
			key = m.Team
		}
		f.side[i] = -1
		if key != "" {
			if _, ok := ids[key]; !ok {
				ids[key] = int32(len(ids))
			}
			f.side[i] = ids[key]
		}
	}
}

// terms computes the benefit of members i and j (indices into p.members).
func (p *problem) terms(i, j int) Breakdown {
	f := &p.flat
	w := &p.opts.Weights
	gi, si := f.gap[i*f.skills:(i+1)*f.skills], f.strength[i*f.skills:(i+1)*f.skills]
	gj, sj := f.gap[j*f.skills:(j+1)*f.skills], f.strength[j*f.skills:(j+1)*f.skills]
	var ij, ji float64
	for s := range gi {
		ij += gi[s] * sj[s]
		ji += gj[s] * si[s]
	}
	bd := Breakdown{Learning: w.Learning * (ij + ji), Base: w.Base}
	if w.TenureCapYears > 0 {
		bd.Tenure = w.Tenure * min(math.Abs(f.tenure[i]-f.tenure[j]), w.TenureCapYears) / w.TenureCapYears
	}
	if f.side[i] >= 0 && f.side[j] >= 0 && f.side[i] != f.side[j] {
		bd.Cross = w.Cross
	}
	return bd
}

// benefit returns the benefit terms of pairing people a and b.
func (p *problem) benefit(a, b *member) Breakdown { return p.terms(a.index, b.index) }

// crosses reports whether a and b are on different sides of the preferred
// boundary; unknown (empty) regions or teams never count as crossing.
func (p *problem) crosses(a, b *member) bool { return p.terms(a.index, b.index).Cross > 0 }

// weight returns the integer matching weight of a pair (at least 1).
func (p *problem) weight(a, b *member) int64 { return p.weightAt(a.index, b.index) }

func (p *problem) weightAt(i, j int) int64 {
	bd := p.terms(i, j)
	return max(1, int64(math.Round(bd.Total()*weightScale)))
}
