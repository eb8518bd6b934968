package privacy

import (
	"bytes"
	"context"
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
	Copies  int      `json:"copies,omitempty"`
	Found   int      `json:"found"`
	Skipped []string `json:"skipped,omitempty"`
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
// invoice in its statutory period carries it, and a name, phone or email
// that another live card also has.
func withoutLiveNamesakes(ctx context.Context, db *store.DB, former store.Client, traces []Trace) ([]Trace, error) {
	skip := map[string]bool{}
	invs, err := db.ClientInvoices(ctx, former.ID)
	if err != nil {
		return nil, err
	}
	for _, inv := range invs {
		if !inv.BuyerPurged {
			skip["name"] = true
		}
	}
	if former.Phone != "" || former.Email != "" {
		for _, q := range []string{former.Phone, former.Email} {
			if q == "" {
				continue
			}
			others, err := db.SearchClients(ctx, q, 5)
			if err != nil {
				return nil, err
			}
			for _, o := range others {
				if o.Phone == former.Phone && former.Phone != "" {
					skip["phone"] = true
				}
				if o.Email == former.Email && former.Email != "" {
					skip["email"] = true
				}
			}
		}
	}
	if former.LastName != "" {
		others, err := db.SearchClients(ctx, former.FirstName+" "+former.LastName, 50)
		if err != nil {
			return nil, err
		}
		for _, o := range others {
			if store.Fold(o.FirstName) == store.Fold(former.FirstName) && store.Fold(o.LastName) == store.Fold(former.LastName) {
				skip["name"] = true
			}
		}
	}
	var out []Trace
	for _, t := range traces {
		if !skip[t.Kind] {
			out = append(out, t)
		}
	}
	for _, k := range []string{"name", "phone", "email"} {
		if skip[k] {
			out = append(out, Trace{Kind: "skipped:" + k})
		}
	}
	return out, nil
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
	const pageSize = 4096
	var bytesRead int64
	err := db.ScanPlaintext(ctx, func(_ string, _ int64, b []byte) error {
		bytesRead += int64(len(b))
		for _, n := range needles {
			p.Found += bytes.Count(b, n)
		}
		return nil
	})
	if err != nil {
		return p, err
	}
	p.Pages = int(bytesRead / pageSize)
	own := filepath.Base(db.Path())
	count := func(b []byte) error {
		for _, n := range needles {
			p.Found += bytes.Count(b, n)
		}
		return nil
	}
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
			if ok, err := db.ScanSalonFile(path, count); ok {
				p.Files++
				p.Copies++
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			p.Files++
			return count(b)
		})
		if err != nil {
			return p, err
		}
	}
	return p, nil
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
