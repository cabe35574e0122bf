package store

import (
	"context"
	"fmt"
	"strings"

	"huddle/internal/domain"
)

// Setting returns the organisation's setting under key, a document the
// store keeps opaque; a key never set is NotFound("setting").
func (db *DB) Setting(ctx context.Context, orgID int64, key string) ([]byte, error) {
	var value []byte
	err := db.reader().queryRow(ctx, "SELECT value FROM org_settings WHERE org_id = ? AND key = ?",
		orgID, strings.TrimSpace(key)).Scan(&value)
	if err != nil {
		return nil, fmt.Errorf("store: setting %q: %w", key, translate(err, "setting", "", ""))
	}
	return value, nil
}

// SetSetting stores the organisation's setting under key, replacing any
// value it had. The key is trimmed and must not be empty.
func (db *DB) SetSetting(ctx context.Context, orgID int64, key string, value []byte) error {
	key = strings.TrimSpace(key)
	if key == "" {
		return fmt.Errorf("store: set setting: %w", domain.Invalid("key", "a setting needs a key"))
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return fmt.Errorf("store: set setting %q: %w", key, err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO org_settings (org_id, key, value, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		orgID, key, string(value), db.d.timeArg(db.clock())); err != nil {
		return fmt.Errorf("store: set setting %q: %w", key, err)
	}
	return tx.commit()
}
