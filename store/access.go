package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// A Permission is one thing a staff member may do inside an unlocked salon.
// Permissions control actions, not encryption: whoever has the passphrase
// can read the whole file.
type Permission string

// The permissions, in the order the owner sees them.
const (
	PermClientsView  Permission = "clients.view"  // every client's card, the list and search
	PermClientsToday Permission = "clients.today" // only the cards of clients booked today
	PermClientsEdit  Permission = "clients.edit"  // add and change cards, record consents
	PermHealthView   Permission = "health.view"   // see health notes (special category data)
	PermHealthEdit   Permission = "health.edit"   // change health notes
	PermBook         Permission = "book"          // make, move and cancel bookings
	PermCheckout     Permission = "checkout"      // take payments, write invoices
	PermPaymentsView Permission = "payments.view" // see payments and invoices
	PermExport       Permission = "export"        // export a client's personal data
	PermForget       Permission = "forget"        // forget a client
	PermRequests     Permission = "requests"      // privacy requests and restrictions (Art. 15–21)
	PermRetention    Permission = "retention"     // change retention, run it, keep clients out of it
	PermStaff        Permission = "staff"         // manage staff, their PINs and permissions
	PermServices     Permission = "services"      // manage the service list
	PermSettings     Permission = "settings"      // the salon's details and settings
	PermSecurity     Permission = "security"      // passphrase, recovery key, decrypted copies
	PermBackup       Permission = "backup"        // make backups
	PermRestore      Permission = "restore"       // restore a backup over the salon
	PermAudit        Permission = "audit"         // read the audit log
)

// Permissions lists every permission.
var Permissions = []Permission{PermClientsView, PermClientsToday, PermClientsEdit, PermHealthView, PermHealthEdit,
	PermBook, PermCheckout, PermPaymentsView, PermExport, PermForget, PermRequests, PermRetention, PermStaff,
	PermServices, PermSettings, PermSecurity, PermBackup, PermRestore, PermAudit}

// RolePermissions are each role's defaults, which the owner may adjust per
// person. A stylist sees today's clients and their health notes and books;
// reception books and checks out; an accountant sees payments and invoices
// but no health notes; only the owner changes retention, restores, manages
// staff and the passphrase.
var RolePermissions = map[string][]Permission{
	"owner": Permissions,
	"manager": {PermClientsView, PermClientsEdit, PermHealthView, PermHealthEdit, PermBook, PermCheckout,
		PermPaymentsView, PermExport, PermForget, PermRequests, PermServices, PermSettings, PermBackup, PermAudit},
	"reception":  {PermClientsView, PermClientsEdit, PermBook, PermCheckout, PermPaymentsView},
	"stylist":    {PermClientsToday, PermHealthView, PermHealthEdit, PermBook},
	"accountant": {PermClientsView, PermPaymentsView},
}

// ErrNotPermitted is what every refusal for lack of a permission is.
var ErrNotPermitted = errors.New("not permitted")

// NotPermitted says which permission the acting staff member lacks. It
// names the staff member's number and role, never their name.
type NotPermitted struct {
	Staff      int64
	Role       string
	Permission Permission
}

func (e NotPermitted) Error() string {
	return fmt.Sprintf("not permitted for %s (staff %d): %s", e.Role, e.Staff, e.Permission)
}

// Is makes every NotPermitted an ErrNotPermitted.
func (e NotPermitted) Is(target error) bool { return target == ErrNotPermitted }

type actingKey struct{}

// ActAs returns a context in which staffID acts: the store checks their
// permissions on every read and write it makes, and audits them as its
// actor. Only code that has checked who they are (a PIN, or the salon's
// single owner) calls it. A context with no one acting is the passphrase
// holder or the system (retention, the daily job): everything is allowed.
func ActAs(ctx context.Context, staffID int64) context.Context {
	return context.WithValue(WithActor(ctx, StaffActor(staffID)), actingKey{}, staffID)
}

// Acting is the staff member ActAs named, or 0.
func Acting(ctx context.Context) int64 {
	id, _ := ctx.Value(actingKey{}).(int64)
	return id
}

// Grant is what the person acting may do.
type Grant struct {
	Staff int64 // 0: no one in particular, everything allowed
	Role  string
	perms []Permission
}

// Has says whether the grant includes p.
func (g Grant) Has(p Permission) bool { return g.Staff == 0 || slices.Contains(g.perms, p) }

// Check is nil when the grant includes p, else a NotPermitted.
func (g Grant) Check(p Permission) error {
	if g.Has(p) {
		return nil
	}
	return NotPermitted{Staff: g.Staff, Role: g.Role, Permission: p}
}

// SeesClients says whether the grant shows any client card at all.
func (g Grant) SeesClients() bool { return g.Has(PermClientsView) || g.Has(PermClientsToday) }

// TodayOnly says whether the grant shows only the clients booked today.
func (g Grant) TodayOnly() bool { return !g.Has(PermClientsView) && g.Has(PermClientsToday) }

