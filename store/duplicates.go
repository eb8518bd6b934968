package store

import (
	"cmp"
	"context"
	"fmt"
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
// too; and, for a card no such reason found, a similar name
// ([DuplicateSimilarName]: a typo, or first and last name swapped) on a
// card whose birth date does not differ, nor both its phone and email. in is normalized as CreateClient would; a phone, email or birth date
// it would refuse simply matches nothing, so a form can ask while it is
// being typed. The likeliest cards come first, those with the most reasons
// (the same phone and name before a phone shared in a family), then by
// name.
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
	if first != "" && last != "" {
		if err := db.similarTo(ctx, in, dupCard{phone: phone, email: email, birth: birth}, exceptID, found); err != nil {
			return nil, err
		}
	}
	out := make([]Duplicate, 0, len(found))
	for _, d := range found {
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b Duplicate) int {
		return cmp.Or(cmp.Compare(len(b.Reasons), len(a.Reasons)),
			cmp.Compare(sortKey(Fold(a.Client.LastName), Fold(a.Client.FirstName)), sortKey(Fold(b.Client.LastName), Fold(b.Client.FirstName))),
			cmp.Compare(a.Client.ID, b.Client.ID))
	})
	return out, nil
}

// DuplicateSimilarName is a reason of [DuplicateGroup] and
// [DB.DuplicatesOf]: the names are alike, typos and word order apart (see
// the rules in similar.go), and nothing tells the cards apart: not their
// birth dates, nor their phones and emails both.
const DuplicateSimilarName = "similar_name"

// duplicateOrder is the order reasons are listed in.
var duplicateOrder = []string{DuplicatePhone, DuplicateEmail, DuplicateNameBirth, DuplicateName, DuplicateSimilarName}

// DuplicateGroup is a set of live cards that may all be one person: each is
// linked to another of the group by at least one reason.
type DuplicateGroup struct {
	Clients []Client // by ID: the oldest card first
	// Reasons are every reason that links two of its cards, in the order
	// phone, email, name_birth, similar_name.
	Reasons []string
	// Links are the pairs found, each with its reasons: enough to join the
	// group, not every pair of it (three cards with one phone are two
	// links).
	Links []DuplicateLink
}

// DuplicateLink is two cards that may be one person, and why.
type DuplicateLink struct {
	A, B    int64 // A < B
	Reasons []string
}

// dupCard is what the finder compares of a card.
type dupCard struct {
	id                  int64
	phone, email, birth string
	words               []string // nameWords
}

// DuplicateGroups finds every group of live cards that may be one person:
// the same phone, the same email, the same name (words folded and in any
// order) and birth date, or similar names ([DuplicateSimilarName], the same
// name included) on cards whose birth dates do not differ (either unknown,
// or the same), nor both their phones and their emails. Cards are linked
// pair by pair and a group is everything so linked. Groups come in the
// order of their oldest card. Reading the cards needs clients.view; 20,000
// cards take well under a second.
func (db *DB) DuplicateGroups(ctx context.Context) ([]DuplicateGroup, error) {
	if err := db.Require(ctx, PermClientsView); err != nil {
		return nil, err
	}
	cards, err := queryAll(ctx, db.r, `SELECT id, first_name, last_name, phone, email, birth_date FROM clients
		WHERE anonymized_at IS NULL ORDER BY id`, nil, func(r scanner) (dupCard, error) {
		var c dupCard
		var first, last string
		err := r.Scan(&c.id, &first, &last, &c.phone, &c.email, &c.birth)
		c.words = nameWords(first, last)
		return c, err
	})
	if err != nil {
		return nil, err
	}
	groups := groupDuplicates(cards)
	var ids []int64
	for _, g := range groups {
		for _, c := range g.Clients {
			ids = append(ids, c.ID)
		}
	}
	full, err := db.ClientSummaries(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Client, len(full))
	for _, c := range full {
		byID[c.ID] = c
	}
	for i := range groups {
		for j, c := range groups[i].Clients {
			groups[i].Clients[j] = byID[c.ID]
		}
	}
	return groups, nil
}

// namesakesAgree reports whether two cards with like names may be one
// person: their birth dates do not differ (either is unknown, or they are
// the same), and not both their phones and their emails do (a client who
// changed her number kept her email, or the other way round; a card made
// anew at reception often lacks one).
func namesakesAgree(a, b dupCard) bool {
	differ := func(x, y string) bool { return x != "" && y != "" && x != y }
	return !differ(a.birth, b.birth) && !(differ(a.phone, b.phone) && differ(a.email, b.email))
}

