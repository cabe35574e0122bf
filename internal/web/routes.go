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

	mux.Handle("GET /feedback", h.authed(h.feedback))
	mux.Handle("POST /feedback/requests", h.authed(h.createFeedbackRequest))
	mux.Handle("GET /feedback/requests/{id}", h.authed(h.feedbackRequest))
	mux.Handle("POST /feedback/requests/{id}/accept", h.authed(h.acceptRequest))
	mux.Handle("POST /feedback/requests/{id}/decline", h.authed(h.declineRequest))
	mux.Handle("POST /feedback/requests/{id}/acknowledge", h.authed(h.acknowledgeObservations))
	mux.Handle("POST /feedback/requests/{id}/review/draft", h.authed(h.saveReviewDraft))
	mux.Handle("POST /feedback/requests/{id}/review/observations", h.authed(h.submitObservations))
	mux.Handle("POST /feedback/requests/{id}/review/recommendations", h.authed(h.submitRecommendations))
	mux.Handle("POST /feedback/reviews/{ref}/rating", h.authed(h.rateReview))
	mux.Handle("GET /feedback/rubrics", h.authed(h.rubrics))
	mux.Handle("POST /feedback/rubrics", h.authed(h.createRubric))
	mux.Handle("GET /feedback/rubrics/{id}", h.authed(h.rubric))
	mux.Handle("POST /feedback/rubrics/{id}", h.authed(h.editRubric))
	mux.Handle("POST /feedback/rubrics/{id}/retire", h.authed(h.retireRubric))

	mux.Handle("GET /sessions", h.authed(h.sessions))
	mux.Handle("POST /sessions/groups", h.authed(h.createGroup))
	mux.Handle("GET /sessions/groups/{id}", h.authed(h.sessionGroup))
	mux.Handle("POST /sessions/groups/{id}/schedule", h.authed(h.scheduleGroup))
	mux.Handle("POST /sessions/groups/{id}/members", h.authed(h.addGroupMember))
	mux.Handle("POST /sessions/groups/{id}/accept", h.authed(h.acceptRules))
	mux.Handle("POST /sessions/groups/{id}/leave", h.authed(h.leaveGroup))
	mux.Handle("POST /sessions/groups/{id}/info", h.authed(h.saveGroupInfo))
	mux.Handle("GET /sessions/{id}", h.authed(h.session))
	mux.Handle("POST /sessions/{id}/start", h.authed(h.sessionAction(h.startSession, "started")))
	mux.Handle("POST /sessions/{id}/end", h.authed(h.sessionAction(h.endSession, "ended")))
	mux.Handle("POST /sessions/{id}/notes", h.authed(h.sessionAction(h.saveSessionNotes, "saved")))
	mux.Handle("POST /sessions/{id}/skip", h.authed(h.sessionAction(h.skipSession, "skipped")))
	mux.Handle("POST /sessions/{id}/move", h.authed(h.sessionAction(h.moveSession, "moved")))
	mux.Handle("POST /sessions/{id}/items", h.authed(h.sessionAction(h.bringItem, "brought")))
	mux.Handle("POST /sessions/{id}/items/{item}/delete", h.authed(h.sessionAction(h.removeItem, "removed")))
	mux.Handle("POST /sessions/{id}/actions", h.authed(h.sessionAction(h.addAction, "action")))
	mux.Handle("POST /sessions/{id}/actions/{action}/done", h.authed(h.sessionAction(h.actionDone, "saved")))
	mux.Handle("POST /commitments", h.authed(h.makeCommitment))
	mux.Handle("POST /commitments/{id}/checkin", h.authed(h.checkIn))
	mux.Handle("POST /commitments/{id}/status", h.authed(h.commitmentStatus))
	mux.Handle("GET /calendar/sessions/{id}", h.authed(h.sessionICS))
	mux.Handle("GET /calendar/{file}", h.public(h.calendarFeed))
	mux.Handle("GET /profile/calendar", h.authed(h.calendarSettings))
	mux.Handle("POST /profile/calendar", h.authed(h.resetCalendar))
	mux.Handle("POST /profile/calendar/delete", h.authed(h.revokeCalendar))

	mux.Handle("GET /admin", h.authed(h.admin))
	mux.Handle("GET /admin/trackers", h.authed(h.trackers))
	mux.Handle("POST /admin/trackers", h.authed(h.saveTrackers))
	mux.Handle("GET /admin/roster", h.authed(h.rosterPage))
	mux.Handle("POST /admin/roster/preview", h.authed(h.rosterPreview))
	mux.Handle("POST /admin/roster/apply", h.authed(h.rosterApply))
	mux.Handle("GET /admin/feedback", h.authed(h.feedbackSettings))
	mux.Handle("POST /admin/feedback", h.authed(h.saveFeedbackSettings))
	mux.Handle("GET /admin/rituals", h.authed(h.adminRituals))
	mux.Handle("POST /admin/rituals", h.authed(h.createRitual))
	mux.Handle("GET /admin/rituals/{key}", h.authed(h.adminRitual))
	mux.Handle("POST /admin/rituals/{key}", h.authed(h.saveRitual))

	// Anything else is an HTML 404 page, not the mux's plain text.
	mux.Handle("/", h.public(func(w http.ResponseWriter, r *http.Request) error { return domain.NotFound("page") }))

	for _, s := range comingSoon {
		mux.Handle("GET "+s.Path, h.authed(h.soon(s)))
	}
}
