package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"kartoteka/store"
)

// columnMaps collects --map COLUMN=FIELD flags.
type columnMaps []string

func (m *columnMaps) String() string     { return strings.Join(*m, ",") }
func (m *columnMaps) Set(v string) error { *m = append(*m, v); return nil }

func setupImportClients(fs *flag.FlagSet) runFunc {
	dryRun := fs.Bool("dry-run", false, "check every row and report, writing nothing")
	encoding := fs.String("encoding", store.EncodingAuto, "the file's `ENCODING`: "+strings.Join(store.ImportEncodings, ", ")+
		"\n(auto: UTF-8 with or without BOM, else the code page that spells Polish, German or Danish best)")
	onDup := fs.String("on-duplicate", "", "what to do with a row that may be a client the salon has (same phone, email, or name\n"+
		"with nothing known that differs), a `POLICY`: skip; merge (into the one card it matches: its empty fields filled,\n"+
		"notes added, a consent the file states recorded where the card has none of its kind); or import (as a card of its own);\n"+
		"without it such rows refuse the import")
	var maps columnMaps
	fs.Var(&maps, "map", "read a column, named by its header or its number from 1 (`COLUMN=FIELD`), as FIELD: one of\n"+
		strings.Join(store.ImportFields, ", ")+", or none to leave it out; may be repeated")
	asJSON := fs.Bool("json", false, "print the report as JSON (line numbers, fields and card numbers, never a value)")
	return func(e *env, args []string) error {
		path, err := oneArg("import clients", "CSV file", args)
		if err != nil {
			return err
		}
		if !slices.Contains(store.ImportEncodings, *encoding) {
			return usagef("--encoding must be one of %s", strings.Join(store.ImportEncodings, ", "))
		}
		if *onDup != "" && *onDup != store.OnDuplicateSkip && *onDup != store.OnDuplicateMerge && *onDup != store.OnDuplicateImport {
			return usagef("--on-duplicate must be skip, merge or import")
		}
		return e.withDB(func(db *store.DB) error {
			data, err := store.ReadImportFile(db.Path(), path)
			if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
				return usagef("cannot read %s: %v", path, store.Bare(errors.Unwrap(err)))
			}
			if err != nil {
				return err
			}
			opts := store.ImportOptions{Encoding: *encoding, OnDuplicate: *onDup, DryRun: *dryRun}
			if len(maps) > 0 {
				// The header names the columns: read it first.
				rep, err := db.ImportClients(e.ctx, bytes.NewReader(data), store.ImportOptions{Encoding: *encoding, DryRun: true,
					Columns: map[int]string{}, OnDuplicate: store.OnDuplicateImport})
				if len(rep.Columns) == 0 {
					return err
				}
				if opts.Columns, err = columnChoices(maps, rep.Columns); err != nil {
					return err
				}
			}
			rep, err := db.ImportClients(e.ctx, bytes.NewReader(data), opts)
			return reportImport(e, rep, err, *dryRun, *asJSON)
		})
	}
}

// columnChoices turns --map flags into column indexes, by header (case and
// diacritics ignored) or by number from 1.
func columnChoices(maps []string, cols []store.ImportColumn) (map[int]string, error) {
	out := map[int]string{}
	for _, m := range maps {
		col, field, ok := strings.Cut(m, "=")
		col, field = strings.TrimSpace(col), strings.TrimSpace(field)
		if !ok || col == "" {
			return nil, usagef("--map takes HEADER=FIELD or N=FIELD (N: the column's number, from 1)")
		}
		if field == "none" {
			field = ""
		} else if !slices.Contains(store.ImportFields, field) {
			return nil, usagef("--map: the field must be one of %s, or none", strings.Join(store.ImportFields, ", "))
		}
		i := -1
		if n, err := strconv.Atoi(col); err == nil {
			if n < 1 || n > len(cols) {
				return nil, usagef("--map: the file has columns 1 to %d", len(cols))
			}
			i = n - 1
		} else {
			for _, c := range cols {
				if store.Fold(strings.TrimSpace(c.Header)) == store.Fold(col) {
					i = c.Index
					break
				}
			}
			if i < 0 {
				return nil, usagef("--map: the header has no column %q", col)
			}
		}
		out[i] = field
	}
	return out, nil
}

// importJSON is the report `import clients --json` prints.
type importJSON struct {
	DryRun     bool                 `json:"dry_run"`
	Encoding   string               `json:"encoding"`
	Separator  string               `json:"separator"`
	Columns    []store.ImportColumn `json:"columns"`
	Rows       int                  `json:"rows"`
	Imported   int                  `json:"imported"`
	Merged     int                  `json:"merged"`
	Skipped    int                  `json:"skipped"`
	Consents   int                  `json:"consents"`
	Rejected   []rejectedJSON       `json:"rejected"`
	Duplicates []duplicateRowJSON   `json:"duplicates"`
}

