package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

//go:embed templates
var templateFS embed.FS

// templates holds one parsed template set per page, each the layout plus
// the page's own file.
type templates struct {
	pages map[string]*template.Template
}

// page is what every template receives: the chrome (title, the signed-in
// person, the active navigation entry, a notice) and the page's own data.
type page struct {
	Title  string
	Actor  *service.Actor
	Nav    string
	Notice string
	Data   any
}

func parseTemplates(a *assets, now func() time.Time) (*templates, error) {
	funcs := template.FuncMap{
		"asset": a.url,
		"date": func(t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			return t.Format("2 Jan 2006")
		},
		"tenure": func(p domain.Person) string { return p.Tenure(now()) },
		"roles":  func(r domain.Roles) string { return strings.ReplaceAll(r.String(), ",", ", ") },
		"add":    func(a, b int) int { return a + b },
		"sub":    func(a, b int) int { return a - b },
		"join":   func(s []string) string { return strings.Join(s, ", ") },
		"number": func(v *float64) string { return fmtMetric(v, false) },
		"percent": func(v *float64) string {
			return fmtMetric(v, true)
		},
		"duration": func(v *float64) string {
			if v == nil {
				return "—"
			}
			return service.Clock(*v)
		},
		"clock":  func(v any) string { return service.Clock(seconds(v)) },
		"anchor": func(v any) string { return cueAnchor(seconds(v)) },
		"kind":   momentKind,
		"swatch": func(color string) string { return strings.TrimPrefix(color, "#") },
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, f := range files {
		name := strings.TrimSuffix(f[len("templates/pages/"):], ".html")
		clone, _ := layout.Clone()
		if t.pages[name], err = clone.ParseFS(templateFS, f); err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", f, err)
		}
	}
	return t, nil
}

// render writes a page. An htmx request for a fragment gets just the
// page's "content" block, so one handler serves both.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, name string, p page) {
	t, ok := h.pages.pages[name]
	if !ok {
		h.log.Error("no such template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	block := "layout.html"
	if target := r.Header.Get("HX-Target"); r.Header.Get("HX-Request") == "true" && target != "" && t.Lookup(target) != nil {
		block = target // the fragment htmx asked for, e.g. the search results
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, block, p); err != nil {
		h.log.Error("render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = buf.WriteTo(w)
}

// seconds accepts the float64 and *float64 times templates pass around.
func seconds(v any) float64 {
	switch t := v.(type) {
	case float64:
		return t
	case *float64:
		if t != nil {
			return *t
		}
	}
	return 0
}

// momentKind names a teachable moment for people.
func momentKind(kind string) string {
	switch kind {
	case "objection":
		return "Objection"
	case "monologue_after_question":
		return "Long monologue after a question"
	case "no_next_step":
		return "No next step"
	case "discovery_question":
		return "Strong discovery question"
	case "long_customer_story":
		return "Customer story"
	}
	return kind
}
