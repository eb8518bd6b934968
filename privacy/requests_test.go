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

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.Local) }

// dueCases are the months' ends and leap years of Art. 12(3) counted by
// Regulation 1182/71; they seed FuzzRequestDue.
var dueCases = []struct{ received, due string }{
	{"2026-01-15", "2026-02-15"},
	{"2026-01-28", "2026-02-28"},
	{"2026-01-29", "2026-02-28"},
	{"2026-01-30", "2026-02-28"},
	{"2026-01-31", "2026-02-28"},
	{"2028-01-29", "2028-02-29"}, // leap year
	{"2028-01-31", "2028-02-29"},
	{"2100-01-31", "2100-02-28"}, // not a leap year
	{"2000-01-31", "2000-02-29"}, // a leap year
	{"2026-02-28", "2026-03-28"},
	{"2028-02-29", "2028-03-29"},
	{"2026-03-31", "2026-04-30"},
	{"2026-05-31", "2026-06-30"},
	{"2026-08-31", "2026-09-30"},
	{"2026-12-31", "2027-01-31"},
	{"2026-12-15", "2027-01-15"},
}

func TestRequestDue(t *testing.T) {
	for _, c := range dueCases {
		r, _ := time.ParseInLocation(time.DateOnly, c.received, time.Local)
		if got := privacy.RequestDue(r.Add(15 * time.Hour)).Format(time.DateOnly); got != c.due {
			t.Errorf("received %s: due %s, want %s", c.received, got, c.due)
		}
	}
}

// FuzzRequestDue: the due day is in the next month, on the same day number
// or that month's last day, at midnight.
func FuzzRequestDue(f *testing.F) {
	for _, c := range dueCases {
		r, _ := time.ParseInLocation(time.DateOnly, c.received, time.Local)
		f.Add(r.Unix())
	}
	f.Fuzz(func(t *testing.T, sec int64) {
		r := time.Unix(sec%(200*365*86400), 0)
		due := privacy.RequestDue(r)
		y, m, d := r.Date()
		next := time.Date(y, m+1, 1, 0, 0, 0, 0, time.Local)
		last := next.AddDate(0, 1, -1).Day()
		if due.Year() != next.Year() || due.Month() != next.Month() || due.Day() != min(d, last) || due.Hour() != 0 {
			t.Errorf("received %v: due %v", r, due)
		}
	})
}

