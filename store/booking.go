package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// Booking statuses; a visit is a completed booking.
const (
	StatusBooked    = "booked"
	StatusCompleted = "completed"
	StatusCancelled = "cancelled"
	StatusNoShow    = "no_show"
)

var Statuses = []string{StatusBooked, StatusCompleted, StatusCancelled, StatusNoShow}

// maxBooking bounds a booking's length; it also bounds the overlap search.
const maxBooking = 12 * time.Hour

// Booking is an entry in the appointment book.
type Booking struct {
	ID        int64
	ClientID  int64
	StaffID   int64
	ServiceID int64
	Start     time.Time
	End       time.Time
	Status    string
	Price     Money
	Notes     string
	// Filled by calendar queries for display.
	ClientName  string
	ServiceName string
	// ClientHidden says the person acting may not see who the client is
	// (ClientName and Notes are then empty): a stylist sees only today's
	// clients.
	ClientHidden bool
}

// BookingInput creates or changes a booking. A zero End takes the service's
// duration; a nil Price takes the service's price.
type BookingInput struct {
	ClientID, StaffID, ServiceID int64
	Start, End                   time.Time
	Status                       string
	Price                        *int64
	Notes                        string
	// Basis is the ground of GDPR Art. 18(2), one of [RestrictionBases], on
	// which a restricted client is booked, or their booking changed,
	// anyway; it is recorded in the audit event. Without one such a write is
	// refused with a [*FieldError] for "client" wrapping [ErrRestricted].
	// Ignored for a client who is not restricted.
	Basis string
}

func (in *BookingInput) validate(svc Service) error {
	if err := checkTime("start", in.Start); err != nil {
		return err
	}
	if in.End.IsZero() {
		in.End = in.Start.Add(time.Duration(svc.Minutes) * time.Minute)
	}
	if !in.End.After(in.Start) {
		return fieldErr("end", ErrEndBeforeStart)
	}
	if in.End.Sub(in.Start) > maxBooking {
		return fieldErr("end", ErrTooLongBooking)
	}
	if in.Status == "" {
		in.Status = StatusBooked
	}
	if err := oneOf("status", in.Status, Statuses...); err != nil {
		return err
	}
	if in.Price == nil {
		p := svc.Price.Minor
		in.Price = &p
	}
	if *in.Price < 0 {
		return fieldErr("price", ErrInvalidAmount)
	}
	var err error
	if in.Notes, err = text("notes", in.Notes, limitNotes, false); err != nil {
		return err
	}
	return checkBasis(in.Basis)
}

func activeStatus(s string) bool { return s == StatusBooked || s == StatusCompleted }

// checkOverlap refuses a second active booking for one staff member at once.
func checkOverlap(ctx context.Context, tx reader, in BookingInput, exceptID int64) error {
	if !activeStatus(in.Status) {
		return nil
	}
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM bookings WHERE staff_id = ? AND start_at < ? AND start_at > ? AND end_at > ?
		AND status IN ('booked', 'completed') AND id <> ? LIMIT 1`,
		in.StaffID, in.End.Unix(), in.Start.Add(-maxBooking).Unix(), in.Start.Unix(), exceptID).Scan(&one)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: check overlap: %w", err)
	}
	return fieldErr("start", ErrOverlap)
}

// CreateBooking books a client with a staff member for a service. A
// restricted client (GDPR Art. 18) is booked only with a Basis.
func (db *DB) CreateBooking(ctx context.Context, in BookingInput) (int64, error) {
	return db.one(ctx, "booking.create", func(b *Batch) (int64, error) { return b.CreateBooking(in) })
}

// CreateBooking books a client with a staff member for a service.
func (b *Batch) CreateBooking(in BookingInput) (int64, error) {
	svc, err := b.service(in.ServiceID)
	if err != nil {
		return 0, err
	}
	if err := in.validate(svc); err != nil {
		return 0, err
	}
	if err := checkLive(b.ctx, b.stmts, in.ClientID); err != nil {
		return 0, fieldErr("client", err)
	}
	basis, err := restrictionBasis(b.ctx, b.stmts, in.ClientID, in.Basis)
	if err != nil {
		return 0, err
	}
	if err := exists(b.ctx, b.stmts, "staff", in.StaffID); err != nil {
		return 0, fieldErr("staff", err)
	}
	if err := checkOverlap(b.ctx, b.stmts, in, 0); err != nil {
		return 0, err
	}
	if basis != "" {
		if err := b.useBasis(basis); err != nil {
			return 0, err
		}
	}
	res, err := b.stmts.ExecContext(b.ctx, `INSERT INTO bookings (client_id, staff_id, service_id, start_at, end_at, status, price, currency, notes, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.ClientID, in.StaffID, in.ServiceID, in.Start.Unix(), in.End.Unix(), in.Status, *in.Price, svc.Price.Currency, in.Notes, b.clock().Unix())
	if err != nil {
		return 0, fmt.Errorf("store: create booking: %w", err)
	}
	b.count("bookings")
	return res.LastInsertId()
}

