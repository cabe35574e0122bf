package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"huddle/internal/domain"
)

// roundColumns are a pairing round's columns, without result.
const roundColumns = "id, org_id, created_by, created_at, scope_kind, scope_value, mode, options, status, " +
	"published_at, total_weight, greedy_weight, random_weight"

// CreatePairingRound stores a round with its pairs, and sets the round's
// ID, OrgID and CreatedAt and every pair's ID and RoundID. The creator and
// everyone paired must be people of the organisation.
func (db *DB) CreatePairingRound(ctx context.Context, orgID int64, r *domain.PairingRound) error {
	created := *r
	created.Pairs = append([]domain.PairingPair(nil), r.Pairs...)
	if err := prepareRound(&created); err != nil {
		return fmt.Errorf("store: create pairing round: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return fmt.Errorf("store: create pairing round: %w", err)
	}
	if err := requirePersonRef(ctx, tx.conn, orgID, created.CreatedBy, "created_by"); err != nil {
		return fmt.Errorf("store: create pairing round: %w", err)
	}
	created.OrgID, created.CreatedAt = orgID, db.clock()
	created.ID, err = tx.insert(ctx, `INSERT INTO pairing_rounds (org_id, created_by, created_at, scope_kind,
		scope_value, mode, options, status, published_at, total_weight, greedy_weight, random_weight, result)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, created.CreatedBy, db.d.timeArg(created.CreatedAt), created.ScopeKind, created.ScopeValue, created.Mode,
		string(created.Options), created.Status, db.d.timeArg(created.PublishedAt), created.TotalWeight,
		created.GreedyWeight, created.RandomWeight, string(created.Result))
	if err != nil {
		return fmt.Errorf("store: create pairing round: %w", translate(err, "pairing round", "", ""))
	}
	for i := range created.Pairs {
		p := &created.Pairs[i]
		p.RoundID = created.ID
		if err := requirePersonRef(ctx, tx.conn, orgID, p.PersonA, "pairs"); err != nil {
			return fmt.Errorf("store: create pairing round: %w", err)
		}
		if err := requirePersonRef(ctx, tx.conn, orgID, p.PersonB, "pairs"); err != nil {
			return fmt.Errorf("store: create pairing round: %w", err)
		}
		reasons, _ := json.Marshal(p.Reasons)
		p.ID, err = tx.insert(ctx, `INSERT INTO pairing_pairs (org_id, round_id, person_a, person_b, weight, reasons, state)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, orgID, created.ID, p.PersonA, p.PersonB, p.Weight, string(reasons), p.State)
		if err != nil {
			return fmt.Errorf("store: create pairing round: %w", translate(err, "pairing pair", "", ""))
		}
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*r = created
	return nil
}

// prepareRound validates what the store relies on and fills defaults.
func prepareRound(r *domain.PairingRound) error {
	switch r.ScopeKind {
	case domain.ScopeOrg, domain.ScopeTeam, domain.ScopeRegion:
	default:
		return domain.Invalid("scope", "use org, team or region")
	}
	if r.Mode != "pairs" && r.Mode != "groups" {
		return domain.Invalid("mode", "use pairs or groups")
	}
	if r.Status == "" {
		r.Status = domain.RoundDraft
	}
	if r.Status != domain.RoundDraft && r.Status != domain.RoundPublished {
		return domain.Invalid("status", "use draft or published")
	}
	if len(r.Options) == 0 {
		r.Options = []byte("{}")
	}
	if len(r.Result) == 0 {
		r.Result = []byte("{}")
	}
	for i := range r.Pairs {
		if err := preparePair(&r.Pairs[i]); err != nil {
			return err
		}
	}
	return nil
}

func preparePair(p *domain.PairingPair) error {
	if p.State == "" {
		p.State = domain.PairProposed
	}
	if p.State != domain.PairProposed && p.State != domain.PairDropped {
		return domain.Invalid("state", "use proposed or dropped")
	}
	if p.PersonA == 0 || p.PersonB == 0 || p.PersonA == p.PersonB {
		return domain.Invalid("pairs", "a pair needs two different people")
	}
	if p.Reasons == nil {
		p.Reasons = []string{}
	}
	return nil
}

// PairingRound returns one round of the organisation with its result and pairs.
func (db *DB) PairingRound(ctx context.Context, orgID, roundID int64) (domain.PairingRound, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return domain.PairingRound{}, err
	}
	defer tx.rollback()
	r, err := scanRound(tx.queryRow(ctx, "SELECT "+roundColumns+", result FROM pairing_rounds WHERE org_id = ? AND id = ?",
		orgID, roundID), true)
	if err != nil {
		return domain.PairingRound{}, fmt.Errorf("store: pairing round %d: %w", roundID, translate(err, "pairing round", "", ""))
	}
	rounds := []domain.PairingRound{r}
	if err := fillPairs(ctx, tx.conn, orgID, rounds); err != nil {
		return domain.PairingRound{}, fmt.Errorf("store: pairing round %d: %w", roundID, err)
	}
	return rounds[0], tx.commit()
}