// requestAt records an access request of the fixture's client received on
// received.
func requestAt(t *testing.T, f storetest.Fixture, received time.Time) int64 {
	t.Helper()
	id, err := privacy.AddRequest(context.Background(), f.DB, store.RequestInput{Kind: store.RequestAccess, Received: received, ClientID: f.ClientID}, received)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func wantRule(t *testing.T, what string, err, rule error) {
	t.Helper()
	var re *privacy.RuleError
	if !errors.Is(err, rule) || !errors.As(err, &re) || re.WayOut == "" {
		t.Errorf("%s: %v, want the rule %v with its way out", what, err, rule)
	}
}

func TestExtendRequest(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	received := day(2026, 1, 31)
	id := requestAt(t, f, received)
	r, _ := f.DB.Request(ctx, id)
	if !r.Due.Equal(day(2026, 2, 28)) {
		t.Fatalf("due %v", r.Due)
	}
	now := day(2026, 2, 10)
	wantRule(t, "no reason", privacy.ExtendRequest(ctx, f.DB, id, 1, " ", time.Time{}, now), privacy.ErrExtensionReason)
	wantRule(t, "three months", privacy.ExtendRequest(ctx, f.DB, id, 3, "many records", time.Time{}, now), privacy.ErrExtensionTooLong)
	wantRule(t, "told after the due day", privacy.ExtendRequest(ctx, f.DB, id, 1, "many records", day(2026, 3, 1), day(2026, 2, 20)), privacy.ErrExtensionLate)
	wantRule(t, "after the due day", privacy.ExtendRequest(ctx, f.DB, id, 1, "many records", time.Time{}, day(2026, 3, 1)), privacy.ErrExtensionLate)
	if r, _ := f.DB.Request(ctx, id); r.Status != store.RequestOpen || r.ExtensionMonths != 0 {
		t.Fatalf("a refused extension changed the request: %+v", r)
	}

	if err := privacy.ExtendRequest(ctx, f.DB, id, 1, "many records", day(2026, 2, 9), now); err != nil {
		t.Fatal(err)
	}
	r, _ = f.DB.Request(ctx, id)
	if r.Status != store.RequestExtended || !r.ExtendedTo.Equal(day(2026, 3, 31)) || !r.ExtensionTold.Equal(day(2026, 2, 9)) || !r.Due.Equal(day(2026, 2, 28)) {
		t.Errorf("after one month more: %+v", r)
	}
	wantRule(t, "two more after one", privacy.ExtendRequest(ctx, f.DB, id, 2, "still more", time.Time{}, now), privacy.ErrExtensionTooLong)
	// The second month is counted from the day received: 31 January + 3 months.
	if err := privacy.ExtendRequest(ctx, f.DB, id, 1, "a second salon's records", time.Time{}, day(2026, 2, 28)); err != nil {
		t.Fatal(err)
	}
	r, _ = f.DB.Request(ctx, id)
	if !r.ExtendedTo.Equal(day(2026, 4, 30)) || r.ExtensionMonths != 2 || r.ExtensionReason != "many records; a second salon's records" {
		t.Errorf("after the second month: %+v", r)
	}
	wantRule(t, "a third month", privacy.ExtendRequest(ctx, f.DB, id, 1, "more", time.Time{}, day(2026, 2, 28)), privacy.ErrExtensionTooLong)

	if err := privacy.CloseRequest(ctx, f.DB, id, store.RequestDone, "data exported", ""); err != nil {
		t.Fatal(err)
	}
	wantRule(t, "extending a closed request", privacy.ExtendRequest(ctx, f.DB, id, 1, "more", time.Time{}, now), privacy.ErrRequestClosed)
}

// TestSecondExtensionKeepsTheDayTold: a second extension without a day
// told keeps the day the person was first told (it used to overwrite it
// with today); given one, it records it beside the first, under the same
// rule: by the original due day, between the day received and today.
func TestSecondExtensionKeepsTheDayTold(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	extend := func(id int64, told, now time.Time) {
		t.Helper()
		if err := privacy.ExtendRequest(ctx, f.DB, id, 1, "many records", told, now); err != nil {
			t.Fatal(err)
		}
	}

	id := requestAt(t, f, day(2026, 3, 2)) // due 2 April
	extend(id, day(2026, 3, 5), day(2026, 3, 6))
	extend(id, time.Time{}, day(2026, 3, 20))
	r, _ := f.DB.Request(ctx, id)
	if r.ExtensionMonths != 2 || !r.ExtensionTold.Equal(day(2026, 3, 5)) || !r.SecondExtensionTold.IsZero() {
		t.Errorf("second extension without a day told: told %v, second %v, months %d; want 5 March kept and no second day",
			r.ExtensionTold, r.SecondExtensionTold, r.ExtensionMonths)
	}

	id = requestAt(t, f, day(2026, 3, 2))
	extend(id, time.Time{}, day(2026, 3, 6)) // a first extension without a day: today
	wantRule(t, "second day told after the due day", privacy.ExtendRequest(ctx, f.DB, id, 1, "more", day(2026, 4, 3), day(2026, 4, 1)), privacy.ErrExtensionLate)
	wantRule(t, "second day told before received", privacy.ExtendRequest(ctx, f.DB, id, 1, "more", day(2026, 3, 1), day(2026, 3, 20)), privacy.ErrExtensionLate)
	wantRule(t, "second day told in the future", privacy.ExtendRequest(ctx, f.DB, id, 1, "more", day(2026, 3, 21), day(2026, 3, 20)), privacy.ErrExtensionLate)
	extend(id, day(2026, 3, 18), day(2026, 3, 20))
	r, _ = f.DB.Request(ctx, id)
	if !r.ExtensionTold.Equal(day(2026, 3, 6)) || !r.SecondExtensionTold.Equal(day(2026, 3, 18)) {
		t.Errorf("second extension told on 18 March: told %v, second %v; want 6 March and 18 March", r.ExtensionTold, r.SecondExtensionTold)
	}

	// Two months at once are one extension: one day told.
	id = requestAt(t, f, day(2026, 3, 2))
	if err := privacy.ExtendRequest(ctx, f.DB, id, 2, "complex", day(2026, 3, 4), day(2026, 3, 6)); err != nil {
		t.Fatal(err)
	}
	if r, _ = f.DB.Request(ctx, id); !r.ExtensionTold.Equal(day(2026, 3, 4)) || !r.SecondExtensionTold.IsZero() {
		t.Errorf("two months at once: told %v, second %v", r.ExtensionTold, r.SecondExtensionTold)
	}
}

// TestRequestStatuses walks every allowed move and a few refused ones.
func TestRequestStatuses(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	now := day(2026, 3, 2)
	id := requestAt(t, f, day(2026, 3, 1))
	status := func() string { r, _ := f.DB.Request(ctx, id); return r.Status }

	wantRule(t, "open to open", privacy.SetRequestStatus(ctx, f.DB, id, store.RequestOpen, ""), privacy.ErrRequestTransition)
	wantRule(t, "open to extended", privacy.SetRequestStatus(ctx, f.DB, id, store.RequestExtended, ""), privacy.ErrRequestTransition)
	if err := privacy.SetRequestStatus(ctx, f.DB, id, store.RequestWaitingIdentity, ""); err != nil || status() != store.RequestWaitingIdentity {
		t.Fatalf("open to waiting: %v, %s", err, status())
	}
	wantRule(t, "back without saying how", privacy.SetRequestStatus(ctx, f.DB, id, store.RequestOpen, ""), privacy.ErrRequestTransition)
	if err := privacy.SetRequestStatus(ctx, f.DB, id, store.RequestOpen, "id_document"); err != nil || status() != store.RequestOpen {
		t.Fatalf("waiting to open: %v, %s", err, status())
	}
	if r, _ := f.DB.Request(ctx, id); r.IdentityCheck != "id_document" {
		t.Errorf("identity check %q", r.IdentityCheck)
	}
	privacy.SetRequestStatus(ctx, f.DB, id, store.RequestWaitingIdentity, "")
	if err := privacy.ExtendRequest(ctx, f.DB, id, 2, "complex", time.Time{}, now); err != nil || status() != store.RequestExtended {
		t.Fatalf("waiting to extended: %v, %s", err, status())
	}
	privacy.SetRequestStatus(ctx, f.DB, id, store.RequestWaitingIdentity, "")
	wantRule(t, "an extended one back to open", privacy.SetRequestStatus(ctx, f.DB, id, store.RequestOpen, ""), privacy.ErrRequestTransition)
	if err := privacy.SetRequestStatus(ctx, f.DB, id, store.RequestExtended, ""); err != nil || status() != store.RequestExtended {
		t.Fatalf("waiting back to extended: %v, %s", err, status())
	}

	wantRule(t, "refused without a reason", privacy.CloseRequest(ctx, f.DB, id, store.RequestRefused, "", ""), privacy.ErrRefusalReason)
	wantRule(t, "refused with a blank reason", privacy.CloseRequest(ctx, f.DB, id, store.RequestRefused, "", " \t\n "), privacy.ErrRefusalReason)
	if err := privacy.CloseRequest(ctx, f.DB, id, store.RequestRefused, "", "manifestly unfounded: the fifth identical request this month"); err != nil {
		t.Fatal(err)
	}
	r, _ := f.DB.Request(ctx, id)
	if r.Status != store.RequestRefused || r.Outcome != store.RequestRefused || r.RefusalReason == "" || r.Closed.IsZero() {
		t.Errorf("refused: %+v", r)
	}
	for _, to := range []string{store.RequestOpen, store.RequestWaitingIdentity} {
		wantRule(t, "reopening to "+to, privacy.SetRequestStatus(ctx, f.DB, id, to, "known_client"), privacy.ErrRequestClosed)
	}
	wantRule(t, "closing twice", privacy.CloseRequest(ctx, f.DB, id, store.RequestDone, "", ""), privacy.ErrRequestClosed)

	for _, outcome := range []string{store.RequestDone, store.RequestWithdrawn} {
		id := requestAt(t, f, day(2026, 3, 1))
		if err := privacy.CloseRequest(ctx, f.DB, id, outcome, "", ""); err != nil {
			t.Fatal(err)
		}
		if r, _ := f.DB.Request(ctx, id); r.Status != outcome || r.Outcome != outcome {
			t.Errorf("closed %s: %+v", outcome, r)
		}
	}
}

func TestRequestBadges(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	now := day(2026, 3, 20)
	overdue := requestAt(t, f, day(2026, 2, 19))  // due 19 March
	dueToday := requestAt(t, f, day(2026, 2, 20)) // due 20 March
	inAWeek := requestAt(t, f, day(2026, 2, 27))  // due 27 March
	later := requestAt(t, f, day(2026, 2, 28))    // due 28 March
	done := requestAt(t, f, day(2026, 2, 1))
	privacy.CloseRequest(ctx, f.DB, done, store.RequestDone, "", "")

	want := map[int64][2]bool{overdue: {true, false}, dueToday: {false, true}, inAWeek: {false, true}, later: {false, false}, done: {false, false}}
	for id, w := range want {
		r, _ := f.DB.Request(ctx, id)
		if got := [2]bool{privacy.RequestOverdue(r, now), privacy.RequestDueSoon(r, now)}; got != w {
			t.Errorf("request received %s: overdue, due soon = %v, want %v", r.Received.Format(time.DateOnly), got, w)
		}
	}
	list, err := privacy.RequestsNeedingAnswer(ctx, f.DB, now.Add(18*time.Hour))
	if err != nil || len(list) != 3 || list[0].ID != overdue || list[1].ID != dueToday || list[2].ID != inAWeek {
		t.Errorf("needing an answer: %+v, %v", list, err)
	}
}

// TestPurgeRequests: closed more than three years ago goes; open, or closed
// since, stays.
func TestPurgeRequests(t *testing.T) {
	ctx := context.Background()
	clock := day(2022, 3, 1).Add(10 * time.Hour)
	db, _ := storetest.Create(t, store.Options{Now: func() time.Time { return clock }})
	add := func(name string) int64 {
		id, err := privacy.AddRequest(ctx, db, store.RequestInput{Kind: store.RequestObjection, Received: clock, RequesterName: name, RequesterContact: "+48 600 000 000"}, clock)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	stillOpen, old := add("Jan Obcy"), add("Ewa Obca")
	privacy.CloseRequest(ctx, db, old, store.RequestDone, "", "")
	clock = day(2022, 6, 1)
	closedLater := add("Olga Nowa")
	privacy.CloseRequest(ctx, db, closedLater, store.RequestWithdrawn, "", "")

	if n, err := privacy.PurgeRequests(ctx, db, day(2025, 2, 28)); err != nil || n != 0 {
		t.Errorf("purge before three years = %d, %v", n, err)
	}
	if n, err := privacy.PurgeRequests(ctx, db, day(2025, 3, 2)); err != nil || n != 1 {
		t.Errorf("purge after three years = %d, %v", n, err)
	}
	if _, err := db.Request(ctx, old); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the old request after the purge: %v", err)
	}
	for _, id := range []int64{stillOpen, closedLater} {
		if _, err := db.Request(ctx, id); err != nil {
			t.Errorf("request %d purged: %v", id, err)
		}
	}
}

// TestForgetKeepsTheErasureRequest: forgetting a client keeps their erasure
// request, on the anonymous card, with no name anywhere in it.
func TestForgetKeepsTheErasureRequest(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	now := time.Now()
	id, err := privacy.AddRequest(ctx, f.DB, store.RequestInput{Kind: store.RequestErasure, Received: now, ClientID: f.ClientID, IdentityCheck: "known_client"}, now)
	if err != nil {
		t.Fatal(err)
	}
	// What the owner types into a client's requests often names them.
	earlier, err := privacy.AddRequest(ctx, f.DB, store.RequestInput{Kind: store.RequestAccess, Received: now, ClientID: f.ClientID, IdentityCheck: "known_client"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := privacy.ExtendRequest(ctx, f.DB, earlier, 1, "Kowalska-Øster wants paper copies", now, now); err != nil {
		t.Fatal(err)
	}
	if err := privacy.CloseRequest(ctx, f.DB, earlier, store.RequestRefused, "", "Zofia Kowalska-Øster, 601 234 567, asked the same last week"); err != nil {
		t.Fatal(err)
	}
	res, err := privacy.Forget(ctx, f.DB, f.ClientID, "request of the client", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := privacy.CloseRequest(ctx, f.DB, id, store.RequestDone, "client forgotten", ""); err != nil {
		t.Fatal(err)
	}
	r, err := f.DB.Request(ctx, id)
	if err != nil || r.ClientID != f.ClientID || r.RequesterName != "" || r.RequesterContact != "" || r.Outcome != store.RequestDone {
		t.Errorf("the erasure request after forgetting: %+v, %v", r, err)
	}
	c, _ := f.DB.Client(ctx, r.ClientID)
	if !c.Anonymized || c.FirstName != "" {
		t.Errorf("the request's card: %+v", c)
	}
	if res.Proof.Found != 0 {
		t.Errorf("traces found after forgetting: %d", res.Proof.Found)
	}
	if _, err := privacy.AddRequest(ctx, f.DB, store.RequestInput{Kind: store.RequestAccess, Received: now, ClientID: f.ClientID}, now); !errors.Is(err, privacy.ErrClientForgotten) {
		t.Errorf("a new request on the forgotten card: %v, want ErrClientForgotten", err)
	}
	old, err := f.DB.Request(ctx, earlier)
	if err != nil || old.ExtensionReason != store.RequestTextErased || old.RefusalReason != store.RequestTextErased || old.Outcome != store.RequestRefused {
		t.Errorf("the refused request after forgetting: %+v, %v; want its texts erased, its outcome kept", old, err)
	}
}

func TestRequestAction(t *testing.T) {
	for _, k := range store.RequestKinds {
		if privacy.RequestAction(k) == "" {
			t.Errorf("no action starts from a %s request", k)
		}
	}
}