// Grant returns what the person acting in ctx may do. It is read from the
// staff table once and kept until the staff change: any staff.* write —
// a permission, a role, leaving, a PIN, a sign-in, which is every switch of
// person — drops what was kept, so a change the owner makes applies at
// once. A staff member who no longer works here may do nothing.
func (db *DB) Grant(ctx context.Context) (Grant, error) {
	id := Acting(ctx)
	if id == 0 {
		return Grant{}, nil
	}
	if g, ok := db.grants.get(id); ok {
		return g, nil
	}
	gen := db.grants.generation()
	g, err := db.readGrantOf(ctx, id)
	if err == nil {
		db.grants.put(gen, g)
	}
	return g, err
}

// readGrantOf reads staff member id's grant from the staff table.
func (db *DB) readGrantOf(ctx context.Context, id int64) (Grant, error) {
	var role string
	var active bool
	var custom *string
	var r reader = db.r
	if pool, ok := r.(*sql.DB); ok {
		r = preparedPool{pool}
	}
	err := r.QueryRowContext(ctx, `SELECT role, active, permissions FROM staff WHERE id = ?`, id).Scan(&role, &active, &custom)
	if err != nil {
		return Grant{}, notFound(err, "staff", id)
	}
	g := Grant{Staff: id, Role: role, perms: []Permission{}}
	if active {
		g.perms = effective(role, custom)
	}
	return g, nil
}

// grantCache keeps grants by staff number: a stylist's search asks for
// hers at every keystroke. A nil cache keeps nothing.
type grantCache struct {
	mu  sync.Mutex
	gen uint64 // counts the drops, so that a grant read before one is not kept after it
	m   map[int64]Grant
}

func (c *grantCache) get(id int64) (Grant, bool) {
	if c == nil {
		return Grant{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	g, ok := c.m[id]
	return g, ok
}

func (c *grantCache) generation() uint64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put keeps g, read when the cache was at generation gen.
func (c *grantCache) put(gen uint64, g Grant) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if c.m == nil {
		c.m = map[int64]Grant{}
	}
	c.m[g.Staff] = g
}

// drop forgets every grant kept.
func (c *grantCache) drop() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.m)
}

// effective is a role's defaults, or the owner's adjusted list.
func effective(role string, custom *string) []Permission {
	if custom == nil {
		return RolePermissions[role]
	}
	var out []Permission
	for _, p := range strings.Split(*custom, ",") {
		if slices.Contains(Permissions, Permission(p)) {
			out = append(out, Permission(p))
		}
	}
	return out
}

// actionPermissions names the permission each audited write needs. An
// action missing here is refused to everyone acting (fail closed), and
// allowed only to the passphrase holder and the system.
var actionPermissions = map[string]Permission{
	"client.create": PermClientsEdit, "client.update": PermClientsEdit, "client.import": PermClientsEdit,
	"consent.give": PermClientsEdit, "consent.withdraw": PermClientsEdit,
	"client.restrict": PermRequests, "client.unrestrict": PermRequests,
	"client.retention_hold": PermRetention, "client.retention_release": PermRetention,
	"client.forget": PermForget, "client.erasure_verified": PermForget, "booking.cancel_upcoming": PermForget,
	"client.export": PermExport,
	// A merge forgets the merged card (and MergeClients requires
	// clients.edit besides); forgetting many at once is forgetting.
	"client.merge": PermForget, "client.forget_many": PermForget,
	"mailing_list.export": PermExport, "client_list.export": PermExport,
	"booking.create": PermBook, "booking.update": PermBook, "booking.cancel": PermBook,
	"booking.checkout": PermCheckout, "payment.create": PermCheckout, "invoice.create": PermCheckout,
	"request.create": PermRequests, "request.extend": PermRequests, "request.status": PermRequests,
	"request.close": PermRequests, "request.purge": PermRequests,
	"retention.set": PermRetention, "retention.run": PermRetention, "retention.clients": PermRetention,
	"retention.bookings": PermRetention, "retention.invoices": PermRetention,
	"salon.update": PermSettings, "demo.generate": PermSettings,
	"service.create": PermServices, "service.update": PermServices,
	"staff.create": PermStaff, "staff.update": PermStaff, "staff.pin": PermStaff, "staff.permissions": PermStaff,
	"passphrase.change": PermSecurity, "staff.pins_forgiven": PermSecurity, "passphrase.strengthen": PermSecurity, "recovery_key.regenerate": PermSecurity,
	"restore.forget_again": PermRestore,
}

// permitAction refuses an audited write the person acting may not make.
func (db *DB) permitAction(ctx context.Context, action string) error {
	if !checking(ctx) {
		return nil
	}
	p, ok := actionPermissions[action]
	if !ok {
		g, err := db.Grant(ctx)
		if err != nil {
			return err
		}
		return NotPermitted{Staff: g.Staff, Role: g.Role, Permission: Permission(action)}
	}
	return db.Require(ctx, p)
}
