package web

import "net/http"

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

	mux.Handle("GET /admin", h.authed(h.admin))
	mux.Handle("GET /admin/roster", h.authed(h.rosterPage))
	mux.Handle("POST /admin/roster/preview", h.authed(h.rosterPreview))
	mux.Handle("POST /admin/roster/apply", h.authed(h.rosterApply))

	for _, s := range comingSoon {
		mux.Handle("GET "+s.Path, h.authed(h.soon(s)))
	}
}
