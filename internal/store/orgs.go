package store

import (
	"context"
	"fmt"

	"huddle/internal/domain"
)

const orgColumns = "id, slug, name, created_at"

// CreateOrg validates org, stores it and sets its ID and CreatedAt.
func (db *DB) CreateOrg(ctx context.Context, org *domain.Org) error {
	if err := org.Validate(); err != nil {
		return fmt.Errorf("store: create org: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	created := db.clock()
	id, err := tx.insert(ctx, "INSERT INTO orgs (slug, name, created_at) VALUES (?, ?, ?)",
		org.Slug, org.Name, db.d.timeArg(created))
	if err != nil {
		return fmt.Errorf("store: create org: %w",
			translate(err, "organisation", "slug", "an organisation with this short name already exists"))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	org.ID, org.CreatedAt = id, created
	return nil
}

// Org returns the organisation with the given id.
func (db *DB) Org(ctx context.Context, orgID int64) (domain.Org, error) {
	o, err := scanOrg(db.reader().queryRow(ctx, "SELECT "+orgColumns+" FROM orgs WHERE id = ?", orgID))
	if err != nil {
		return domain.Org{}, fmt.Errorf("store: org %d: %w", orgID, translate(err, "organisation", "", ""))
	}
	return o, nil
}

// OrgBySlug returns the organisation with the given slug.
func (db *DB) OrgBySlug(ctx context.Context, slug string) (domain.Org, error) {
	o, err := scanOrg(db.reader().queryRow(ctx, "SELECT "+orgColumns+" FROM orgs WHERE slug = ?", slug))
	if err != nil {
		return domain.Org{}, fmt.Errorf("store: org %q: %w", slug, translate(err, "organisation", "", ""))
	}
	return o, nil
}

// Orgs lists every organisation, ordered by slug. It crosses
// organisations: only the operator's CLI uses it.
func (db *DB) Orgs(ctx context.Context) ([]domain.Org, error) {
	rows, err := db.reader().query(ctx, "SELECT "+orgColumns+" FROM orgs ORDER BY slug")
	if err != nil {
		return nil, fmt.Errorf("store: orgs: %w", err)
	}
	defer rows.Close()
	orgs := []domain.Org{}
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, fmt.Errorf("store: orgs: %w", err)
		}
		orgs = append(orgs, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: orgs: %w", err)
	}
	return orgs, nil
}

// rowScanner is *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(dest ...any) error }

func scanOrg(row rowScanner) (domain.Org, error) {
	var o domain.Org
	err := row.Scan(&o.ID, &o.Slug, &o.Name, timeScanner{&o.CreatedAt})
	return o, err
}
