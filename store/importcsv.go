package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// ErrImportRejected means some rows of an import were refused; nothing was
// imported. The report lists each with its line and reason.
var ErrImportRejected = errors.New("some rows were rejected; nothing was imported")

// ErrImportDuplicates means some rows may be clients the salon already has
// (or rows before them in the file), and nobody said what to do with them;
// nothing was imported. The report lists each with the cards it matches;
// [ImportOptions] OnDuplicate or Decisions say skip, merge or import.
var ErrImportDuplicates = errors.New("some rows may be clients the salon already has; nothing was imported")

// ErrBadCSV means the file is not a CSV with a header naming known columns.
var ErrBadCSV = errors.New("not a client CSV: a header row naming the first and last name (or the full name) is needed")

// What to do with a row that may be a client the salon has.
const (
	OnDuplicateSkip   = "skip"   // leave the row out
	OnDuplicateImport = "import" // import it anyway, as a card of its own
	// OnDuplicateMerge adds the row to the one card it matches: fields
	// the card leaves empty are filled, its notes get the row's, and a
	// consent the file states is recorded where the card has none of its
	// kind; nothing the card says is overwritten. See [ImportRow].MergeInto.
	OnDuplicateMerge = "merge"
)

// Why a row cannot be merged ([ImportRow].CannotMerge); it then needs
// skip or import.
const (
	CannotMergeSeveral    = "several_cards" // it matches more than one card
	CannotMergeRow        = "earlier_row"   // it matches only earlier rows of the file
	CannotMergeRestricted = "restricted"    // the card is restricted (Art. 18)
	CannotMergeOtherName  = "other_name"    // the card has another name: one sharing a phone or email
)

// RejectedRow is one refused line of an import. Reason names the field and
// the rule, never the value.
type RejectedRow struct {
	Line   int    `json:"line"`
	Field  string `json:"field,omitempty"`
	Reason error  `json:"-"`
}

// ImportOptions say how to read a file and what to do with its rows.
type ImportOptions struct {
	// Encoding is one of ImportEncodings; empty or auto detects it
	// ([DetectEncoding]).
	Encoding string
	// Columns are the owner's own mapping, by column index from 0: the
	// field (one of ImportFields) it fills, or "" to leave it out. Other
	// columns are recognised by their header.
	Columns map[int]string
	// OnDuplicate is what to do with every row that may be a client the
	// salon has: OnDuplicateSkip, OnDuplicateMerge or OnDuplicateImport;
	// empty: refuse the import ([ErrImportDuplicates]) until someone says.
	// Merge applies to the rows that can be merged; the others stay
	// undecided.
	OnDuplicate string
	// Decisions say it row by row, by line, before OnDuplicate.
	Decisions map[int]string
	// DryRun checks every row and reports, writing nothing.
	DryRun bool
}

// ImportMatch is a card, or an earlier row of the file, that a row may be
// the same person as.
type ImportMatch struct {
	Client  int64    `json:"client,omitempty"` // a live card
	Line    int      `json:"line,omitempty"`   // an earlier row of the file
	Reasons []string `json:"reasons"`          // DuplicatePhone, DuplicateEmail, DuplicateNameBirth, DuplicateName
}

// ImportRow is a row that passed every check, as it would be imported.
type ImportRow struct {
	Line int `json:"line"`
	// Client is the card the row makes, normalized (phone in E.164,
	// birth date YYYY-MM-DD); personal data, so never in JSON.
	Client ClientInput `json:"-"`
	// Consents are the marketing consents the file states, by kind:
	// recorded given or refused with channel "import". A kind the file
	// leaves empty is not here, and nothing is recorded for it.
	Consents map[string]bool `json:"consents,omitempty"`
	// Duplicates are who the row may be; Action is then what happens
	// to it: OnDuplicateSkip, OnDuplicateMerge, OnDuplicateImport, or ""
	// when undecided.
	Duplicates []ImportMatch `json:"duplicates,omitempty"`
	Action     string        `json:"action"`
	// MergeInto is the card a merge adds the row to: the one live card
	// it matches. CannotMerge says why a row that matches cannot be
	// merged (one of the CannotMerge constants).
	MergeInto   int64  `json:"merge_into,omitempty"`
	CannotMerge string `json:"cannot_merge,omitempty"`
}

