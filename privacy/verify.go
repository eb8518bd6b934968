package privacy

import (
	"bytes"
	"context"
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"kartoteka/store"
)

// Trace is one form in which a client's data could be stored: Kind says
// what it is ("name", "phone", "email"), never the value.
type Trace struct {
	Kind  string
	Value string
}

// Proof is the outcome of [VerifyErased]: how many pages of the database
// and WAL were read, how many traces were found there or in the app's
// folders, and which kinds were not searched because the data lawfully
// stays (on an invoice, or on another card of the same person).
type Proof struct {
	Pages int `json:"pages"`
	Files int `json:"files"`
	// Copies counts the salon's own encrypted copies found in the folders
	// (a restore's safety copy), read decrypted like the database.
	Copies int `json:"copies,omitempty"`
	Found  int `json:"found"`
	// FoundIn names the files in the folders, other than the database and
	// its WAL, where traces were found: copies of the salon or exports the
	// app did not make (or no longer knows of), which the owner must delete
	// for the erasure to be whole. Base names only.
	FoundIn []string `json:"found_in,omitempty"`
	Skipped []string `json:"skipped,omitempty"`
	// Rewritten says a first pass found traces and every page of the file
	// was rebuilt from its live content ([store.DB.Rewrite]) before this
	// second pass: bytes a deletion left in a page's unused space.
	Rewritten bool `json:"rewritten,omitempty"`
}

// TracesOf lists the forms a client's name, phone and email take in the
// file: as typed, as SQLite stores adjacent columns, folded as the search
// index and sort key keep them, and the phone's digits.
func TracesOf(c store.Client) []Trace {
	var t []Trace
	add := func(kind string, vals ...string) {
		for _, v := range vals {
			if len([]rune(v)) >= 5 {
				t = append(t, Trace{kind, v})
			}
		}
	}
	if c.FirstName != "" && c.LastName != "" {
		fl, ff := store.Fold(c.LastName), store.Fold(c.FirstName)
		add("name", c.FirstName+c.LastName, c.FirstName+" "+c.LastName, ff+" "+fl, fl+"\x00"+ff)
	}
	if c.Phone != "" {
		digits := strings.TrimPrefix(c.Phone, "+")
		add("phone", c.Phone, digits)
		if n, err := store.NationalNumber(c.Phone); err == nil {
			add("phone", n)
		}
	}
	if c.Email != "" {
		add("email", c.Email, store.Fold(c.Email))
	}
	return dedupe(t)
}

func dedupe(t []Trace) []Trace {
	seen := map[string]bool{}
	var out []Trace
	for _, x := range t {
		if !seen[x.Value] {
			seen[x.Value] = true
			out = append(out, x)
		}
	}
	return out
}

// withoutLiveNamesakes drops traces that lawfully remain: the name while an
// invoice of the client's in its statutory period carries it, what the
// buyer of any such invoice says, and any form of the name,
// phone or email that a live card holds too — the same, or within its own
// ("Anna Nowak" within "Anna Nowakowska", "z.wrobel@example.com" within
// "dariusz.wrobel@example.com"), for it is there by right and searching it
// would find that card. A kind not (wholly) searched is marked
// "skipped:KIND".
func withoutLiveNamesakes(ctx context.Context, db *store.DB, former store.Client, traces []Trace) ([]Trace, error) {
	invs, err := db.ClientInvoices(ctx, former.ID)
	if err != nil {
		return nil, err
	}
	out, err := lawfullyKept(ctx, db, map[int64][]Trace{former.ID: traces}, map[int64][]store.Invoice{former.ID: invs})
	return out[former.ID], err
}

// lawfullyKept is withoutLiveNamesakes for many former clients at once,
// each with their traces and their invoices (a merge has moved them to the
// kept card), the live cards read once.
func lawfullyKept(ctx context.Context, db *store.DB, traces map[int64][]Trace, invoices map[int64][]store.Invoice) (map[int64][]Trace, error) {
	held, err := heldByLive(ctx, db, traces)
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]Trace, len(traces))
	for id, ts := range traces {
		skip := map[string]bool{}
		for _, inv := range invoices[id] {
			if !inv.BuyerPurged {
				skip["name"] = true
			}
		}
		var kept []Trace
		for i, t := range ts {
			switch {
			case skip[t.Kind]:
			case held[id][i]:
				skip[t.Kind] = true // partly: the rest of the kind is still searched
			default:
				kept = append(kept, t)
			}
		}
		for _, k := range []string{"name", "phone", "email"} {
			if skip[k] {
				kept = append(kept, Trace{Kind: "skipped:" + k})
			}
		}
		out[id] = kept
	}
	return out, nil
}

