package privacy

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"kartoteka/store"
)

// Mailing-list channels, and the consent each needs.
const (
	ChannelEmail = "email"
	ChannelSMS   = "sms"
)

// List file formats.
const (
	FormatCSV   = "csv" // UTF-8 with a byte-order mark, so Excel reads the letters right; comma separated
	FormatVCard = "vcf" // vCard 3.0, one card per client
)

// consentOf is the consent a channel's mailing list needs.
func consentOf(channel string) (string, error) {
	switch channel {
	case ChannelEmail:
		return store.ConsentMarketingEmail, nil
	case ChannelSMS:
		return store.ConsentMarketingSMS, nil
	}
	return "", &store.FieldError{Field: "channel", Err: fmt.Errorf("%w: %s, %s", store.ErrInvalidChoice, ChannelEmail, ChannelSMS)}
}

// MailingList lists who a marketing message through channel (ChannelEmail
// or ChannelSMS) may go to: the live clients, not restricted, whose consent
// for it is in force now (the newest record gives it) and who have an
// address for it; never a forgotten client, a restricted one (GDPR Art.
// 18), one who withdrew or never gave the consent. By name.
func MailingList(ctx context.Context, db *store.DB, channel string) ([]store.Client, error) {
	kind, err := consentOf(channel)
	if err != nil {
		return nil, err
	}
	if err := db.Require(ctx, store.PermExport); err != nil {
		return nil, err
	}
	return db.MarketingAudience(store.CheckedFlow(ctx), kind)
}

// MailingListFileName is the file name offered for a mailing list: the
// channel and the day, as "mailing-list-email-2026-12-02.csv".
func MailingListFileName(channel, format string, day time.Time) string {
	return fmt.Sprintf("mailing-list-%s-%s.%s", channel, day.Format(time.DateOnly), format)
}

// ClientListFileName is the file name offered for the client list:
// "clients-2026-12-02.csv".
func ClientListFileName(day time.Time) string {
	return fmt.Sprintf("clients-%s.csv", day.Format(time.DateOnly))
}

// WriteMailingList writes the mailing list of channel ([MailingList]) to
// path, as CSV (columns name, email or phone, language) or vCard 3.0,
// atomically, and records it in the audit log as mailing_list.export with
// the count by channel and no name. Like the client exports, it refuses a
// path in the data folder ([ErrExportInDataFolder]) and outputs
// [store.CheckOutputs] refuses, before writing anything. It returns how
// many clients the list holds (zero makes an empty list, with its header).
func WriteMailingList(ctx context.Context, db *store.DB, channel, format, path string) (int, error) {
	clients, err := MailingList(ctx, db, channel)
	if err != nil {
		return 0, err
	}
	address := func(c store.Client) string { return c.Email }
	if channel == ChannelSMS {
		address = func(c store.Client) string { return c.Phone }
	}
	var write func(io.Writer) error
	switch format {
	case FormatCSV:
		write = func(w io.Writer) error {
			rows := [][]string{{"name", channelColumn(channel), "language"}}
			for _, c := range clients {
				rows = append(rows, []string{fullName(c), address(c), c.Language})
			}
			return writeCSV(w, rows)
		}
	case FormatVCard:
		write = func(w io.Writer) error { return writeVCards(w, clients, channel, address) }
	default:
		return 0, &store.FieldError{Field: "format", Err: fmt.Errorf("%w: %s, %s", store.ErrInvalidChoice, FormatCSV, FormatVCard)}
	}
	err = writeList(ctx, db, path, "mailing list", write, func() error {
		return db.RecordListExport(ctx, store.ListMailing, map[string]int{channel: len(clients)})
	})
	return len(clients), err
}

func channelColumn(channel string) string {
	if channel == ChannelSMS {
		return "phone"
	}
	return "email"
}

// ClientListSummary says what a client list export wrote.
type ClientListSummary struct {
	Clients int // rows written
	// Restricted counts the restricted clients left out: their data is
	// only stored (GDPR Art. 18), not copied into a list.
	Restricted int
}