// groupDuplicates links cards (sorted by ID) by the finder's reasons and
// returns the groups, each with its clients (IDs only), reasons and links.
func groupDuplicates(cards []dupCard) []DuplicateGroup {
	type pair struct{ a, b int } // indexes, a < b
	links := map[pair]uint8{}    // bit i: duplicateOrder[i]
	var order []pair
	link := func(a, b int, reason int) {
		if a > b {
			a, b = b, a
		}
		p := pair{a, b}
		if _, ok := links[p]; !ok {
			order = append(order, p)
		}
		links[p] |= 1 << reason
	}
	// The same value: each card linked to the first that has it.
	same := func(reason int, value func(c dupCard) string) {
		first := map[string]int{}
		for i, c := range cards {
			v := value(c)
			if v == "" {
				continue
			}
			if f, ok := first[v]; ok {
				link(f, i, reason)
			} else {
				first[v] = i
			}
		}
	}
	same(0, func(c dupCard) string { return c.phone })
	same(1, func(c dupCard) string { return c.email })
	same(2, func(c dupCard) string {
		if c.birth == "" || len(c.words) == 0 {
			return ""
		}
		return strings.Join(c.words, " ") + "\x00" + c.birth
	})
	// Names: the distinct ones, the cards of each, then every pair of
	// cards under one name or two similar names whose birth dates agree.
	byName := map[string]int{}
	var names [][]string
	var holders [][]int
	for i, c := range cards {
		if len(c.words) == 0 {
			continue
		}
		k := strings.Join(c.words, " ")
		n, ok := byName[k]
		if !ok {
			n = len(names)
			byName[k] = n
			names = append(names, c.words)
			holders = append(holders, nil)
		}
		holders[n] = append(holders[n], i)
	}
	agree := func(a, b int) bool { return namesakesAgree(cards[a], cards[b]) }
	for _, hs := range holders {
		for x, a := range hs {
			for _, b := range hs[x+1:] {
				// The same name and birth date is name_birth already.
				if agree(a, b) && !(cards[a].birth != "" && cards[a].birth == cards[b].birth) {
					link(a, b, 4)
				}
			}
		}
	}
	for _, p := range similarNamePairs(names) {
		for _, a := range holders[p[0]] {
			for _, b := range holders[p[1]] {
				if agree(a, b) {
					link(a, b, 4)
				}
			}
		}
	}
	// Union-find over the links.
	parent := make([]int, len(cards))
	for i := range parent {
		parent[i] = i
	}
	var root func(int) int
	root = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, p := range order {
		ra, rb := root(p.a), root(p.b)
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	at := map[int]int{} // root → index in out
	var out []DuplicateGroup
	masks := []uint8{}
	slices.SortFunc(order, func(x, y pair) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	for _, p := range order {
		r := root(p.a)
		g, ok := at[r]
		if !ok {
			g = len(out)
			at[r] = g
			out = append(out, DuplicateGroup{})
			masks = append(masks, 0)
		}
		m := links[p]
		masks[g] |= m
		out[g].Links = append(out[g].Links, DuplicateLink{A: cards[p.a].id, B: cards[p.b].id, Reasons: reasonsOf(m)})
	}
	members := make([][]int, len(out))
	for i := range cards {
		if g, ok := at[root(i)]; ok {
			members[g] = append(members[g], i)
		}
	}
	for g := range out {
		out[g].Reasons = reasonsOf(masks[g])
		for _, i := range members[g] {
			out[g].Clients = append(out[g].Clients, Client{ID: cards[i].id})
		}
	}
	slices.SortFunc(out, func(x, y DuplicateGroup) int { return cmp.Compare(x.Clients[0].ID, y.Clients[0].ID) })
	return out
}

func reasonsOf(mask uint8) []string {
	var rs []string
	for i, r := range duplicateOrder {
		if mask&(1<<i) != 0 {
			rs = append(rs, r)
		}
	}
	return rs
}

// similarTo adds to found the live cards, other than exceptID and those
// found already, whose names are similar to in's and that agree with me,
// in's normalized phone, email and birth date ([namesakesAgree]).
func (db *DB) similarTo(ctx context.Context, in ClientInput, me dupCard, exceptID int64, found map[int64]*Duplicate) error {
	words := nameWords(in.FirstName, in.LastName)
	rows, err := db.r.QueryContext(ctx, `SELECT id, first_name, last_name, phone, email, birth_date FROM clients WHERE anonymized_at IS NULL AND id <> ?`, exceptID)
	if err != nil {
		return fmt.Errorf("store: similar names: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		var f, l string
		var c dupCard
		if err := rows.Scan(&id, &f, &l, &c.phone, &c.email, &c.birth); err != nil {
			rows.Close()
			return fmt.Errorf("store: similar names: %w", err)
		}
		if found[id] != nil || !namesakesAgree(me, c) {
			continue
		}
		if similarWords(words, nameWords(f, l)) {
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: similar names: %w", err)
	}
	if len(ids) == 0 {
		return nil
	}
	cs, err := db.clientsByID(ctx, ids)
	if err != nil {
		return err
	}
	for _, c := range cs {
		found[c.ID] = &Duplicate{Client: c, Reasons: []string{DuplicateSimilarName}}
	}
	return nil
}
