package pairing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// Mode selects what Propose builds.
type Mode string

// Modes of a pairing round.
const (
	ModePairs  Mode = "pairs"
	ModeGroups Mode = "groups"
)

// Preference is the boundary the program wants pairs to cross.
type Preference string

// Cross-boundary preferences.
const (
	PreferNone        Preference = "none"
	PreferCrossRegion Preference = "cross_region"
	PreferCrossTeam   Preference = "cross_team"
)

// DateLayout is the layout of every date in a roster.
const DateLayout = "2006-01-02"

// Input is everything one pairing round needs.
type Input struct {
	People  []Person
	History []Pairing
	Options Options
}

// Person is one rep on the roster.
type Person struct {
	ID     string
	Name   string
	Skills map[string]float64 // criterion -> standing (any scale, same for everyone)
	// StartDate is the first day in the role; tenure is counted from it.
	StartDate time.Time
	Region    string
	Team      string
	TimeZone  string // IANA name, e.g. "Europe/London"
	Hours     WorkingHours
	// Capacity is how many pairings the person takes at once, counting
	// pairings from History that are still active; 0 means 1.
	Capacity int
	OptOut   bool
}

// Pairing is a past pairing of people A and B that started on Date.
type Pairing struct {
	A, B string
	Date time.Time
}

// Options shape one pairing round. Start from DefaultOptions: zero values
// of MinOverlapHours, RepeatAfterDays and ActiveDays are meaningful.
type Options struct {
	Mode Mode
	// Skills are the focus criteria; empty means every criterion on the roster.
	Skills []string
	// GroupMin and GroupMax bound group sizes in groups mode.
	GroupMin, GroupMax int
	Prefer             Preference
	// MinOverlapHours is the shortest shared working-hours slot allowed.
	MinOverlapHours float64
	// RepeatAfterDays is how long two people must wait before being paired again.
	RepeatAfterDays int
	// ActiveDays is how long a pairing from History keeps counting
	// against both people's capacity.
	ActiveDays int
	// Date is the day of the round: overlaps are computed for it (for the
	// following Monday if it falls on a weekend) and the repeat and active
	// windows end on it. Zero means today (UTC).
	Date time.Time
	// K is how many best eligible partners per person enter the candidate
	// graph; 0 means DefaultK. Exhaustive keeps every eligible edge instead.
	K          int
	Exhaustive bool
	Weights    Weights
}

// DefaultK is the default number of candidate partners kept per person.
const DefaultK = 10

// DefaultOptions returns the options used when a roster leaves them out.
func DefaultOptions() Options {
	return Options{
		Mode:            ModePairs,
		GroupMin:        3,
		GroupMax:        6,
		Prefer:          PreferNone,
		MinOverlapHours: 1,
		RepeatAfterDays: 90,
		ActiveDays:      30,
		K:               DefaultK,
		Weights:         DefaultWeights(),
	}
}

// The JSON shapes of a roster. Unknown fields are rejected so that a
// misspelt option does not silently fall back to its default.
type rosterJSON struct {
	People  []json.RawMessage `json:"people"`
	History []json.RawMessage `json:"history"`
	Options json.RawMessage   `json:"options"`
}

type personJSON struct {
	ID           string             `json:"id"`
	Name         string             `json:"name"`
	Skills       map[string]float64 `json:"skills"`
	StartDate    string             `json:"start_date"`
	Region       string             `json:"region"`
	Team         string             `json:"team"`
	TimeZone     string             `json:"timezone"`
	WorkingHours string             `json:"working_hours"`
	Capacity     *int               `json:"capacity"`
	OptOut       bool               `json:"opt_out"`
}

type historyJSON struct {
	A    string `json:"a"`
	B    string `json:"b"`
	Date string `json:"date"`
}

type optionsJSON struct {
	Mode            *string      `json:"mode"`
	Skills          []string     `json:"skills"`
	GroupSize       []int        `json:"group_size"`
	Prefer          *string      `json:"prefer"`
	MinOverlapHours *float64     `json:"min_overlap_hours"`
	RepeatAfterDays *int         `json:"repeat_after_days"`
	ActiveDays      *int         `json:"active_days"`
	Date            *string      `json:"date"`
	Weights         *weightsJSON `json:"weights"`
}

type weightsJSON struct {
	Learning       *float64 `json:"learning"`
	Tenure         *float64 `json:"tenure"`
	TenureCapYears *float64 `json:"tenure_cap_years"`
	Cross          *float64 `json:"cross"`
	Base           *float64 `json:"base"`
}

