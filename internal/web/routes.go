package web

import (
	"net/http"

	"huddle/internal/domain"
)

// Routes registers every page on mux.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.Handle("GET /static/{file}", h.assets)

	mux.Handle("GET /signin", h.public(h.signInPage))
	mux.Handle("POST /signin", h.public(h.signIn))
	mux.Handle("POST /signout", h.public(h.signOut))

	mux.Handle("GET /{$}", h.authed(h.home))
	mux.Handle("GET /people", h.authed(h.people))
	mux.Handle("GET /people/{id}", h.authed(h.person))
	mux.Handle("GET /teams", h.authed(h.teams))
	mux.Handle("GET /teams/{id}", h.authed(h.team))
	mux.Handle("GET /profile", h.authed(h.profile))
	mux.Handle("POST /profile", h.authed(h.saveProfile))
	mux.Handle("GET /profile/tokens", h.authed(h.tokens))
	mux.Handle("POST /profile/tokens", h.authed(h.createToken))
	mux.Handle("POST /profile/tokens/{id}/delete", h.authed(h.deleteToken))
	mux.Handle("GET /profile/skills", h.authed(h.skills))
	mux.Handle("POST /profile/skills", h.authed(h.saveSkills))

	mux.Handle("GET /calls", h.authed(h.calls))
	mux.Handle("POST /calls", h.authed(h.uploadCall))
	mux.Handle("GET /calls/{id}", h.authed(h.call))
	mux.Handle("GET /calls/{id}/recording", h.authed(h.recording))
	mux.Handle("POST /calls/{id}/comments", h.authed(h.addComment))
	mux.Handle("POST /calls/{id}/sharing", h.authed(h.shareCall))
	mux.Handle("POST /calls/{id}/snippets", h.authed(h.createSnippet))
	mux.Handle("POST /calls/{id}/delete", h.authed(h.deleteCall))
	mux.Handle("POST /calls/{id}/retry", h.authed(h.retryCall))
	mux.Handle("GET /snippets/{id}", h.authed(h.snippet))
	mux.Handle("POST /snippets/{id}/comments", h.authed(h.commentSnippet))

	mux.Handle("GET /pairing", h.authed(h.pairing))
	mux.Handle("POST /pairing", h.authed(h.proposePairing))
	mux.Handle("GET /pairing/rounds/{id}", h.authed(h.pairingRound))
	mux.Handle("POST /pairing/rounds/{id}/pairs/{pair}/drop", h.authed(h.dropPair))
	mux.Handle("POST /pairing/rounds/{id}/swap", h.authed(h.swapPartners))
	mux.Handle("POST /pairing/rounds/{id}/publish", h.authed(h.publishRound))

	mux.Handle("GET /admin", h.authed(h.admin))
	mux.Handle("GET /admin/trackers", h.authed(h.trackers))
	mux.Handle("POST /admin/trackers", h.authed(h.saveTrackers))
	mux.Handle("GET /admin/roster", h.authed(h.rosterPage))
	mux.Handle("POST /admin/roster/preview", h.authed(h.rosterPreview))
	mux.Handle("POST /admin/roster/apply", h.authed(h.rosterApply))

	// Anything else is an HTML 404 page, not the mux's plain text.
	mux.Handle("/", h.public(func(w http.ResponseWriter, r *http.Request) error { return domain.NotFound("page") }))

	for _, s := range comingSoon {
		mux.Handle("GET "+s.Path, h.authed(h.soon(s)))
	}
}
