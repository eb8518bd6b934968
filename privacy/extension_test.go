package privacy_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// TestExtensionMonthsLeft: what ExtensionMonthsLeft offers, ExtendRequest
// takes, and a month more it refuses, by the rule ExtensionMonthsLeft
// names when it offers none.
func TestExtensionMonthsLeft(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	cases := []struct {
		name     string
		extended int       // months added before
		now      time.Time // the request came on 31 January, due 28 February
		closed   bool
		left     int
		rule     error
	}{
		{"fresh", 0, day(2026, 2, 10), false, 2, nil},
		{"on its due day", 0, day(2026, 2, 28), false, 2, nil},
		{"one month added", 1, day(2026, 2, 20), false, 1, nil},
		{"both months added", 2, day(2026, 2, 20), false, 0, privacy.ErrExtensionTooLong},
		{"after the first month", 0, day(2026, 3, 1), false, 0, privacy.ErrExtensionLate},
		{"after the first month, one added", 1, day(2026, 3, 1), false, 0, privacy.ErrExtensionLate},
		{"closed", 0, day(2026, 2, 10), true, 0, privacy.ErrRequestClosed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := requestAt(t, f, day(2026, 1, 31))
			if c.extended > 0 {
				if err := privacy.ExtendRequest(ctx, f.DB, id, c.extended, "many records", time.Time{}, day(2026, 2, 5)); err != nil {
					t.Fatal(err)
				}
			}
			if c.closed {
				if err := privacy.CloseRequest(ctx, f.DB, id, store.RequestWithdrawn, "", ""); err != nil {
					t.Fatal(err)
				}
			}
			r, err := f.DB.Request(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			left, rule := privacy.ExtensionMonthsLeft(r, c.now)
			if left != c.left || !errors.Is(rule, c.rule) || (rule == nil) != (c.rule == nil) {
				t.Fatalf("ExtensionMonthsLeft = %d, %v; want %d, %v", left, rule, c.left, c.rule)
			}
			more := privacy.ExtendRequest(ctx, f.DB, id, left+1, "more", time.Time{}, c.now)
			if want := c.rule; want == nil {
				want = privacy.ErrExtensionTooLong
				if err := privacy.ExtendRequest(ctx, f.DB, id, left, "more", time.Time{}, c.now); err != nil {
					t.Errorf("ExtendRequest by the %d months offered: %v", left, err)
				}
				wantRule(t, "a month more than offered", more, want)
			} else {
				wantRule(t, "a month when none is offered", more, want)
			}
		})
	}
}
