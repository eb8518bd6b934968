package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// Reasons a card may be the same person as another, in [Duplicate].
const (
	DuplicatePhone     = "phone"      // the same phone number
	DuplicateEmail     = "email"      // the same email address
	DuplicateNameBirth = "name_birth" // the same name and birth date
	DuplicateName      = "name"       // the same name, birth date unknown or different
)

// Duplicate is a live card that may be the same person as the one being
// made or edited, with every reason why, in the order phone, email, name.
type Duplicate struct {
	Client  Client
	Reasons []string
}

// DuplicatesOf finds the live cards, other than exceptID (0: none), that
// may be the same person as in: the same phone, the same email, or the same
// first and last name once folded ("Øster" is "oster"), with
// DuplicateNameBirth rather than DuplicateName when the birth dates match
// too. in is normalized as CreateClient would; a phone, email or birth date
// it would refuse simply matches nothing, so a form can ask while it is
// being typed. The cards come by name.
func (db *DB) DuplicatesOf(ctx context.Context, in ClientInput, exceptID int64) ([]Duplicate, error) {
	salon, err := db.Salon(ctx)
	if err != nil {
		return nil, err
	}
	phone, err := NormalizePhone(in.Phone, salon.Country)
	if err != nil {
		phone = ""
	}
	email, err := NormalizeEmail(in.Email)
	if err != nil {
		email = ""
	}
	birth, err := parseBirthDate(in.BirthDate, db.now())
	if err != nil {
		birth = ""
	}
	first, last := Fold(strings.TrimSpace(in.FirstName)), Fold(strings.TrimSpace(in.LastName))
	found := map[int64]*Duplicate{}
	match := func(reason, where, value string) error {
		if value == "" {
			return nil
		}
		cs, err := queryAll(ctx, db.r, `SELECT `+clientColumns+` FROM clients c WHERE `+where+` AND c.anonymized_at IS NULL AND c.id <> ?`,
			[]any{value, exceptID}, scanClient)
		if err != nil {
			return err
		}
		for _, c := range cs {
			d := found[c.ID]
			if d == nil {
				d = &Duplicate{Client: c}
				found[c.ID] = d
			}
			r := reason
			if reason == DuplicateName && birth != "" && c.BirthDate == birth {
				r = DuplicateNameBirth
			}
			d.Reasons = append(d.Reasons, r)
		}
		return nil
	}
	// Each term has an index of its own (partial, hence the literal <> '').
	if err := match(DuplicatePhone, `c.phone = ? AND c.phone <> ''`, phone); err != nil {
		return nil, err
	}
	if err := match(DuplicateEmail, `c.email = ? AND c.email <> ''`, email); err != nil {
		return nil, err
	}
	if first != "" && last != "" {
		if err := match(DuplicateName, `c.sort_key = ?`, sortKey(last, first)); err != nil {
			return nil, err
		}
	}
	out := make([]Duplicate, 0, len(found))
	for _, d := range found {
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b Duplicate) int {
		return cmp.Or(cmp.Compare(sortKey(Fold(a.Client.LastName), Fold(a.Client.FirstName)), sortKey(Fold(b.Client.LastName), Fold(b.Client.FirstName))),
			cmp.Compare(a.Client.ID, b.Client.ID))
	})
	return out, nil
}