type rejectedJSON struct {
	Line   int    `json:"line"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

type duplicateRowJSON struct {
	Line        int                 `json:"line"`
	Action      string              `json:"action"`
	MergeInto   int64               `json:"merge_into,omitempty"`
	CannotMerge string              `json:"cannot_merge,omitempty"`
	Matches     []store.ImportMatch `json:"matches"`
}

// reportImport prints what an import did, would do, or why it refused.
func reportImport(e *env, rep store.ImportReport, err error, dryRun, asJSON bool) error {
	if err != nil && !errors.Is(err, store.ErrImportRejected) && !errors.Is(err, store.ErrImportDuplicates) {
		return err
	}
	dups := rep.Duplicates()
	if asJSON {
		j := importJSON{DryRun: dryRun, Encoding: rep.Encoding, Separator: rep.Separator, Columns: rep.Columns, Rows: rep.Rows,
			Imported: rep.Imported, Merged: rep.Merged, Skipped: rep.Skipped, Consents: rep.Consents, Rejected: []rejectedJSON{}, Duplicates: []duplicateRowJSON{}}
		for _, r := range rep.Rejected {
			j.Rejected = append(j.Rejected, rejectedJSON{Line: r.Line, Field: r.Field, Reason: rejectedReason(store.RejectedRow{Line: r.Line, Reason: r.Reason})})
		}
		for _, d := range dups {
			j.Duplicates = append(j.Duplicates, duplicateRowJSON{Line: d.Line, Action: d.Action, MergeInto: d.MergeInto, CannotMerge: d.CannotMerge, Matches: d.Duplicates})
		}
		if werr := writeJSON(e.stdout, j); werr != nil {
			return werr
		}
	} else {
		fmt.Fprintf(e.stderr, "read as %s, separated by %s; columns: %s\n", rep.Encoding, separatorName(rep.Separator), describeColumns(rep.Columns))
		for _, r := range rep.Rejected {
			fmt.Fprintf(e.stderr, "line %d: %s\n", r.Line, rejectedReason(r))
		}
		for _, d := range dups {
			fmt.Fprintf(e.stderr, "line %d: may be %s%s\n", d.Line, describeMatches(d.Duplicates), actionWords(d))
		}
	}
	switch {
	case errors.Is(err, store.ErrImportRejected):
		return usagef("%d of %d rows rejected; nothing was imported. Fix those lines and import the file again",
			len(rep.Rejected), rep.Rows)
	case errors.Is(err, store.ErrImportDuplicates):
		undecided := 0
		for _, d := range dups {
			if d.Action == "" {
				undecided++
			}
		}
		if undecided < len(dups) { // --on-duplicate merge: the rest can be merged
			return usagef("%s that may be a client the salon has cannot be merged (see above); nothing was imported. "+
				"Choose --on-duplicate skip or import for the file, or take those lines out", count(undecided, "row"))
		}
		return usagef("%d rows may be clients the salon already has; nothing was imported. Choose --on-duplicate skip, merge or import",
			len(dups))
	}
	if asJSON {
		return nil
	}
	if dryRun {
		fmt.Fprintf(e.stdout, "%d clients would be imported%s, %d skipped (dry run: nothing was written)\n",
			len(rep.Accepted)-rep.Skipped-rep.Merged, mergedWords(rep.Merged), rep.Skipped)
	} else {
		fmt.Fprintf(e.stdout, "%d clients imported%s, %d skipped, %d consent records (source: import)\n",
			rep.Imported, mergedWords(rep.Merged), rep.Skipped, rep.Consents)
	}
	return nil
}

// mergedWords is ", N merged into cards the salon has", or nothing when
// no row was merged (the line then reads as it always did).
func mergedWords(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d merged into cards the salon has", n)
}

func separatorName(s string) string {
	switch s {
	case "\t":
		return "tabs"
	case ";":
		return "semicolons"
	case ",":
		return "commas"
	}
	return strconv.Quote(s)
}

// describeColumns lists the mapping: "Imię → first_name, Uwagi2 → (left out)".
// Headers are the file's own words, not a client's data.
func describeColumns(cols []store.ImportColumn) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		f := c.Field
		if f == "" {
			f = "(left out)"
		}
		parts[i] = cell(c.Header) + " → " + f
	}
	return strings.Join(parts, ", ")
}

func describeMatches(ms []store.ImportMatch) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		who := fmt.Sprintf("client %d", m.Client)
		if m.Client == 0 {
			who = fmt.Sprintf("line %d", m.Line)
		}
		parts[i] = who + " (" + strings.Join(m.Reasons, ", ") + ")"
	}
	return strings.Join(parts, ", ")
}

func actionWords(row store.ImportRow) string {
	switch row.Action {
	case store.OnDuplicateSkip:
		return ": skipped"
	case store.OnDuplicateMerge:
		return fmt.Sprintf(": merged into client %d", row.MergeInto)
	case store.OnDuplicateImport:
		return ": imported anyway"
	}
	switch row.CannotMerge {
	case store.CannotMergeSeveral:
		return " (cannot be merged: it matches several cards)"
	case store.CannotMergeRow:
		return " (cannot be merged: it matches only earlier lines of the file)"
	case store.CannotMergeRestricted:
		return " (cannot be merged: the card is restricted)"
	case store.CannotMergeOtherName:
		return " (cannot be merged: the card has another name, so it may be someone sharing the phone or email)"
	}
	return ""
}

// rejectedReason words a rejected row as "FIELD: reason", from the rule the
// row broke and never from its values.
func rejectedReason(r store.RejectedRow) string {
	reason := "rejected"
	if r.Reason != nil {
		reason = clean(r.Reason.Error())
	}
	if r.Field == "" {
		return reason
	}
	return r.Field + ": " + reason
}