// UpdateBooking moves a booking, changes its staff, service, status, price
// or notes; the same rules as for a new booking apply. For a restricted
// client (GDPR Art. 18) any change but the status needs a Basis: cancelling,
// completing, marking a no-show or restoring a booking needs none.
func (db *DB) UpdateBooking(ctx context.Context, id int64, in BookingInput) error {
	svc, err := db.Service(ctx, in.ServiceID)
	if err != nil {
		return fieldErr("service", err)
	}
	if err := in.validate(svc); err != nil {
		return err
	}
	// Notes the person acting was not shown (another day's client, for a
	// stylist) stay as they are.
	seen := []Booking{{ClientID: in.ClientID}}
	if err := db.screenBookings(ctx, seen); err != nil {
		return err
	}
	return db.writeEvent(ctx, "booking.update", func(tx *sql.Tx) (event, error) {
		old, err := scanBooking(tx.QueryRowContext(ctx, `SELECT `+bookingColumns+` FROM bookings b WHERE b.id = ? AND b.client_id = ?`, id, in.ClientID))
		if err != nil {
			return event{}, notFound(err, "booking", id)
		}
		if seen[0].ClientHidden {
			in.Notes = old.Notes
		}
		var basis string
		if !onlyStatusChanges(old, in) {
			if basis, err = restrictionBasis(ctx, tx, in.ClientID, in.Basis); err != nil {
				return event{}, err
			}
		}
		if err := checkOverlap(ctx, tx, in, id); err != nil {
			return event{}, err
		}
		return event{subject: id, basis: basis}, mustAffect(tx.ExecContext(ctx, `UPDATE bookings SET staff_id = ?, service_id = ?, start_at = ?, end_at = ?, status = ?, price = ?, notes = ?
			WHERE id = ? AND client_id = ?`, in.StaffID, in.ServiceID, in.Start.Unix(), in.End.Unix(), in.Status, *in.Price, in.Notes, id, in.ClientID))
	})
}

// onlyStatusChanges reports whether in changes nothing of old but its
// status: a restricted client's booking may be cancelled, completed,
// marked a no-show or restored without an Art. 18(2) basis.
func onlyStatusChanges(old Booking, in BookingInput) bool {
	return old.StaffID == in.StaffID && old.ServiceID == in.ServiceID && old.Start.Unix() == in.Start.Unix() && old.End.Unix() == in.End.Unix() &&
		old.Price.Minor == *in.Price && old.Notes == in.Notes
}

// SetBookingStatus marks a booking completed, cancelled, no-show or booked.
func (db *DB) SetBookingStatus(ctx context.Context, id int64, status string) error {
	b, err := db.Booking(ctx, id)
	if err != nil {
		return err
	}
	price := b.Price.Minor
	return db.UpdateBooking(ctx, id, BookingInput{ClientID: b.ClientID, StaffID: b.StaffID, ServiceID: b.ServiceID,
		Start: b.Start, End: b.End, Status: status, Price: &price, Notes: b.Notes})
}

