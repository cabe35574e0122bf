package store_test

import (
	"context"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestSettings(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		acme, globex := newOrg(t, db, "acme"), newOrg(t, db, "globex")

		_, err := db.Setting(ctx, acme.ID, "analysis")
		wantErr(t, err, domain.ErrNotFound)

		must(t, db.SetSetting(ctx, acme.ID, "analysis", []byte(`{"trackers":["Pricing"]}`)))
		must(t, db.SetSetting(ctx, globex.ID, "analysis", []byte(`{"trackers":[]}`)))
		must(t, db.SetSetting(ctx, acme.ID, "analysis", []byte(`{"trackers":["Pricing","Competitor"]}`)))
		must(t, db.SetSetting(ctx, acme.ID, "other", []byte(`1`)))
		for _, tc := range []struct {
			orgID int64
			key   string
			want  string
		}{
			{acme.ID, "analysis", `{"trackers":["Pricing","Competitor"]}`},
			{acme.ID, " other ", `1`},
			{globex.ID, "analysis", `{"trackers":[]}`},
		} {
			got, err := db.Setting(ctx, tc.orgID, tc.key)
			must(t, err)
			if string(got) != tc.want {
				t.Errorf("Setting(%d, %q) = %s, want %s", tc.orgID, tc.key, got, tc.want)
			}
		}
		_, err = db.Setting(ctx, globex.ID, "other")
		wantErr(t, err, domain.ErrNotFound)

		wantErr(t, db.SetSetting(ctx, acme.ID, " ", []byte(`1`)), domain.ErrInvalid)
		wantErr(t, db.SetSetting(ctx, 424242, "analysis", []byte(`1`)), domain.ErrNotFound)
	})
}
