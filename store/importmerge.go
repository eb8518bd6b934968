package store

import (
	"fmt"
	"strings"
)

// mergeTarget is the card row, matching dups, can be merged into: the one
// live card among them, not restricted, with the same name as the row or
// one a typo or the order of its words apart; or why there is none. A row
// that shares only a phone or an email with a card of another name is
// someone else as often as not — a daughter on her mother's number — and
// must not pour their email, notes and consents into that card unseen.
func (x *cardIndex) mergeTarget(row ClientInput, dups []ImportMatch) (int64, string) {
	var card int64
	for _, m := range dups {
		switch {
		case m.Client == 0:
		case card != 0:
			return 0, CannotMergeSeveral
		default:
			card = m.Client
		}
	}
	switch {
	case card == 0:
		return 0, CannotMergeRow
	case x.restricted[card]:
		return 0, CannotMergeRestricted
	case !similarWords(nameWords(row.FirstName, row.LastName), x.names[card]):
		return 0, CannotMergeOtherName
	}
	return card, ""
}

// mergeImportRow adds an import row to the card it matches: the card's
// empty fields take the row's values, the row's notes are added to the
// card's, and each consent the file states is recorded (channel "import")
// only where the card has no record of its kind, for a file must never
// undo a decision the client made. The card's own history says so: a
// client.update event on it, with the import's line and what it took
// (fields filled, consents recorded), never a value. It returns the
// consents recorded.
func (b *Batch) mergeImportRow(row ImportRow) (int, error) {
	id := row.MergeInto
	cur, err := scanClient(b.tx.QueryRowContext(b.ctx, `SELECT `+clientColumns+` FROM clients c WHERE c.id = ?`, id))
	if err != nil {
		return 0, notFound(err, "client", id)
	}
	if cur.Anonymized {
		return 0, fmt.Errorf("store: client %d: %w", id, ErrAnonymized)
	}
	if cur.Restricted {
		return 0, fieldErr("client", ErrRestricted)
	}
	in := ClientInput{FirstName: cur.FirstName, LastName: cur.LastName, Phone: cur.Phone, Email: cur.Email, BirthDate: cur.BirthDate,
		Address: cur.Address, Language: cur.Language, Notes: cur.Notes, HealthNotes: cur.HealthNotes}
	r := row.Client
	filled := 0
	fill := func(field *string, v string) {
		if *field == "" && v != "" {
			*field = v
			filled++
		}
	}
	fill(&in.Phone, r.Phone)
	fill(&in.Email, r.Email)
	fill(&in.BirthDate, r.BirthDate)
	fill(&in.Address, r.Address)
	fill(&in.Language, r.Language)
	if n := strings.TrimSpace(r.Notes); n != "" && !strings.Contains(in.Notes, n) {
		in.Notes = strings.TrimSpace(in.Notes + "\n" + n)
		filled++
	}
	_, err = b.tx.ExecContext(b.ctx, `UPDATE clients SET phone = ?, email = ?, birth_date = ?, address = ?, language = ?, notes = ?, updated_at = ? WHERE id = ?`,
		in.Phone, in.Email, in.BirthDate, in.Address, in.Language, in.Notes, b.clock().Unix(), id)
	if err != nil {
		return 0, fmt.Errorf("store: merge into client %d: %w", id, err)
	}
	if err := indexClient(b.ctx, b.stmts, id, in); err != nil {
		return 0, err
	}
	recorded := 0
	for _, kind := range []string{ConsentMarketingEmail, ConsentMarketingSMS} {
		given, stated := row.Consents[kind]
		if !stated {
			continue
		}
		var n int
		if err := b.tx.QueryRowContext(b.ctx, `SELECT count(*) FROM consents WHERE client_id = ? AND kind = ?`, id, kind).Scan(&n); err != nil {
			return 0, err
		}
		if n > 0 {
			continue
		}
		if err := b.insertConsent(id, kind, given, ChannelImport, ""); err != nil {
			return 0, err
		}
		recorded++
	}
	if err := b.db.audit(b.ctx, b.tx, "client.update", id,
		map[string]int{"import_line": row.Line, "fields_filled": filled, "consents": recorded}); err != nil {
		return 0, err
	}
	return recorded, nil
}
