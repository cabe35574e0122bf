package web

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/roster"
	"huddle/internal/service"
)

func (h *Handler) admin(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.CheckAdminPages(a); err != nil {
		return err
	}
	h.render(w, r, "admin", page{Title: "Admin", Actor: &a, Nav: "admin"})
	return nil
}

type rosterData struct {
	Plan     *domain.RosterPlan
	CSV      string   // carried from preview to apply
	Problems []string // every problem, "line N: field: what is wrong"
	Applied  bool
}

func (h *Handler) rosterPage(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.CheckRosterImport(a); err != nil {
		return err
	}
	h.render(w, r, "roster", page{Title: "Import roster", Actor: &a, Nav: "admin", Data: rosterData{}})
	return nil
}

// rosterPreview parses the uploaded CSV and shows what importing it would
// change. Nothing is written.
func (h *Handler) rosterPreview(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.CheckRosterImport(a); err != nil {
		return err
	}
	data, err := readUpload(w, r, "file")
	if err != nil {
		return h.rosterProblem(w, r, a, "", err)
	}
	plan, err := h.svc.PlanRoster(r.Context(), a, bytes.NewReader(data))
	if err != nil {
		return h.rosterProblem(w, r, a, "", err)
	}
	h.render(w, r, "roster", page{Title: "Import roster", Actor: &a, Nav: "admin", Data: rosterData{Plan: &plan, CSV: string(data)}})
	return nil
}

// rosterApply applies the CSV the preview showed, planning it again so that
// changes made since the preview are taken into account.
func (h *Handler) rosterApply(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, service.MaxRosterBytes*2)
	csv := r.PostFormValue("csv")
	plan, err := h.svc.ImportRoster(r.Context(), a, strings.NewReader(csv))
	if err != nil {
		return h.rosterProblem(w, r, a, csv, err)
	}
	h.render(w, r, "roster", page{Title: "Import roster", Actor: &a, Nav: "admin",
		Notice: "Roster imported.", Data: rosterData{Plan: &plan, Applied: true}})
	return nil
}

// rosterProblem shows every problem with a rejected file; other errors
// (forbidden, internal) go to the error page.
func (h *Handler) rosterProblem(w http.ResponseWriter, r *http.Request, a service.Actor, csv string, err error) error {
	var problems *roster.Errors
	var msgs []string
	switch {
	case errors.As(err, &problems):
		for _, p := range problems.Problems {
			msgs = append(msgs, p.String())
		}
	case errors.Is(err, domain.ErrInvalid), errors.Is(err, httpx.ErrTooLarge):
		msgs = []string{httpx.Message(r.Context(), err)}
	default:
		return err
	}
	status, _ := httpx.Status(err)
	if errors.As(err, &problems) {
		status = http.StatusUnprocessableEntity
	}
	w.WriteHeader(status)
	h.render(w, r, "roster", page{Title: "Import roster", Actor: &a, Nav: "admin", Data: rosterData{Problems: msgs, CSV: csv}})
	return nil
}

// readUpload reads one uploaded file, bounded by the roster size limit.
func readUpload(w http.ResponseWriter, r *http.Request, field string) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, service.MaxRosterBytes+64<<10)
	f, _, err := r.FormFile(field)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &domain.Error{Kind: httpx.ErrTooLarge, Message: "the file is larger than 8 MB; split it into several files"}
		}
		return nil, domain.Invalid("file", "choose a CSV file to upload")
	}
	defer f.Close()
	return io.ReadAll(f)
}