// heldByLive marks, client by client, the traces that are part of what a
// live card holds — the forms TracesOf makes of its name, phone and email,
// which is how the card's own rows and index entries store them — or of
// the buyer on an invoice still in its statutory period, the name of a
// staff member, or the salon's own name, address and privacy contact.
func heldByLive(ctx context.Context, db *store.DB, traces map[int64][]Trace) (map[int64][]bool, error) {
	type ref struct {
		id int64
		i  int
	}
	var refs []ref
	var ns needleSet
	out := make(map[int64][]bool, len(traces))
	for id, ts := range traces {
		out[id] = make([]bool, len(ts))
		for i, t := range ts {
			ns.add([]byte(t.Value), int64(len(refs)))
			refs = append(refs, ref{id, i})
		}
	}
	if len(refs) == 0 {
		return out, nil
	}
	n, err := db.LiveClientCount(ctx)
	if err != nil {
		return nil, err
	}
	live, err := db.LiveClients(ctx, 0, n)
	if err != nil {
		return nil, err
	}
	var forms bytes.Buffer
	for _, c := range live {
		for _, t := range TracesOf(c) {
			forms.WriteString(t.Value)
			forms.WriteByte(0xff) // never in UTF-8: no trace spans two forms
		}
	}
	// The buyers of invoices in their statutory period, on any card.
	buyers, err := db.InvoiceBuyers(ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range buyers {
		forms.WriteString(b)
		forms.WriteByte(0xff)
	}
	// The salon's own people and details: a client may share a name with
	// a stylist, or with the owner whose name the salon carries.
	team, err := db.StaffMembers(ctx)
	if err != nil {
		return nil, err
	}
	salon, err := db.Salon(ctx)
	if err != nil {
		return nil, err
	}
	for _, v := range []string{salon.Name, salon.Address, salon.PrivacyContact} {
		forms.WriteString(v)
		forms.WriteByte(0xff)
	}
	for _, m := range team {
		forms.WriteString(m.Name)
		forms.WriteByte(0xff)
	}
	found := map[int64]int{}
	ns.count(forms.Bytes(), found)
	for k := range found {
		r := refs[k]
		out[r.id][r.i] = true
	}
	return out, nil
}

// proveErased is VerifyErased that, when it finds a trace, rewrites the
// database ([store.DB.Rewrite]) and looks again: only what survives that is
// a failure.
func proveErased(ctx context.Context, db *store.DB, traces []Trace, dirs []string) (Proof, error) {
	p, err := VerifyErased(ctx, db, traces, dirs)
	if err != nil || p.Found == 0 {
		return p, err
	}
	if err := db.Rewrite(ctx); err != nil {
		return p, err
	}
	p, err = VerifyErased(ctx, db, traces, dirs)
	p.Rewritten = true
	return p, err
}

// VerifyErased reads every page of the database and its WAL through the
// decryption, free pages included, and every file in dirs (the data folder
// and the app's own folders), and counts the places where any trace is
// found. A file in dirs that is an encrypted copy of this salon (a
// restore's safety copy) is read decrypted, as the database is; every other
// file as it is. Zero is the only acceptable answer.
func VerifyErased(ctx context.Context, db *store.DB, traces []Trace, dirs []string) (Proof, error) {
	var p Proof
	var needles [][]byte
	for _, t := range traces {
		if k, ok := strings.CutPrefix(t.Kind, "skipped:"); ok {
			p.Skipped = append(p.Skipped, k)
			continue
		}
		needles = append(needles, []byte(t.Value))
	}
	err := scanEverywhere(ctx, db, dirs, &p, func(b []byte) int {
		found := 0
		for _, n := range needles {
			found += bytes.Count(b, n)
		}
		p.Found += found
		return found
	})
	return p, err
}

// scanEverywhere calls count with every page of the database and its WAL,
// decrypted, and with every file in dirs (an encrypted copy of the salon
// decrypted too), counting pages, files and copies into p, and naming in
// p.FoundIn the files of dirs where count found something.
func scanEverywhere(ctx context.Context, db *store.DB, dirs []string, p *Proof, count func(b []byte) int) error {
	const pageSize = 4096
	var bytesRead int64
	err := db.ScanPlaintext(ctx, func(_ string, _ int64, b []byte) error {
		bytesRead += int64(len(b))
		count(b)
		return nil
	})
	if err != nil {
		return err
	}
	p.Pages = int(bytesRead / pageSize)
	own := filepath.Base(db.Path())
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			if d.Name() == own || d.Name() == own+"-wal" {
				if fi, err := os.Stat(path); err == nil && samePath(fi, db.Path()) {
					return nil // read above, decrypted
				}
			}
			found := 0
			counted := func(b []byte) error {
				found += count(b)
				return nil
			}
			defer func() {
				if found > 0 {
					p.FoundIn = append(p.FoundIn, d.Name())
				}
			}()
			if ok, err := db.ScanSalonFile(path, counted); ok {
				p.Files++
				p.Copies++
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			p.Files++
			counted(b)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// verifyMany is VerifyErased for many clients at once, in one pass over the
// file and the folders: the traces of each client (as withoutLiveNamesakes
// leaves them) are looked for together, and each client's proof counts
// what was found of theirs. Pages, files and copies are the pass's.
func verifyMany(ctx context.Context, db *store.DB, traces map[int64][]Trace, dirs []string) (map[int64]Proof, Proof, error) {
	proofs := make(map[int64]Proof, len(traces))
	var ns needleSet
	for id, ts := range traces {
		var p Proof
		for _, t := range ts {
			if k, ok := strings.CutPrefix(t.Kind, "skipped:"); ok {
				p.Skipped = append(p.Skipped, k)
				continue
			}
			ns.add([]byte(t.Value), id)
		}
		proofs[id] = p
	}
	var total Proof
	found := map[int64]int{}
	err := scanEverywhere(ctx, db, dirs, &total, func(b []byte) int { return ns.count(b, found) })
	if err == nil && len(found) > 0 {
		// Bytes a page rebuild left behind: rewrite every page, look again.
		if err := db.Rewrite(ctx); err != nil {
			return nil, total, err
		}
		total, found = Proof{Rewritten: true}, map[int64]int{}
		err = scanEverywhere(ctx, db, dirs, &total, func(b []byte) int { return ns.count(b, found) })
	}
	for id, p := range proofs {
		p.Pages, p.Files, p.Copies, p.Found, p.Rewritten = total.Pages, total.Files, total.Copies, found[id], total.Rewritten
		if p.Found > 0 {
			p.FoundIn = total.FoundIn // the pass's: a file is not told apart by client
		}
		proofs[id] = p
		total.Found += found[id]
	}
	return proofs, total, err
}

// needleSet finds many needles (of 5 bytes or more, as TracesOf makes
// them) in one pass: each position's first four bytes are looked up among
// the needles' beginnings, so a page costs about its length, not its
// length times the number of needles.
type needleSet struct {
	byHead map[uint32][]needle
	first  [256]bool // the first bytes of the needles, a quick filter
}

type needle struct {
	b     []byte
	owner int64
}

func (s *needleSet) add(b []byte, owner int64) {
	if len(b) < 4 {
		return // TracesOf never makes one; searching it would find noise
	}
	if s.byHead == nil {
		s.byHead = map[uint32][]needle{}
	}
	h := binary.LittleEndian.Uint32(b)
	s.byHead[h] = append(s.byHead[h], needle{b, owner})
	s.first[b[0]] = true
}

// count adds each needle's occurrences in b to found, by owner, and says
// how many it found.
func (s *needleSet) count(b []byte, found map[int64]int) int {
	if len(s.byHead) == 0 {
		return 0
	}
	total := 0
	for i := 0; i+4 <= len(b); i++ {
		if !s.first[b[i]] {
			continue
		}
		for _, n := range s.byHead[binary.LittleEndian.Uint32(b[i:])] {
			if bytes.HasPrefix(b[i:], n.b) {
				found[n.owner]++
				total++
			}
		}
	}
	return total
}

// samePath reports whether fi is the file at path, or its WAL.
func samePath(fi fs.FileInfo, path string) bool {
	for _, p := range []string{path, path + "-wal"} {
		if o, err := os.Stat(p); err == nil && os.SameFile(fi, o) {
			return true
		}
	}
	return false
}
