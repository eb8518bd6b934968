package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// indexClient replaces the client's entry in the search index and its sort
// key. The index keeps its folded content so that, with secure-delete on, a
// replaced or deleted entry leaves no token behind.
func indexClient(ctx context.Context, tx execer, id int64, in ClientInput) error {
	if err := indexSearchV2(ctx, tx, id, in); err != nil {
		return err
	}
	return setSortKeyV3(ctx, tx, id, in)
}

// indexSearchV2 writes the full-text entry with the columns schema version 2
// defined; migrations 2 and 4 use it too, so it must only touch those.
func indexSearchV2(ctx context.Context, tx execer, id int64, in ClientInput) error {
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

// setSortKeyV3 writes the sort key column that schema version 3 added.
func setSortKeyV3(ctx context.Context, tx execer, id int64, in ClientInput) error {
	if _, err := tx.ExecContext(ctx, `UPDATE clients SET sort_key = ? WHERE id = ?`, sortKey(Fold(in.LastName), Fold(in.FirstName)), id); err != nil {
		return fmt.Errorf("store: index client %d: %w", id, err)
	}
	return nil
}

func unindexClient(ctx context.Context, tx execer, id int64) error {
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
	if len(digits) >= 2 && strings.Trim(q, "0123456789 +-()./") == "" {
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
// finds "Kowalska-Øster"). Last names starting with the query come first, in
// alphabetical order; then other matches, a last-name word above a first
// name above phone and email, a whole word above a prefix. An empty query
// lists nobody.
func (db *DB) SearchClients(ctx context.Context, q string, limit int) ([]Client, error) {
	g, err := db.readGrant(ctx)
	if err != nil {
		return nil, err
	}
	if g.Staff == 0 {
		return db.searchClients(ctx, q, limit)
	}
	if !g.SeesClients() {
		return nil, g.Check(PermClientsView)
	}
	if limit <= 0 {
		limit = 50
	}
	wide := limit
	if g.TodayOnly() {
		wide = 1000 // today's few clients among everyone who matches
	}
	cs, err := db.searchClients(ctx, q, wide)
	if err != nil {
		return nil, err
	}
	if cs, err = db.screen(ctx, g, cs); err != nil {
		return nil, err
	}
	return cs[:min(limit, len(cs))], nil
}

func (db *DB) searchClients(ctx context.Context, q string, limit int) ([]Client, error) {
	fts := searchQuery(q)
	if fts == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	words := strings.FieldsFunc(Fold(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var byName []Client
	if len(words) == 1 && !strings.HasPrefix(fts, "phone") {
		// The common case, read from the name index alone, which holds
		// every column of a card: the matches lie side by side in it.
		lo := words[0]
		hi := lo + "\U0010FFFF"
		var err error
		byName, err = queryAll(ctx, db.prepared(), `SELECT `+clientColumns+` FROM clients c INDEXED BY clients_by_name
			WHERE c.anonymized_at IS NULL AND c.sort_key >= ? AND c.sort_key < ? ORDER BY c.sort_key, c.id LIMIT ?`, []any{lo, hi, limit}, scanClient)
		if err != nil {
			return nil, err
		}
	}
	if len(byName) == limit {
		return byName, nil
	}
	seen := make([]int64, len(byName))
	for i, c := range byName {
		seen[i] = c.ID
	}
	more, err := db.rankedMatches(ctx, fts, words, seen, limit-len(byName))
	if err != nil {
		return nil, err
	}
	rest, err := db.clientsByID(ctx, more)
	if err != nil {
		return nil, err
	}
	return append(byName, rest...), nil
}

// searchCandidates bounds how many full-text matches are ranked in Go.
const searchCandidates = 300

// rankedMatches returns up to n full-text matches not in skip, best first.
// Matches in skip are left out before their cards are read.
func (db *DB) rankedMatches(ctx context.Context, fts string, words []string, skip []int64, n int) ([]int64, error) {
	type cand struct {
		id    int64
		score int
		key   string
	}
	cands, err := queryAll(ctx, db.prepared(), `SELECT c.id, c.sort_key FROM client_search s JOIN clients c ON c.id = s.rowid
		WHERE client_search MATCH ? AND s.rowid NOT IN (SELECT value FROM json_each(?)) LIMIT ?`, []any{fts, jsonIDs(skip), searchCandidates}, func(r scanner) (cand, error) {
		var c cand
		err := r.Scan(&c.id, &c.key)
		last, first, _ := strings.Cut(c.key, "\x00")
		c.score = matchScore(words, last, first)
		return c, err
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].key < cands[j].key
	})
	ids := make([]int64, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		ids = append(ids, c.id)
	}
	return ids, nil
}

// clientsByID loads cards in the order of ids.
func (db *DB) clientsByID(ctx context.Context, ids []int64) ([]Client, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	found, err := queryAll(ctx, db.prepared(), `SELECT `+clientColumns+` FROM clients c WHERE c.id IN (SELECT value FROM json_each(?))`, []any{jsonIDs(ids)}, scanClient)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Client, len(found))
	for _, c := range found {
		byID[c.ID] = c
	}
	out := make([]Client, 0, len(ids))
	for _, id := range ids {
		if c, ok := byID[id]; ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// jsonIDs writes ids as one JSON array, so that a query's text, and so its
// prepared statement, is the same for any number of them.
func jsonIDs(ids []int64) string {
	list := []byte{'['}
	for i, id := range ids {
		if i > 0 {
			list = append(list, ',')
		}
		list = strconv.AppendInt(list, id, 10)
	}
	return string(append(list, ']'))
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

// eachLiveClient calls fn for every live client's searchable fields.
func eachLiveClient(ctx context.Context, tx *sql.Tx, fn func(ctx context.Context, tx execer, id int64, in ClientInput) error) error {
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
		if err := fn(ctx, tx, e.id, e.in); err != nil {
			return err
		}
	}
	return nil
}

// sortKey orders clients as a person reads a list: by folded last name,
// then first name.
func sortKey(foldedLast, foldedFirst string) string { return foldedLast + "\x00" + foldedFirst }
