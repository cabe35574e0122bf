// Package api serves Huddle's JSON REST API under /api/v1, authenticated
// with personal API tokens (Authorization: Bearer …). Its OpenAPI 3
// description is served at /api/v1/openapi.json and kept in step with the
// route table by a test.
package api

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/service"
)

// Prefix is where the API lives.
const Prefix = "/api/v1"

// maxBody bounds a JSON request body.
const maxBody = 1 << 20

// API serves the JSON API.
type API struct {
	svc       *service.Service
	log       *slog.Logger
	maxUpload int64
	wake      func()
}

// New returns the API handler set. maxUpload bounds call uploads (bytes);
// wake, if not nil, nudges the background workers after a job is queued.
func New(svc *service.Service, log *slog.Logger, maxUpload int64, wake func()) *API {
	if maxUpload <= 0 {
		maxUpload = 200 << 20
	}
	return &API{svc: svc, log: log, maxUpload: maxUpload, wake: wake}
}

func (api *API) wakeJobs() {
	if api.wake != nil {
		api.wake()
	}
}

type handlerFunc func(w http.ResponseWriter, r *http.Request, a service.Actor) error

// route is one entry of the route table; the OpenAPI test reads it.
type route struct {
	Method, Path string // Path relative to Prefix, in OpenAPI form: /people/{id}
	handle       handlerFunc
}

// Routes registers every API route on mux.
func (api *API) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET "+Prefix+"/openapi.json", serveSpec)
	for _, rt := range api.table() {
		mux.Handle(rt.Method+" "+Prefix+rt.Path, api.authed(rt.handle))
	}
	// Anything else under the prefix is a JSON 404, not an HTML page.
	mux.HandleFunc(Prefix+"/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, api.log, domain.NotFound("route"))
	})
}

func (api *API) authed(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, err := api.authenticate(r)
		if err == nil {
			err = fn(w, r, a)
		}
		if err != nil {
			writeError(w, r, api.log, err)
		}
	})
}

func (api *API) authenticate(r *http.Request) (service.Actor, error) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return service.Actor{}, &domain.Error{Kind: domain.ErrUnauthenticated,
			Message: "send a personal API token as `Authorization: Bearer <token>`; create one on your profile page"}
	}
	a, err := api.svc.AuthenticateToken(r.Context(), strings.TrimSpace(token))
	if errors.Is(err, domain.ErrUnauthenticated) {
		return service.Actor{}, &domain.Error{Kind: domain.ErrUnauthenticated, Message: "the API token is unknown or revoked"}
	}
	return a, err
}

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status, code := httpx.Status(err)
	if status >= 500 {
		log.ErrorContext(r.Context(), "api failed", "path", r.URL.Path, "err", err, "request_id", httpx.RequestID(r.Context()))
	}
	var body errorBody
	body.Error.Code, body.Error.Message = code, httpx.Message(r.Context(), err)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="huddle"`)
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// decode reads a JSON body strictly: unknown fields and trailing data are
// errors that name the problem.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bodyError(err)
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		return domain.Invalid("body", "send exactly one JSON object")
	}
	return nil
}

func bodyError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return &domain.Error{Kind: httpx.ErrTooLarge, Message: "the request body is over 1 MB"}
	case errors.As(err, &syntax):
		return domain.Invalid("body", "malformed JSON at byte %d", syntax.Offset)
	case errors.As(err, &typ):
		return domain.Invalid(typ.Field, "expected %s, got a JSON %s", typ.Type, typ.Value)
	case errors.Is(err, io.EOF):
		return domain.Invalid("body", "the request body is empty; send a JSON object")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return domain.Invalid(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "unknown field")
	}
	return domain.Invalid("body", "could not read the JSON body")
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.NotFound("resource")
	}
	return id, nil
}

func queryInt(r *http.Request, name string) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, domain.Invalid(name, "use a whole number ≥ 0")
	}
	return n, nil
}
