package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// cueLine is one transcript line of the request page, with the remarks
// the viewer may read that point at it.
type cueLine struct {
	service.TranscriptCue
	Anchor  string
	Remarks []remarkLine
}

// remarkLine is a remark ready to show: its time links to its transcript
// line.
type remarkLine struct {
	Ref    string // the author's own only: to remove it
	Clock  string
	Anchor string
	Kind   string // highlight or improvement
	Label  string // "Highlight" or "To work on"
	Moment string // the teachable moment it is tied to, if any
	Note   string
	Author string // on the transcript: who wrote it, as the viewer may know
	at     float64
}

// momentOption is one of the subject's teachable moments, to tie a remark
// to.
type momentOption struct {
	Index  int
	Label  string
	Anchor string
	Reason string
}

// remarkLines renders a review's remarks.
func remarkLines(list []service.RemarkView, at anchors, author string) []remarkLine {
	var out []remarkLine
	for _, m := range list {
		l := remarkLine{Ref: m.Ref, Clock: service.Clock(m.AtSeconds), Anchor: at.For(m.AtSeconds), Kind: string(m.Kind),
			Label: "Highlight", Note: m.Note, Author: author, at: m.AtSeconds}
		if m.Kind == domain.RemarkImprovement {
			l.Label = "To work on"
		}
		if m.MomentKind != "" && m.MomentAt != nil {
			l.Moment = momentKind(m.MomentKind) + " at " + service.Clock(*m.MomentAt)
		}
		out = append(out, l)
	}
	return out
}

// transcriptLines lays out the subject's transcript with every remark the
// viewer may read next to the line it points at. Remarks of one line are
// in call order, then by kind and text: never by author or time of writing.
func transcriptLines(cues []service.TranscriptCue, at anchors, cards []reviewCard) []cueLine {
	out := make([]cueLine, len(cues))
	line := map[string]int{}
	for i, c := range cues {
		out[i] = cueLine{TranscriptCue: c, Anchor: cueAnchor(c.Start)}
		if _, ok := line[out[i].Anchor]; !ok {
			line[out[i].Anchor] = i
		}
	}
	for _, c := range cards {
		for _, m := range c.Remarks {
			if i, ok := line[m.Anchor]; ok {
				out[i].Remarks = append(out[i].Remarks, m)
			}
		}
	}
	for i := range out {
		slices.SortStableFunc(out[i].Remarks, func(x, y remarkLine) int {
			return cmp.Or(cmp.Compare(x.at, y.at), cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Note, y.Note))
		})
	}
	return out
}

// subjectCues are the transcript lines of the request's call or snippet.
func subjectCues(v service.RequestView) []service.TranscriptCue {
	if v.Snippet != nil {
		return v.Snippet.Cues
	}
	return v.Transcript.Cues
}

// fillRemarks adds the transcript with remarks, the moments and each
// card's remarks to the page.
func (d *requestData) fillRemarks() {
	v := d.View
	cues := subjectCues(v)
	at := newAnchors(service.CallTranscript{Cues: cues})
	var cards []reviewCard
	for i := range d.Reviews {
		d.Reviews[i].Remarks = remarkLines(d.Reviews[i].ReviewView.Remarks, at, authorOf(d.Reviews[i]))
		cards = append(cards, d.Reviews[i])
	}
	if d.Mine != nil {
		d.Mine.Remarks = remarkLines(d.Mine.ReviewView.Remarks, at, "You")
		cards = append(cards, *d.Mine)
	}
	d.Cues = transcriptLines(cues, at, cards)
	for _, m := range v.Moments {
		d.Moments = append(d.Moments, momentOption{Index: m.Index, Label: service.Clock(m.AtSeconds) + " " + momentKind(m.Kind),
			Anchor: at.For(m.AtSeconds), Reason: m.Reason})
	}
	timed := v.Snippet != nil || (v.Call != nil && v.Transcript.Timed)
	d.CanRemark = timed && !v.IsRequester && v.MyInvite.Status == domain.InviteAccepted && (d.Mine == nil || d.Mine.Phase == domain.PhaseDraft)
	if v.Snippet != nil {
		d.RemarkAt = service.Clock(v.Snippet.Snippet.Start)
	}
}

func authorOf(c reviewCard) string {
	if c.Author == "" {
		return "Anonymous reviewer"
	}
	return c.Author
}

// addRemark takes the remark form: at (m:ss, optional with a moment),
// moment (its number), kind and note.
func (h *Handler) addRemark(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 32<<10)
	in := service.RemarkInput{Kind: domain.RemarkKind(r.PostFormValue("kind")), Note: r.PostFormValue("note")}
	if v := strings.TrimSpace(r.PostFormValue("at")); v != "" {
		sec, perr := parseClock(v)
		if perr != nil {
			return h.remarkProblem(w, r, a, domain.Invalid("at_seconds", "give the time as m:ss, e.g. 4:30"))
		}
		in.AtSeconds = &sec
	}
	if v := r.PostFormValue("moment"); v != "" {
		if in.Moment, err = strconv.Atoi(v); err != nil {
			return h.remarkProblem(w, r, a, domain.Invalid("moment", "choose one of the moments listed, or none"))
		}
	}
	if _, err := h.svc.AddRemark(r.Context(), a, id, in); err != nil {
		return h.remarkProblem(w, r, a, err)
	}
	return h.remarksDone(w, r, a, id)
}

// removeRemark removes one of the reviewer's own remarks.
func (h *Handler) removeRemark(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := h.svc.RemoveRemark(r.Context(), a, id, r.PathValue("ref")); err != nil {
		return h.remarkProblem(w, r, a, err)
	}
	return h.remarksDone(w, r, a, id)
}

// remarksDone answers htmx with the remarks section and, out of band, the
// transcript with the remarks next to their lines; anyone else with the
// page, at the remarks.
func (h *Handler) remarksDone(w http.ResponseWriter, r *http.Request, a service.Actor, id int64) error {
	if r.Header.Get("HX-Request") == "true" {
		r.Header.Set("HX-Target", "remarks-fragment")
		return h.renderRequest(w, r, a, "", http.StatusOK)
	}
	http.Redirect(w, r, requestURL(id, "remarks"), http.StatusSeeOther)
	return nil
}

// remarkProblem shows a mistake in a remark next to the remark form.
func (h *Handler) remarkProblem(w http.ResponseWriter, r *http.Request, a service.Actor, err error) error {
	return h.problemAt(w, r, a, err, "remarks", func(d *requestData, msg string) { d.RemarkError = msg })
}
