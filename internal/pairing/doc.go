// Package pairing proposes peer sales-coaching pairs and groups.
//
// It is pure Go: no HTTP, no SQL. Callers build an [Input] (or read one with
// [ParseRoster]) and call [Propose].
//
// # Benefit of a pair
//
// For every focus criterion s, the roster ("the team") gives a median m_s
// and a population standard deviation σ_s, over everyone with a score. A
// person's gap and strength on s are measured in standard deviations:
//
//	gap_a(s)      = max(0, (m_s − x_a(s)) / σ_s)
//	strength_a(s) = max(0, (x_a(s) − m_s) / σ_s)
//
// so scores on any scale compare. The benefit of pairing a and b is
//
//	learning = W.Learning · Σ_s [gap_a(s)·strength_b(s) + gap_b(s)·strength_a(s)]
//	tenure   = W.Tenure · min(|tenure_a − tenure_b|, W.TenureCapYears) / W.TenureCapYears
//	cross    = W.Cross if a and b differ on the boundary named by Options.Prefer
//	benefit  = learning + tenure + cross + W.Base
//
// with [Weights] defaulting to [DefaultWeights]. Learning counts both
// directions, so a pair where each teaches the other scores higher than a
// one-way pair with the same single gap. Unscored criteria add nothing.
// The matcher works on integer weights round(1000·benefit), at least 1, so
// the blossom arithmetic is exact; reported weights are those integers /1000.
//
// # Hard constraints
//
//   - Opted-out people are never placed ("opted out").
//   - Capacity: a pairing in History counts against both people's capacity
//     for Options.ActiveDays (default 30) after its date. People whose active
//     pairings already fill their capacity are left out ("capacity
//     reached"). One round assigns at most one new partner (or group) per
//     person, whatever their remaining capacity: run another round to fill
//     a capacity of 2.
//   - Time zones: a pair (or every member of a group) must share a slot of
//     at least Options.MinOverlapHours of Monday–Friday working hours on the
//     round's meeting day, see [CommonSlot]; zones and daylight saving are
//     resolved for that exact date. A round dated on a weekend is computed
//     for the following Monday.
//   - Rotation: people paired less than Options.RepeatAfterDays before the
//     round's date are not paired (or grouped) again.
//
// # Pairs
//
// Pairs are a maximum-weight matching in the general graph of eligible
// pairs, solved exactly by Edmonds' blossom algorithm (package matching) on
// a sparse candidate graph. Each person contributes their best K eligible
// partners by weight (Options.K, default 10) and their best K by reduced
// weight w(a,b) − y_a − y_b, where y is half the weight each gets in a
// greedy matching of the first lists. The second list keeps the graph
// useful when a few strong teachers top everyone's first list. If two
// people end unmatched while eligible for each other, their edge is added
// and the matching solved again, so "odd one out" is literal. With
// Options.Exhaustive every eligible pair is an edge (quadratic; meant for
// small rosters and for checking). The result is optimal on its candidate
// graph; [Result].GreedyWeight gives heaviest-edge-first greedy on the
// same graph for comparison.
//
// # Groups
//
// Groups (circles, clinics) partition the available people into groups of
// Options.GroupMin..GroupMax people maximising the summed pair benefit
// inside groups, where every group has a common slot and no two members
// were paired inside the repeat window. The objective favours larger
// groups (more pairs), so the size range is the program's lever. The
// heuristic seeds groups from the people with the fewest eligible
// partners, grows each greedily from its members' candidate lists,
// repairs leftovers (insert into a group with room, or form a new group
// with members that groups above the minimum can spare), then improves by
// moves and swaps until no improving one is left. [Result] reports the
// objective beside the mean of random groupings with the same sizes
// (constraints ignored) and an upper bound (each person's best max−1
// eligible partners, halved).
//
// # Roster files
//
// [ParseRoster] rejects unknown JSON fields (a misspelt option would
// otherwise silently fall back to its default), duplicate ids, history
// naming unknown people, unknown time zones ("Local" included) and
// malformed dates or hours, with errors naming the element and field, e.g.
// `people[3] (id "p4"): timezone: unknown time zone "Mars/Base"`.
package pairing