// PairingRounds lists the organisation's rounds, newest first, with their
// pairs but without the result document. The limit defaults to 50 and is
// capped at 500.
func (db *DB) PairingRounds(ctx context.Context, orgID int64, f domain.PairingRoundFilter) ([]domain.PairingRound, error) {
	limit := f.Limit
	switch {
	case limit <= 0:
		limit = DefaultPageSize
	case limit > MaxPageSize:
		limit = MaxPageSize
	}
	where, args := "org_id = ?", []any{orgID}
	if f.Status != "" {
		where += " AND status = ?"
		args = append(args, f.Status)
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	rows, err := tx.query(ctx, "SELECT "+roundColumns+" FROM pairing_rounds WHERE "+where+
		" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, fmt.Errorf("store: pairing rounds: %w", err)
	}
	var out []domain.PairingRound
	for rows.Next() {
		r, err := scanRound(rows, false)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: pairing rounds: %w", err)
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: pairing rounds: %w", err)
	}
	if err := fillPairs(ctx, tx.conn, orgID, out); err != nil {
		return nil, fmt.Errorf("store: pairing rounds: %w", err)
	}
	return out, tx.commit()
}

// UpdatePairingPairs saves the people, weight, reasons and state of pairs
// of a draft round of the organisation. A pair of another round is
// NotFound; a published round is a conflict.
func (db *DB) UpdatePairingPairs(ctx context.Context, orgID, roundID int64, pairs []domain.PairingPair) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireDraft(ctx, tx.conn, orgID, roundID); err != nil {
		return fmt.Errorf("store: update pairs of round %d: %w", roundID, err)
	}
	for _, p := range pairs {
		if err := preparePair(&p); err != nil {
			return fmt.Errorf("store: update pairs of round %d: %w", roundID, err)
		}
		for _, id := range []int64{p.PersonA, p.PersonB} {
			if err := requirePersonRef(ctx, tx.conn, orgID, id, "pairs"); err != nil {
				return fmt.Errorf("store: update pairs of round %d: %w", roundID, err)
			}
		}
		reasons, _ := json.Marshal(p.Reasons)
		if err := tx.execOne(ctx, domain.NotFound("pair"), `UPDATE pairing_pairs SET person_a = ?, person_b = ?, weight = ?,
			reasons = ?, state = ? WHERE org_id = ? AND round_id = ? AND id = ?`,
			p.PersonA, p.PersonB, p.Weight, string(reasons), p.State, orgID, roundID, p.ID); err != nil {
			return fmt.Errorf("store: update pairs of round %d: %w", roundID, err)
		}
	}
	return tx.commit()
}

