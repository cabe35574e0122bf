package store

import "context"

// MigrateTo applies the pending migrations up to version n, so that an
// upgrade test can put rows into an older schema first.
func (db *DB) MigrateTo(ctx context.Context, n int) error {
	all, err := migrations(db.d)
	if err != nil {
		return err
	}
	for {
		current, _, err := db.SchemaVersion(ctx)
		if err != nil || current >= n {
			return err
		}
		if _, err := db.migrateOne(ctx, all[:n]); err != nil {
			return err
		}
	}
}

// ExecRaw runs SQL with no arguments in one write transaction.
func (db *DB) ExecRaw(ctx context.Context, q string) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if _, err := tx.exec(ctx, q); err != nil {
		return err
	}
	return tx.commit()
}
