package web

import (
	"net/http"
	"strings"

	"huddle/internal/analysis"
	"huddle/internal/domain"
	"huddle/internal/service"
)

type trackersData struct {
	Trackers, Competitors, Objections string
	Error                             string
}

func (h *Handler) trackers(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.CheckAdmin(a, "edit trackers"); err != nil {
		return err
	}
	cfg, err := h.svc.AnalysisConfig(r.Context(), a)
	if err != nil {
		return err
	}
	d := trackersData{Trackers: formatCategories(cfg.Trackers), Competitors: strings.Join(cfg.Competitors, "\n"),
		Objections: formatCategories(cfg.Objections)}
	notice := ""
	if r.URL.Query().Get("saved") == "1" {
		notice = "Saved. Existing calls are being analysed again in the background."
	}
	h.render(w, r, "trackers", page{Title: "Trackers", Actor: &a, Nav: "admin", Notice: notice, Data: d})
	return nil
}

func (h *Handler) saveTrackers(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.CheckAdmin(a, "edit trackers"); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	d := trackersData{Trackers: r.PostFormValue("trackers"), Competitors: r.PostFormValue("competitors"), Objections: r.PostFormValue("objections")}
	edit := service.AnalysisEdit{Competitors: strings.Split(d.Competitors, "\n")}
	var err error
	if edit.Trackers, err = parseCategories("trackers", d.Trackers); err == nil {
		edit.Objections, err = parseCategories("objections", d.Objections)
	}
	if err == nil {
		_, err = h.svc.SetAnalysisConfig(r.Context(), a, edit)
	}
	if msg, ok := domain.UserMessage(err); ok {
		d.Error = msg
		w.WriteHeader(http.StatusBadRequest)
		h.render(w, r, "trackers", page{Title: "Trackers", Actor: &a, Nav: "admin", Data: d})
		return nil
	}
	if err != nil {
		return err
	}
	h.wakeJobs()
	http.Redirect(w, r, "/admin/trackers?saved=1", http.StatusSeeOther)
	return nil
}

// formatCategories writes one "Name: phrase, phrase" line per category.
func formatCategories(cs []analysis.Category) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.Name + ": " + strings.Join(c.Phrases, ", ") + "\n")
	}
	return b.String()
}

// parseCategories reads the lines formatCategories writes.
func parseCategories(field, text string) ([]analysis.Category, error) {
	out := []analysis.Category{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, phrases, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, domain.Invalid(field, "line %d: write \"Name: phrase, phrase\"", i+1)
		}
		out = append(out, analysis.Category{Name: strings.TrimSpace(name), Phrases: strings.Split(phrases, ",")})
	}
	return out, nil
}