// ParseRoster reads a JSON roster {"people": [...], "history": [...],
// "options": {...}} and validates it like Propose does. Absent options take
// their DefaultOptions values; unknown fields are errors. Errors name the
// offending element and field, e.g.
// `people[3] (id "p4"): timezone: unknown time zone "Mars/Base"`.
func ParseRoster(r io.Reader) (Input, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Input{}, fmt.Errorf("read roster: %w", err)
	}
	var raw rosterJSON
	if err := decodeStrict(data, &raw); err != nil {
		return Input{}, fmt.Errorf("roster: %w", err)
	}
	if raw.People == nil {
		return Input{}, errors.New(`roster: "people" is missing`)
	}
	in := Input{Options: DefaultOptions()}
	for i, msg := range raw.People {
		p, err := parsePerson(msg)
		if err != nil {
			return Input{}, fmt.Errorf("%s: %w", personLabel(i, idOf(msg)), err)
		}
		in.People = append(in.People, p)
	}
	for i, msg := range raw.History {
		h, err := parseHistory(msg)
		if err != nil {
			return Input{}, fmt.Errorf("history[%d]: %w", i, err)
		}
		in.History = append(in.History, h)
	}
	if len(raw.Options) > 0 && !bytes.Equal(bytes.TrimSpace(raw.Options), []byte("null")) {
		if err := parseOptions(raw.Options, &in.Options); err != nil {
			return Input{}, fmt.Errorf("options: %w", err)
		}
	}
	if _, err := newProblem(in); err != nil {
		return Input{}, err
	}
	return in, nil
}

func parsePerson(msg json.RawMessage) (Person, error) {
	var pj personJSON
	if err := decodeStrict(msg, &pj); err != nil {
		return Person{}, err
	}
	p := Person{
		ID: pj.ID, Name: pj.Name, Skills: pj.Skills,
		Region: pj.Region, Team: pj.Team, TimeZone: pj.TimeZone, OptOut: pj.OptOut,
		Capacity: 1,
	}
	if pj.ID == "" {
		return Person{}, errors.New("id: missing")
	}
	var err error
	if p.StartDate, err = parseDate(pj.StartDate); err != nil {
		return Person{}, fmt.Errorf("start_date: %w", err)
	}
	if p.Hours, err = ParseHours(pj.WorkingHours); err != nil {
		return Person{}, fmt.Errorf("working_hours: %w", err)
	}
	if pj.Capacity != nil {
		if *pj.Capacity < 1 {
			return Person{}, fmt.Errorf("capacity: must be at least 1, got %d (use opt_out to skip a round)", *pj.Capacity)
		}
		p.Capacity = *pj.Capacity
	}
	return p, nil
}

func parseHistory(msg json.RawMessage) (Pairing, error) {
	var hj historyJSON
	if err := decodeStrict(msg, &hj); err != nil {
		return Pairing{}, err
	}
	d, err := parseDate(hj.Date)
	if err != nil {
		return Pairing{}, fmt.Errorf("date: %w", err)
	}
	return Pairing{A: hj.A, B: hj.B, Date: d}, nil
}

func parseOptions(msg json.RawMessage, o *Options) error {
	var oj optionsJSON
	if err := decodeStrict(msg, &oj); err != nil {
		return err
	}
	if oj.Mode != nil {
		o.Mode = Mode(*oj.Mode)
	}
	o.Skills = oj.Skills
	if oj.GroupSize != nil {
		if len(oj.GroupSize) != 2 {
			return fmt.Errorf("group_size: want [min, max], got %d numbers", len(oj.GroupSize))
		}
		o.GroupMin, o.GroupMax = oj.GroupSize[0], oj.GroupSize[1]
	}
	if oj.Prefer != nil {
		o.Prefer = Preference(*oj.Prefer)
	}
	if oj.MinOverlapHours != nil {
		o.MinOverlapHours = *oj.MinOverlapHours
	}
	if oj.RepeatAfterDays != nil {
		o.RepeatAfterDays = *oj.RepeatAfterDays
	}
	if oj.ActiveDays != nil {
		o.ActiveDays = *oj.ActiveDays
	}
	if oj.Date != nil {
		d, err := parseDate(*oj.Date)
		if err != nil {
			return fmt.Errorf("date: %w", err)
		}
		o.Date = d
	}
	if w := oj.Weights; w != nil {
		for _, f := range []struct {
			src *float64
			dst *float64
		}{
			{w.Learning, &o.Weights.Learning}, {w.Tenure, &o.Weights.Tenure},
			{w.TenureCapYears, &o.Weights.TenureCapYears}, {w.Cross, &o.Weights.Cross},
			{w.Base, &o.Weights.Base},
		} {
			if f.src != nil {
				*f.dst = *f.src
			}
		}
	}
	return nil
}

// decodeStrict decodes one JSON value, rejecting unknown fields and
// trailing data, and rephrases type errors in roster terms.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return fmt.Errorf("%s: want %s, got %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
		}
		return fmt.Errorf("invalid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("invalid JSON: unexpected data after the top-level value")
	}
	return nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "int", "int64", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "slice":
		return "an array"
	case "map", "struct", "ptr":
		return "an object"
	}
	return goKind
}

// idOf extracts the id of a person object for error messages, if it has one.
func idOf(msg json.RawMessage) string {
	var v struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(msg, &v)
	return v.ID
}

func personLabel(i int, id string) string {
	if id == "" {
		return fmt.Sprintf("people[%d]", i)
	}
	return fmt.Sprintf("people[%d] (id %q)", i, id)
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, errors.New(`missing, want "YYYY-MM-DD"`)
	}
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("want \"YYYY-MM-DD\", got %q", s)
	}
	return d, nil
}