// ImportReport says what an import did or, dry, would do: how the file was
// read, every row that would be imported, and every rejected one.
type ImportReport struct {
	Encoding  string         `json:"encoding"`
	Separator string         `json:"separator"`
	Columns   []ImportColumn `json:"columns"`
	Rows      int            `json:"rows"`
	Imported  int            `json:"imported"`
	Merged    int            `json:"merged"` // rows added to cards the salon had
	Skipped   int            `json:"skipped"`
	Consents  int            `json:"consents"` // consent records written
	Rejected  []RejectedRow  `json:"rejected"`
	Accepted  []ImportRow    `json:"accepted"`
}

// Duplicates lists the accepted rows that may be clients the salon has.
func (r ImportReport) Duplicates() []ImportRow {
	var out []ImportRow
	for _, row := range r.Accepted {
		if len(row.Duplicates) > 0 {
			out = append(out, row)
		}
	}
	return out
}

// maxImportRows bounds one import; a salon has thousands of clients, not
// millions.
const maxImportRows = 200_000

// ImportClientsCSV imports every row of a client file as [DB.ImportClients]
// does, with duplicates imported as cards of their own.
func (db *DB) ImportClientsCSV(ctx context.Context, r io.Reader, dryRun bool) (ImportReport, error) {
	return db.ImportClients(ctx, r, ImportOptions{DryRun: dryRun, OnDuplicate: OnDuplicateImport})
}

