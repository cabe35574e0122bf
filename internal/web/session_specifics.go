package web

import (
	"net/http"
	"strconv"
	"strings"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// The run sheet's ritual specifics: a skill swap's teacher, skills, cheat
// sheet and confidence survey; notes on challenges, objections and
// stories; action items tied to a deal.

// setSwap names the teacher and the skills (one per line).
func (h *Handler) setSwap(r *http.Request, a service.Actor, id int64) error {
	teacher, _ := strconv.ParseInt(r.PostForm.Get("teacher"), 10, 64)
	_, err := h.svc.SetSkillSwap(r.Context(), a, id, service.SkillSwapInput{TeacherID: teacher, Skills: skillLines(r.PostForm.Get("skills"))})
	return err
}

// writeCheatSheet saves the cheat sheet's Markdown.
func (h *Handler) writeCheatSheet(r *http.Request, a service.Actor, id int64) error {
	_, err := h.svc.WriteCheatSheet(r.Context(), a, id, r.PostForm.Get("cheat_sheet"))
	return err
}

// answerSurvey reads pairs of skill and score fields, in order; a blank
// score leaves that skill unanswered.
func (h *Handler) answerSurvey(r *http.Request, a service.Actor, id int64) error {
	skills, scores := r.PostForm["skill"], r.PostForm["score"]
	if len(skills) != len(scores) {
		return domain.Invalid("scores", "rate each skill from 1 to 5")
	}
	answers := map[string]int{}
	for i, skill := range skills {
		if strings.TrimSpace(scores[i]) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(scores[i]))
		if err != nil {
			return domain.Invalid("score", "rate your confidence from 1 (not at all) to 5 (very)")
		}
		answers[skill] = n
	}
	return h.svc.AnswerSurvey(r.Context(), a, id, r.PostForm.Get("phase"), answers)
}

// itemNote saves the group's notes on an item.
func (h *Handler) itemNote(r *http.Request, a service.Actor, id int64) error {
	item, err := strconv.ParseInt(r.PathValue("item"), 10, 64)
	if err != nil {
		return domain.NotFound("item")
	}
	return h.svc.SetItemNote(r.Context(), a, id, item, r.PostForm.Get("note"))
}

// skillLines splits a textarea into its non-blank lines.
func skillLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