// WriteClientList writes the clients given (the list the owner sees; the
// live ones, for anonymized cards hold nothing) as CSV to path, for the
// owner's own records: number, names, phone, email, birth date, address,
// language, when the card was made, the last visit, and the marketing
// consents in force. Restricted clients are left out and counted; notes and
// health notes are never written. The file is written atomically, not into
// the data folder, and recorded in the audit log as client_list.export with
// the count. The person acting needs export and clients.view.
func WriteClientList(ctx context.Context, db *store.DB, clients []store.Client, path string) (ClientListSummary, error) {
	var sum ClientListSummary
	if err := db.Require(ctx, store.PermExport); err != nil {
		return sum, err
	}
	if err := db.Require(ctx, store.PermClientsView); err != nil {
		return sum, err
	}
	consents, err := db.CurrentConsentsOf(store.CheckedFlow(ctx))
	if err != nil {
		return sum, err
	}
	rows := [][]string{{"id", "first_name", "last_name", "phone", "email", "birth_date", "address", "language", "created",
		"last_visit", "marketing_email", "marketing_sms"}}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Local().Format(time.DateOnly)
	}
	for _, c := range clients {
		switch {
		case c.Anonymized:
			continue
		case c.Restricted:
			sum.Restricted++
			continue
		}
		now := consents[c.ID]
		rows = append(rows, []string{strconv.FormatInt(c.ID, 10), c.FirstName, c.LastName, c.Phone, c.Email, c.BirthDate,
			c.Address, c.Language, day(c.CreatedAt), day(c.LastVisit), yes(now[store.ConsentMarketingEmail]), yes(now[store.ConsentMarketingSMS])})
		sum.Clients++
	}
	err = writeList(ctx, db, path, "client list", func(w io.Writer) error { return writeCSV(w, rows) }, func() error {
		return db.RecordListExport(ctx, store.ListClients, map[string]int{"clients": sum.Clients, "restricted_left_out": sum.Restricted})
	})
	return sum, err
}

// writeList checks path, writes the file atomically, then audits it; when
// the audit cannot be written the file is removed, so no list leaves the
// salon unrecorded.
func writeList(ctx context.Context, db *store.DB, path, what string, write func(io.Writer) error, audit func() error) error {
	if err := store.CheckOutputs(db.Path(), path); err != nil {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("privacy: %s path: %w", what, store.Bare(err))
	}
	if inDataFolder(abs, db.Path()) {
		return ErrExportInDataFolder
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := writeAtomic(abs, what, write); err != nil {
		return err
	}
	if err := audit(); err != nil {
		os.Remove(abs)
		return err
	}
	return nil
}

// writeCSV writes rows as Excel opens them: UTF-8 with a byte-order mark,
// commas, CRLF; a cell a spreadsheet would run as a formula (=, @, or + and
// - before anything but a number) gets a leading apostrophe.
func writeCSV(w io.Writer, rows [][]string) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	for _, r := range rows {
		for i, v := range r {
			r[i] = inertCell(v)
		}
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// inertCell keeps a spreadsheet from running a cell as a formula.
func inertCell(v string) string {
	if v == "" {
		return v
	}
	switch v[0] {
	case '=', '@', '\t', '\r':
		return "'" + v
	case '+', '-':
		if _, err := strconv.ParseFloat(strings.ReplaceAll(v[1:], " ", ""), 64); err != nil {
			return "'" + v
		}
	}
	return v
}

func fullName(c store.Client) string { return strings.TrimSpace(c.FirstName + " " + c.LastName) }

// writeVCards writes one vCard 3.0 per client: N, FN, and EMAIL or TEL
// (with the language as X-KARTOTEKA-LANGUAGE, which 3.0 has no property
// for), lines folded at 75 bytes, CRLF.
func writeVCards(w io.Writer, clients []store.Client, channel string, address func(store.Client) string) error {
	bw := bufio.NewWriter(w)
	for _, c := range clients {
		lines := []string{"BEGIN:VCARD", "VERSION:3.0",
			"N:" + vcardText(c.LastName) + ";" + vcardText(c.FirstName) + ";;;",
			"FN:" + vcardText(fullName(c))}
		if channel == ChannelSMS {
			lines = append(lines, "TEL;TYPE=CELL:"+vcardText(address(c)))
		} else {
			lines = append(lines, "EMAIL;TYPE=INTERNET:"+vcardText(address(c)))
		}
		if c.Language != "" {
			lines = append(lines, "X-KARTOTEKA-LANGUAGE:"+vcardText(c.Language))
		}
		lines = append(lines, "END:VCARD")
		for _, l := range lines {
			bw.WriteString(foldLine(l))
		}
	}
	return bw.Flush()
}

// vcardText escapes a value: backslash, comma, semicolon and line breaks.
func vcardText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ",", `\,`, ";", `\;`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// foldLine ends a content line with CRLF, folded into lines of at most 75
// bytes, never inside a letter, each continuation starting with a space.
func foldLine(l string) string {
	var b strings.Builder
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = 74 // the space counts
	}
	b.WriteString(l)
	b.WriteString("\r\n")
	return b.String()
}
