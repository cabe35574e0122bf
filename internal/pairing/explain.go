package pairing

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// strongTopPercent is the widest "top N%" a reason will quote; weaker
// strengths are quoted as points above the median instead.
const strongTopPercent = 25

// explainPair builds the Pair for a and b with reasons that restate the
// numbers behind its weight.
func (p *problem) explainPair(a, b *member, w int64) Pair {
	bd := p.benefit(a, b)
	slot := longestCommon([][3]interval{a.spans, b.spans})
	pair := Pair{
		A: a.ID, B: b.ID, Weight: toFloat(w),
		Breakdown:    roundBreakdown(bd),
		OverlapHours: round1(hoursOf(slot)),
		Slot:         slotOf(slot).String(),
	}
	for _, dir := range [2][2]*member{{a, b}, {b, a}} {
		if r := p.learningReason(dir[0], dir[1]); r != "" {
			pair.Reasons = append(pair.Reasons, r)
		}
	}
	pair.Reasons = append(pair.Reasons,
		fmt.Sprintf("%.1f h of shared working hours on %s (%s)", hoursOf(slot), p.meet, pair.Slot),
		p.rotationReason(a, b),
		tenureReason(a, b))
	if r := p.crossReason(a, b); r != "" {
		pair.Reasons = append(pair.Reasons, r)
	}
	return pair
}

// bestSkill returns the focus skill on which learner gains most from
// teacher, or -1 if none.
func bestSkill(learner, teacher *member) int {
	best, bestV := -1, 0.0
	for s, g := range learner.standing.gap {
		if v := g * teacher.standing.strength[s]; v > bestV {
			best, bestV = s, v
		}
	}
	return best
}

// learningReason says what learner can pick up from teacher, e.g. "Ana is
// 1.8 below the team median on objection_handling; Ben is in the top 10% on it".
func (p *problem) learningReason(learner, teacher *member) string {
	s := bestSkill(learner, teacher)
	if s < 0 {
		return ""
	}
	st := p.stats[s]
	below := st.median - learner.Skills[st.name]
	return fmt.Sprintf("%s is %s below the team median on %s; %s", learner.Name, fmtPoints(below), st.name, strengthPhrase(st, teacher))
}

// strengthPhrase describes teacher's standing on a skill above the median.
func strengthPhrase(st skillStat, teacher *member) string {
	x := teacher.Skills[st.name]
	if top := roundUpTo5(st.topPercent(x)); top <= strongTopPercent {
		return fmt.Sprintf("%s is in the top %d%% on it", teacher.Name, top)
	}
	return fmt.Sprintf("%s is %s above it", teacher.Name, fmtPoints(x-st.median))
}

func (p *problem) rotationReason(a, b *member) string {
	days, ok := p.recentDays(a, b)
	if !ok {
		return "never paired"
	}
	if days == 1 {
		return "last paired 1 day ago"
	}
	return fmt.Sprintf("last paired %d days ago", days)
}

func tenureReason(a, b *member) string {
	if math.Abs(a.tenureYears-b.tenureYears) >= 1 {
		return fmt.Sprintf("tenure mix: %s and %s", fmtTenure(a.tenureYears), fmtTenure(b.tenureYears))
	}
	return fmt.Sprintf("similar tenure: %s and %s", fmtTenure(a.tenureYears), fmtTenure(b.tenureYears))
}

func (p *problem) crossReason(a, b *member) string {
	switch p.opts.Prefer {
	case PreferCrossRegion:
		if p.crosses(a, b) {
			return fmt.Sprintf("cross-region: %s and %s", a.Region, b.Region)
		}
		return fmt.Sprintf("same region: %s", orUnknown(a.Region))
	case PreferCrossTeam:
		if p.crosses(a, b) {
			return fmt.Sprintf("cross-team: %s and %s", a.Team, b.Team)
		}
		return fmt.Sprintf("same team: %s", orUnknown(a.Team))
	}
	return ""
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// fmtTenure formats years as "4 months", "1 month", "2.5 years" or "6 years".
func fmtTenure(years float64) string {
	if years < 1 {
		months := int(math.Floor(years * 12))
		if months == 1 {
			return "1 month"
		}
		return fmt.Sprintf("%d months", months)
	}
	y := strconv.FormatFloat(math.Floor(years*10)/10, 'f', 1, 64)
	y = strings.TrimSuffix(y, ".0")
	if y == "1" {
		return "1 year"
	}
	return y + " years"
}

// fmtPoints formats a score difference with one decimal.
func fmtPoints(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

func roundUpTo5(pct float64) int {
	return int(math.Ceil(pct/5-1e-9)) * 5
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func roundBreakdown(b Breakdown) Breakdown {
	return Breakdown{Learning: round3(b.Learning), Tenure: round3(b.Tenure), Cross: round3(b.Cross), Base: round3(b.Base)}
}

func hoursOf(iv interval) float64 { return float64(iv.length()) / 3600 }

func slotOf(iv interval) Slot {
	if iv.empty() {
		return Slot{}
	}
	return Slot{Start: time.Unix(iv.start, 0).UTC(), End: time.Unix(iv.end, 0).UTC()}
}