const bookingColumns = `b.id, b.client_id, b.staff_id, b.service_id, b.start_at, b.end_at, b.status, b.price, b.currency, b.notes`

func scanBooking(r scanner) (Booking, error) {
	var b Booking
	var start, end int64
	err := r.Scan(&b.ID, &b.ClientID, &b.StaffID, &b.ServiceID, &start, &end, &b.Status, &b.Price.Minor, &b.Price.Currency, &b.Notes)
	b.Start, b.End = time.Unix(start, 0), time.Unix(end, 0)
	return b, err
}

// Booking returns one booking.
func (db *DB) Booking(ctx context.Context, id int64) (Booking, error) {
	b, err := scanBooking(db.r.QueryRowContext(ctx, `SELECT `+bookingColumns+` FROM bookings b WHERE b.id = ?`, id))
	if err != nil {
		return b, notFound(err, "booking", id)
	}
	bs := []Booking{b}
	err = db.screenBookings(ctx, bs)
	return bs[0], err
}

// ClientBookings returns a client's bookings, newest first.
func (db *DB) ClientBookings(ctx context.Context, clientID int64) ([]Booking, error) {
	return queryAll(ctx, db.prepared(), `SELECT `+bookingColumns+` FROM bookings b WHERE b.client_id = ? ORDER BY b.start_at DESC`, []any{clientID}, scanBooking)
}

// BookingsBetween returns the bookings starting in [from, to) for every
// staff member, with client and service names for the calendar.
func (db *DB) BookingsBetween(ctx context.Context, from, to time.Time) ([]Booking, error) {
	g, err := db.readGrant(ctx)
	if err != nil {
		return nil, err
	}
	bs, err := db.bookingsBetween(ctx, from, to)
	if err != nil || g.Staff == 0 || g.Has(PermClientsView) {
		return bs, err
	}
	return bs, db.screenBookings(ctx, bs)
}

// screenBookings hides, in bookings of clients the person acting may not
// see, who the client is and the booking's notes (which are about them).
func (db *DB) screenBookings(ctx context.Context, bs []Booking) error {
	g, err := db.readGrant(ctx)
	if err != nil || g.Staff == 0 || g.Has(PermClientsView) {
		return err
	}
	var today []int64
	if g.Has(PermClientsToday) {
		if today, err = db.bookedToday(ctx); err != nil {
			return err
		}
	}
	for i := range bs {
		if _, seen := slices.BinarySearch(today, bs[i].ClientID); !seen {
			bs[i].ClientName, bs[i].Notes, bs[i].ClientHidden = "", "", true
		}
	}
	return nil
}

func (db *DB) bookingsBetween(ctx context.Context, from, to time.Time) ([]Booking, error) {
	return queryAll(ctx, db.prepared(), `SELECT `+bookingColumns+`, c.first_name || ' ' || c.last_name, s.name
		FROM bookings b JOIN clients c ON c.id = b.client_id JOIN services s ON s.id = b.service_id
		WHERE b.start_at >= ? AND b.start_at < ? ORDER BY b.staff_id, b.start_at`, []any{from.Unix(), to.Unix()}, func(r scanner) (Booking, error) {
		var b Booking
		var start, end int64
		err := r.Scan(&b.ID, &b.ClientID, &b.StaffID, &b.ServiceID, &start, &end, &b.Status, &b.Price.Minor, &b.Price.Currency, &b.Notes, &b.ClientName, &b.ServiceName)
		b.Start, b.End = time.Unix(start, 0), time.Unix(end, 0)
		return b, err
	})
}

func exists(ctx context.Context, tx reader, table string, id int64) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM `+table+` WHERE id = ?`, id).Scan(&one)
	return notFound(err, table, id)
}