// PublishPairingRound marks a draft round of the organisation published.
func (db *DB) PublishPairingRound(ctx context.Context, orgID, roundID int64, at time.Time) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireDraft(ctx, tx.conn, orgID, roundID); err != nil {
		return fmt.Errorf("store: publish round %d: %w", roundID, err)
	}
	if _, err := tx.exec(ctx, "UPDATE pairing_rounds SET status = ?, published_at = ? WHERE org_id = ? AND id = ?",
		domain.RoundPublished, db.d.timeArg(at), orgID, roundID); err != nil {
		return fmt.Errorf("store: publish round %d: %w", roundID, err)
	}
	return tx.commit()
}

// PastPairings lists the proposed (not dropped) pairs of every published
// round of the organisation, oldest first.
func (db *DB) PastPairings(ctx context.Context, orgID int64) ([]domain.PastPairing, error) {
	rows, err := db.reader().query(ctx, `SELECT p.person_a, p.person_b, r.published_at FROM pairing_pairs p
		JOIN pairing_rounds r ON r.org_id = p.org_id AND r.id = p.round_id
		WHERE p.org_id = ? AND r.status = ? AND p.state = ? ORDER BY r.published_at, p.id`,
		orgID, domain.RoundPublished, domain.PairProposed)
	if err != nil {
		return nil, fmt.Errorf("store: past pairings: %w", err)
	}
	defer rows.Close()
	var out []domain.PastPairing
	for rows.Next() {
		var p domain.PastPairing
		if err := rows.Scan(&p.PersonA, &p.PersonB, timeScanner{&p.PublishedAt}); err != nil {
			return nil, fmt.Errorf("store: past pairings: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// requireDraft returns NotFound unless the round is in the organisation
// and a conflict unless it is still a draft.
func requireDraft(ctx context.Context, c conn, orgID, roundID int64) error {
	var status string
	err := c.queryRow(ctx, "SELECT status FROM pairing_rounds WHERE org_id = ? AND id = ?", orgID, roundID).Scan(&status)
	if err != nil {
		return translate(err, "pairing round", "", "")
	}
	if status != domain.RoundDraft {
		return &domain.Error{Kind: domain.ErrConflict, Message: "this round is published already and can no longer change"}
	}
	return nil
}

func scanRound(row rowScanner, full bool) (domain.PairingRound, error) {
	var r domain.PairingRound
	var options string
	dest := []any{&r.ID, &r.OrgID, &r.CreatedBy, timeScanner{&r.CreatedAt}, &r.ScopeKind, &r.ScopeValue, &r.Mode,
		&options, &r.Status, timeScanner{&r.PublishedAt}, &r.TotalWeight, &r.GreedyWeight, &r.RandomWeight}
	var result string
	if full {
		dest = append(dest, &result)
	}
	if err := row.Scan(dest...); err != nil {
		return r, err
	}
	r.Options = []byte(options)
	if full {
		r.Result = []byte(result)
	}
	return r, nil
}

// fillPairs loads the pairs of the rounds, in id order.
func fillPairs(ctx context.Context, c conn, orgID int64, rounds []domain.PairingRound) error {
	if len(rounds) == 0 {
		return nil
	}
	at := map[int64]int{}
	ids := make([]int64, len(rounds))
	for i, r := range rounds {
		at[r.ID], ids[i] = i, r.ID
	}
	list, args := inList(ids)
	rows, err := c.query(ctx, `SELECT id, round_id, person_a, person_b, weight, reasons, state FROM pairing_pairs
		WHERE org_id = ? AND round_id IN `+list+` ORDER BY round_id, id`, append([]any{orgID}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p domain.PairingPair
		var reasons string
		if err := rows.Scan(&p.ID, &p.RoundID, &p.PersonA, &p.PersonB, &p.Weight, &reasons, &p.State); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(reasons), &p.Reasons); err != nil {
			return fmt.Errorf("pair %d: reasons: %w", p.ID, err)
		}
		r := &rounds[at[p.RoundID]]
		r.Pairs = append(r.Pairs, p)
	}
	return rows.Err()
}
