package store

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ErrImportRejected means some rows of an import were refused; nothing was
// imported. The report lists each with its line and reason.
var ErrImportRejected = errors.New("some rows were rejected; nothing was imported")

// ErrBadCSV means the file is not a CSV with a header naming known columns.
var ErrBadCSV = errors.New("not a client CSV: a header row with first_name and last_name is needed")

// RejectedRow is one refused line of an import. Reason names the field and
// the rule, never the value.
type RejectedRow struct {
	Line   int    `json:"line"`
	Field  string `json:"field,omitempty"`
	Reason error  `json:"-"`
}

// ImportReport says what an import did or, dry, would do.
type ImportReport struct {
	Rows     int           `json:"rows"`
	Imported int           `json:"imported"`
	Rejected []RejectedRow `json:"rejected"`
}

// importColumns maps accepted header names (folded) to fields.
var importColumns = map[string]string{
	"first_name": "first_name", "firstname": "first_name", "first": "first_name",
	"last_name": "last_name", "lastname": "last_name", "last": "last_name",
	"phone": "phone", "email": "email", "birth_date": "birth_date", "birthdate": "birth_date",
	"address": "address", "language": "language", "notes": "notes",
}

// maxImportRows bounds one import; a salon has thousands of clients, not
// millions.
const maxImportRows = 200_000

// ImportClientsCSV reads clients from a CSV file with a header row (comma or
// semicolon separated, UTF-8, columns first_name, last_name, phone, email,
// birth_date, address, language, notes in any order). Every row is checked as
// [DB.CreateClient] would; if any is refused, nothing is imported and the
// error is [ErrImportRejected]. With dryRun nothing is written either way.
// Health notes are not imported: they need a consent recorded in person.
func (db *DB) ImportClientsCSV(ctx context.Context, r io.Reader, dryRun bool) (ImportReport, error) {
	var rep ImportReport
	rows, err := readClientCSV(r)
	if err != nil {
		return rep, err
	}
	salon, err := db.Salon(ctx)
	if err != nil {
		return rep, err
	}
	rep.Rows = len(rows)
	for _, row := range rows {
		if err := row.in.validateNew(salon.Country, db.now()); err != nil {
			rep.Rejected = append(rep.Rejected, rejection(row.line, err))
		}
	}
	if len(rep.Rejected) > 0 {
		return rep, ErrImportRejected
	}
	if dryRun {
		return rep, nil
	}
	err = db.Batch(ctx, "client.import", func(b *Batch) error {
		for _, row := range rows {
			if _, err := b.CreateClient(row.in); err != nil {
				return fmt.Errorf("store: import line %d: %w", row.line, err)
			}
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	rep.Imported = len(rows)
	return rep, nil
}

func rejection(line int, err error) RejectedRow {
	var fe *FieldError
	if errors.As(err, &fe) {
		return RejectedRow{Line: line, Field: fe.Field, Reason: fe.Err}
	}
	return RejectedRow{Line: line, Reason: err}
}

type csvRow struct {
	line int
	in   ClientInput
}

// readClientCSV parses the file; it only fails for a file that is not a
// client CSV at all.
func readClientCSV(r io.Reader) ([]csvRow, error) {
	data, err := io.ReadAll(io.LimitReader(r, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("store: read CSV: %w", err)
	}
	data = []byte(strings.TrimPrefix(string(data), "\ufeff"))
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%w (the file is not UTF-8)", ErrBadCSV)
	}
	firstLine, _, _ := strings.Cut(string(data), "\n")
	cr := csv.NewReader(strings.NewReader(string(data)))
	if strings.Count(firstLine, ";") > strings.Count(firstLine, ",") {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		return nil, ErrBadCSV
	}
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		key := strings.ReplaceAll(Fold(strings.TrimSpace(h)), " ", "_")
		cols[i] = importColumns[key]
		if cols[i] != "" && seen[cols[i]] {
			return nil, fmt.Errorf("%w (column %q twice)", ErrBadCSV, cols[i])
		}
		seen[cols[i]] = true
	}
	if !seen["first_name"] || !seen["last_name"] {
		return nil, ErrBadCSV
	}
	var rows []csvRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%w (line %d: %v)", ErrBadCSV, pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("%w: %v", ErrBadCSV, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rows) >= maxImportRows {
			return nil, fmt.Errorf("%w (more than %d rows)", ErrBadCSV, maxImportRows)
		}
		var in ClientInput
		for i, v := range rec {
			if i >= len(cols) {
				break
			}
			switch cols[i] {
			case "first_name":
				in.FirstName = v
			case "last_name":
				in.LastName = v
			case "phone":
				in.Phone = v
			case "email":
				in.Email = v
			case "birth_date":
				in.BirthDate = v
			case "address":
				in.Address = v
			case "language":
				in.Language = v
			case "notes":
				in.Notes = v
			}
		}
		rows = append(rows, csvRow{line: line, in: in})
	}
	return rows, nil
}