// ImportClients reads clients from a file with a header row, all or
// nothing:
//
//   - the encoding is UTF-8 (with or without a byte-order mark), UTF-16
//     with one, cp1250, cp1252, ISO-8859-2 or ISO-8859-15, as
//     opts.Encoding says or as detected ([DetectEncoding]);
//   - the separator is ';', ',' or tab, whichever the header uses most,
//     or as a first line "sep=;" says;
//   - the header is read in English, Polish, German or Danish (Imię,
//     Nazwisko, Telefon, E-mail, Data urodzenia; Vorname, Nachname,
//     E-Mail, Geburtsdatum; Fornavn, Efternavn, Fødselsdato…; case and
//     diacritics ignored), or mapped by hand (opts.Columns);
//   - dates are read as [importDate] says (1985-03-15, 15.03.1985,
//     15/03/1985; day first, and a column written month first refused);
//   - a marketing consent is recorded only where the file states it (yes
//     or no), with channel "import", never assumed from silence.
//
// Every row is checked as [DB.CreateClient] would; if any is refused,
// nothing is imported and the error is [ErrImportRejected], the report
// listing each with its line and reason. Every accepted row is checked
// against the live cards, and against the rows before it, for the same
// phone, email, or name (with the same birth date, or nothing known that
// differs); one that matches is skipped or imported as opts say, and when
// they do not say, nothing is imported and the error is
// [ErrImportDuplicates]. With opts.DryRun nothing is written either way.
// Health notes are never imported: they need a consent recorded in person.
// The import is one audit event, client.import, with counts; each card a
// row is merged into gets a client.update of its own, in its history.
func (db *DB) ImportClients(ctx context.Context, r io.Reader, opts ImportOptions) (ImportReport, error) {
	var rep ImportReport
	if err := oneOf("on_duplicate", opts.OnDuplicate, "", OnDuplicateSkip, OnDuplicateMerge, OnDuplicateImport); err != nil {
		return rep, err
	}
	for _, d := range opts.Decisions {
		if err := oneOf("decision", d, OnDuplicateSkip, OnDuplicateMerge, OnDuplicateImport); err != nil {
			return rep, err
		}
	}
	data, err := readImport(r)
	if err != nil {
		return rep, err
	}
	salon, err := db.Salon(ctx)
	if err != nil {
		return rep, err
	}
	text, enc, err := decodeImport(data, opts.Encoding, salon.Country)
	rep.Encoding = enc
	if err != nil {
		return rep, err
	}
	sep, header, records, lines, err := parseTable(text)
	rep.Separator = string(sep)
	if err != nil {
		return rep, err
	}
	if rep.Columns, err = recogniseColumns(header, opts.Columns); err != nil {
		return rep, err
	}
	rep.Rows = len(records)
	if rep.Rows == 0 {
		return rep, ErrImportEmpty
	}
	rows := readRows(rep.Columns, records, lines, &rep, salon.Country, db.now())
	if len(rep.Rejected) > 0 {
		return rep, ErrImportRejected
	}
	decide := func(q reader) error {
		idx, err := liveCardIndex(ctx, q)
		if err != nil {
			return err
		}
		rep.Accepted, rep.Skipped, rep.Merged = rows, 0, 0
		undecided := 0
		for i := range rep.Accepted {
			row := &rep.Accepted[i]
			row.Duplicates = idx.matches(row.Client)
			row.Action = OnDuplicateImport
			if len(row.Duplicates) > 0 {
				row.MergeInto, row.CannotMerge = idx.mergeTarget(row.Client, row.Duplicates)
				row.Action = opts.OnDuplicate
				if d, ok := opts.Decisions[row.Line]; ok {
					row.Action = d
				}
				if row.Action == OnDuplicateMerge && row.CannotMerge != "" {
					row.Action = ""
				}
			}
			switch row.Action {
			case "":
				undecided++
			case OnDuplicateSkip:
				rep.Skipped++
			case OnDuplicateMerge:
				rep.Merged++
			}
			// Later rows are checked against this one too, whatever
			// becomes of it.
			idx.add(row.Client, 0, row.Line)
		}
		if undecided > 0 {
			return ErrImportDuplicates
		}
		return nil
	}
	if opts.DryRun {
		return rep, decide(db.r)
	}
	err = db.Batch(ctx, "client.import", func(b *Batch) error {
		if err := decide(b.tx); err != nil {
			return err
		}
		rep.Consents = 0
		for _, row := range rep.Accepted {
			switch row.Action {
			case OnDuplicateSkip:
				continue
			case OnDuplicateMerge:
				n, err := b.mergeImportRow(row)
				if err != nil {
					return fmt.Errorf("store: import line %d: %w", row.Line, err)
				}
				rep.Consents += n
				continue
			}
			id, err := b.CreateClient(row.Client)
			if err != nil {
				return fmt.Errorf("store: import line %d: %w", row.Line, err)
			}
			for _, kind := range []string{ConsentMarketingEmail, ConsentMarketingSMS} {
				if given, ok := row.Consents[kind]; ok {
					if err := b.insertConsent(id, kind, given, ChannelImport, ""); err != nil {
						return err
					}
					rep.Consents++
				}
			}
		}
		if rep.Skipped > 0 {
			b.counts["skipped"] = rep.Skipped
		}
		if rep.Merged > 0 {
			b.counts["merged"] = rep.Merged
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	rep.Imported = len(rep.Accepted) - rep.Skipped - rep.Merged
	return rep, nil
}

// readRows makes each record a card, as the columns say, checking it as
// CreateClient would; refused rows go into rep.Rejected.
func readRows(cols []ImportColumn, records [][]string, lines []int, rep *ImportReport, country string, now time.Time) []ImportRow {
	monthFirst := map[int]bool{}
	for _, c := range cols {
		if c.Field == FieldBirthDate {
			var vals []string
			for _, rec := range records {
				if c.Index < len(rec) {
					vals = append(vals, rec[c.Index])
				}
			}
			monthFirst[c.Index] = monthFirstColumn(vals)
		}
	}
	var rows []ImportRow
	for n, rec := range records {
		row := ImportRow{Line: lines[n]}
		in := &row.Client
		var street, postal, city string
		var refused error // the first reason is enough
		refuse := func(err error) {
			if refused == nil {
				refused = err
			}
		}
		for _, c := range cols {
			if c.Field == "" || c.Index >= len(rec) {
				continue
			}
			v := rec[c.Index]
			var err error
			switch c.Field {
			case FieldFirstName:
				in.FirstName = v
			case FieldLastName:
				in.LastName = v
			case FieldFullName:
				in.FirstName, in.LastName = splitFullName(v)
			case FieldPhone:
				in.Phone = v
			case FieldEmail:
				in.Email = v
			case FieldBirthDate:
				in.BirthDate, err = importDate(v, monthFirst[c.Index])
			case FieldAddress:
				street = v
			case FieldPostalCode:
				postal = v
			case FieldCity:
				city = v
			case FieldLanguage:
				in.Language, err = importLanguage(v)
			case FieldNotes:
				in.Notes = v
			case FieldConsentEmail, FieldConsentSMS:
				var given, stated bool
				if given, stated, err = yesNo(c.Field, v); stated {
					if row.Consents == nil {
						row.Consents = map[string]bool{}
					}
					row.Consents[c.Field] = given
				}
			}
			if err != nil {
				refuse(err)
			}
		}
		in.Address = joinAddress(street, postal, city)
		if refused == nil {
			refuse(in.validateNew(country, now))
		}
		if refused != nil {
			rep.Rejected = append(rep.Rejected, rejection(row.Line, refused))
			continue
		}
		rows = append(rows, row)
	}
	return rows
}

func rejection(line int, err error) RejectedRow {
	var fe *FieldError
	if errors.As(err, &fe) {
		return RejectedRow{Line: line, Field: fe.Field, Reason: fe.Err}
	}
	return RejectedRow{Line: line, Reason: err}
}

// cardIndex finds the live cards, and the rows so far, a row may be.
type cardIndex struct {
	phone, email, name map[string][]indexed
	restricted         map[int64]bool     // the restricted live cards
	names              map[int64][]string // each live card's name, as nameWords makes it
}

type indexed struct {
	id, line            int64
	phone, email, birth string
}

func (x *cardIndex) add(in ClientInput, id int64, line int) {
	e := indexed{id: id, line: int64(line), phone: in.Phone, email: in.Email, birth: in.BirthDate}
	if in.Phone != "" {
		x.phone[in.Phone] = append(x.phone[in.Phone], e)
	}
	if in.Email != "" {
		x.email[in.Email] = append(x.email[in.Email], e)
	}
	words := nameWords(in.FirstName, in.LastName)
	if k := strings.Join(words, " "); k != "" {
		x.name[k] = append(x.name[k], e)
	}
	if id != 0 {
		x.names[id] = words
	}
}

// liveCardIndex reads the live cards through q (the import's transaction,
// or the readers for a dry run).
func liveCardIndex(ctx context.Context, q reader) (*cardIndex, error) {
	x := &cardIndex{phone: map[string][]indexed{}, email: map[string][]indexed{}, name: map[string][]indexed{}, restricted: map[int64]bool{},
		names: map[int64][]string{}}
	rows, err := q.QueryContext(ctx, `SELECT id, first_name, last_name, phone, email, birth_date, restricted FROM clients WHERE anonymized_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("store: import: read the cards: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var in ClientInput
		var restricted bool
		if err := rows.Scan(&id, &in.FirstName, &in.LastName, &in.Phone, &in.Email, &in.BirthDate, &restricted); err != nil {
			return nil, fmt.Errorf("store: import: read the cards: %w", err)
		}
		x.add(in, id, 0)
		if restricted {
			x.restricted[id] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: import: read the cards: %w", err)
	}
	return x, nil
}

// matches lists who in may be: the same phone, the same email, the same
// name and birth date, or the same name with nothing known that differs
// (phone, email, birth date).
func (x *cardIndex) matches(in ClientInput) []ImportMatch {
	type key struct{ id, line int64 }
	found := map[key][]string{}
	var order []key
	note := func(e indexed, reason string) {
		k := key{e.id, e.line}
		if _, ok := found[k]; !ok {
			order = append(order, k)
		}
		if !slices.Contains(found[k], reason) {
			found[k] = append(found[k], reason)
		}
	}
	for _, e := range x.phone[in.Phone] {
		note(e, DuplicatePhone)
	}
	for _, e := range x.email[in.Email] {
		note(e, DuplicateEmail)
	}
	differ := func(a, b string) bool { return a != "" && b != "" && a != b }
	if k := strings.Join(nameWords(in.FirstName, in.LastName), " "); k != "" {
		for _, e := range x.name[k] {
			switch {
			case in.BirthDate != "" && e.birth == in.BirthDate:
				note(e, DuplicateNameBirth)
			case !differ(e.birth, in.BirthDate) && !differ(e.phone, in.Phone) && !differ(e.email, in.Email):
				note(e, DuplicateName)
			}
		}
	}
	out := make([]ImportMatch, 0, len(order))
	for _, k := range order {
		out = append(out, ImportMatch{Client: k.id, Line: int(k.line), Reasons: found[k]})
	}
	return out
}
