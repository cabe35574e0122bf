package domain

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// RemarkKind says whether a remark points at something done well or at
// something to work on: highlights and improvement areas stay separate.
type RemarkKind string

// The kinds of remark.
const (
	RemarkHighlight   RemarkKind = "highlight"
	RemarkImprovement RemarkKind = "improvement"
)

// Limits of a review's remarks.
const (
	MaxReviewRemarks = 50   // per review
	MaxRemarkNote    = 1000 // characters
)

// ReviewRemark is a reviewer's remark at a point of the call under review:
// a time in seconds from the start of the call, optionally tied to one of
// the call's teachable moments, marked as a highlight or an improvement.
// Remarks belong to the observations: they change only while the review is
// a draft.
type ReviewRemark struct {
	ID         int64
	Ref        string // random, opaque: how its author names it
	ReviewID   int64
	AtSeconds  float64
	Kind       RemarkKind
	MomentKind string   // the teachable moment's kind; "" when tied to none
	MomentAt   *float64 // the moment's time, with MomentKind
	Note       string
	CreatedAt  time.Time // for the record; never shown to anyone but the author
}

// Validate normalises the remark's own fields and reports the first
// problem, naming the field. Whether the time lies within the call is the
// service's to check.
func (m *ReviewRemark) Validate() error {
	m.Note = strings.TrimSpace(m.Note)
	switch {
	case math.IsNaN(m.AtSeconds) || math.IsInf(m.AtSeconds, 0) || m.AtSeconds < 0:
		return Invalid("at_seconds", "give the time of the remark as m:ss from the start of the call, e.g. 4:30")
	case m.Kind != RemarkHighlight && m.Kind != RemarkImprovement:
		return Invalid("kind", "mark the remark as a highlight or an improvement")
	case m.Note == "":
		return Invalid("note", "write what you noticed at this moment")
	case utf8.RuneCountInString(m.Note) > MaxRemarkNote:
		return Invalid("note", "keep a remark under %d characters", MaxRemarkNote)
	case (m.MomentKind == "") != (m.MomentAt == nil):
		return Invalid("moment", "a moment needs both its kind and its time")
	}
	return nil
}

// HelpfulnessRating is one helpfulness rating a reviewer received and when
// it was given.
type HelpfulnessRating struct {
	Score   int
	RatedAt time.Time
}
