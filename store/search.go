package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// indexClient replaces the client's entry in the search index. The index is
// contentless with secure-delete on, so a replaced or deleted entry leaves
// no token behind.
func indexClient(ctx context.Context, tx *sql.Tx, id int64, in ClientInput) error {
	if err := unindexClient(ctx, tx, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO client_search (rowid, last_name, first_name, phone, email) VALUES (?, ?, ?, ?, ?)`,
		id, Fold(in.LastName), Fold(in.FirstName), phoneSearchTerms(in.Phone), Fold(in.Email))
	if err != nil {
		return fmt.Errorf("store: index client %d: %w", id, err)
	}
	return nil
}

func unindexClient(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM client_search WHERE rowid = ?`, id); err != nil {
		return fmt.Errorf("store: unindex client %d: %w", id, err)
	}
	return nil
}

// searchQuery turns what a person typed into an FTS5 query: every word a
// prefix, all words required. A query that is mostly a phone number is
// matched against phone numbers by its digits. Empty means no query.
func searchQuery(q string) string {
	q = Fold(q)
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, q)
	if len(digits) >= 3 && strings.Trim(q, "0123456789 +-()./") == "" {
		return `phone : "` + strings.TrimLeft(digits, "0") + `"*`
	}
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		words[i] = `"` + w + `"*`
	}
	return strings.Join(words, " ")
}

// SearchClients finds live clients by name, phone or email, best matches
// first: prefixes of words, case and diacritics ignored ("kowalska-oster"
// finds "Kowalska-Øster"). A match on the last name ranks above one on the
// first name, which ranks above phone and email; a whole word above a prefix.
// An empty query lists nobody.
func (db *DB) SearchClients(ctx context.Context, q string, limit int) ([]Client, error) {
	fts := searchQuery(q)
	if fts == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	found, err := queryAll(ctx, db.r, `SELECT `+clientColumns+` FROM client_search s JOIN clients c ON c.id = s.rowid
		WHERE client_search MATCH ? ORDER BY s.rank LIMIT ?`, []any{fts, max(limit*4, 200)}, scanClient)
	if err != nil {
		return nil, err
	}
	words := strings.FieldsFunc(Fold(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	type key struct {
		score int
		name  string
	}
	keys := make(map[int64]key, len(found))
	for _, c := range found {
		last, first := Fold(c.LastName), Fold(c.FirstName)
		keys[c.ID] = key{matchScore(words, last, first), last + " " + first}
	}
	sort.SliceStable(found, func(i, j int) bool {
		a, b := keys[found[i].ID], keys[found[j].ID]
		if a.score != b.score {
			return a.score > b.score
		}
		return a.name < b.name
	})
	return found[:min(limit, len(found))], nil
}

// matchScore weighs how well query words meet a client's names.
func matchScore(words []string, last, first string) int {
	split := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	lastWords, firstWords := split(last), split(first)
	score := 0
	for _, w := range words {
		best := 0
		for _, f := range []struct {
			names  []string
			weight int
		}{{lastWords, 4}, {firstWords, 2}} {
			for _, n := range f.names {
				switch {
				case n == w:
					best = max(best, f.weight+1)
				case strings.HasPrefix(n, w):
					best = max(best, f.weight)
				}
			}
		}
		score += best
	}
	return score
}

// reindexClients rebuilds the search index entries of every live client.
func reindexClients(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, first_name, last_name, phone, email FROM clients WHERE anonymized_at IS NULL`)
	if err != nil {
		return err
	}
	type entry struct {
		id int64
		in ClientInput
	}
	var all []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.id, &e.in.FirstName, &e.in.LastName, &e.in.Phone, &e.in.Email); err != nil {
			rows.Close()
			return err
		}
		all = append(all, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range all {
		if err := indexClient(ctx, tx, e.id, e.in); err != nil {
			return err
		}
	}
	return nil
}
