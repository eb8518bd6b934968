package store_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"kartoteka/store"
	"kartoteka/store/storetest"
)

// encode writes s in a code page, as Excel on Windows saves a CSV.
func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

// importSalon is a salon in country with a fixed clock.
func importSalon(t *testing.T, country string) *store.DB {
	t.Helper()
	db, _ := storetest.Create(t, store.Options{Now: func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, time.Local) }})
	s, err := db.Salon(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.Country = country
	s.Currency = store.DefaultCurrency(country)
	if err := db.UpdateSalon(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestImportPolishCP1250 imports what a Polish salon's old program
// exports: Windows-1250, semicolons, Polish headers, dates with dots,
// a consent column stated only for some rows.
func TestImportPolishCP1250(t *testing.T) {
	ctx := context.Background()
	db := importSalon(t, "PL")
	file := encode(t, charmap.Windows1250, "Imię;Nazwisko;Telefon;E-mail;Data urodzenia;Zgoda SMS;Uwagi\r\n"+
		"Łucja;Wąsowska-Źdźbło;601 234 567;lucja@example.pl;15.03.1985;tak;Śliwki, żółć\r\n"+
		"Grzegorz;Brzęczyszczykiewicz;602 345 678;;1.2.1970;nie;\r\n"+
		"Ścibor;Żądło;;;1985-03-15;;\r\n")
	if got := store.DetectEncoding(file, "PL"); got != store.EncodingCP1250 {
		t.Errorf("detected %s, want cp1250", got)
	}
	rep, err := db.ImportClients(ctx, bytes.NewReader(file), store.ImportOptions{})
	if err != nil {
		t.Fatalf("import: %v (%+v)", err, rep.Rejected)
	}
	if rep.Encoding != store.EncodingCP1250 || rep.Separator != ";" || rep.Imported != 3 || rep.Consents != 2 {
		t.Errorf("report = %+v", rep)
	}
	fields := []string{}
	for _, c := range rep.Columns {
		fields = append(fields, c.Field)
	}
	if want := []string{"first_name", "last_name", "phone", "email", "birth_date", "marketing_sms", "notes"}; !slices.Equal(fields, want) {
		t.Errorf("columns = %v, want %v", fields, want)
	}
	cs, _ := db.Clients(ctx)
	byName := map[string]store.Client{}
	for _, c := range cs {
		byName[c.LastName] = c
	}
	l := byName["Wąsowska-Źdźbło"]
	if l.FirstName != "Łucja" || l.Phone != "+48601234567" || l.BirthDate != "1985-03-15" || l.Notes != "Śliwki, żółć" {
		t.Errorf("Łucja = %+v", l)
	}
	if g := byName["Brzęczyszczykiewicz"]; g.BirthDate != "1970-02-01" {
		t.Errorf("1.2.1970 = %q, want 1970-02-01", g.BirthDate)
	}
	if s := byName["Żądło"]; s.FirstName != "Ścibor" || s.BirthDate != "1985-03-15" {
		t.Errorf("Ścibor = %+v", s)
	}
	// Consents only where the file states them, with the source.
	for name, want := range map[string][]bool{"Wąsowska-Źdźbło": {true}, "Brzęczyszczykiewicz": {false}, "Żądło": nil} {
		hist, _ := db.Consents(ctx, byName[name].ID)
		var got []bool
		for _, h := range hist {
			if h.Kind != store.ConsentMarketingSMS || h.Channel != store.ChannelImport {
				t.Errorf("%s: consent %+v, want marketing_sms from import", name, h)
			}
			got = append(got, h.Given)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: consents %v, want %v", name, got, want)
		}
	}
	if hits, _ := db.SearchClients(ctx, "wasowska", 5); len(hits) != 1 {
		t.Error("the imported card is not searchable with the letters folded")
	}
	ev, _ := db.AuditLog(ctx, 1)
	if ev[0].Action != "client.import" || ev[0].Details["clients"] != 3 || ev[0].Details["consents"] != 2 {
		t.Errorf("audit = %+v", ev[0])
	}
}

// TestImportGermanSemicolonBOM imports a German Excel export: UTF-8 with a
// byte-order mark, semicolons, German headers with "Name" beside "Vorname",
// a newsletter column, postal code and town apart.
func TestImportGermanSemicolonBOM(t *testing.T) {
	ctx := context.Background()
	db := importSalon(t, "DE")
	file := "\ufeffVorname;Name;Telefon;E-Mail;Geburtsdatum;Straße;PLZ;Ort;Sprache;Newsletter\r\n" +
		"Jürgen;Müller-Lüdenscheidt;0171 2345678;juergen@example.de;03.07.1962;Hauptstraße 5;10115;Berlin;Deutsch;ja\r\n" +
		"Gisela;Groß;;gisela@example.de;;;;;;nein\r\n"
	rep, err := db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{})
	if err != nil {
		t.Fatalf("import: %v (%+v)", err, rep.Rejected)
	}
	if rep.Encoding != store.EncodingUTF8 || rep.Separator != ";" || rep.Imported != 2 {
		t.Errorf("report = %+v", rep)
	}
	hits, _ := db.SearchClients(ctx, "muller", 5)
	if len(hits) != 1 {
		t.Fatalf("Müller found %d times", len(hits))
	}
	j := hits[0]
	if j.FirstName != "Jürgen" || j.LastName != "Müller-Lüdenscheidt" || j.Phone != "+491712345678" || j.BirthDate != "1962-07-03" ||
		j.Address != "Hauptstraße 5, 10115 Berlin" || j.Language != "de" {
		t.Errorf("Jürgen = %+v", j)
	}
	if now := store.CurrentConsents(must(db.Consents(ctx, j.ID))); !now[store.ConsentMarketingEmail] {
		t.Errorf("the newsletter yes was not recorded: %v", now)
	}
	// The same file in Windows-1252, as older Excel saves it.
	db2 := importSalon(t, "DE")
	rep, err = db2.ImportClients(ctx, bytes.NewReader(encode(t, charmap.Windows1252, strings.TrimPrefix(file, "\ufeff"))), store.ImportOptions{})
	if err != nil || rep.Encoding != store.EncodingCP1252 {
		t.Fatalf("cp1252: %+v, %v", rep, err)
	}
	if hits, _ := db2.SearchClients(ctx, "groß", 5); len(hits) != 1 || hits[0].LastName != "Groß" {
		t.Errorf("Groß = %+v", hits)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestDetectEncoding: the code page that spells the language wins; a tie
// goes to the salon's region.
func TestDetectEncoding(t *testing.T) {
	pl := "Imię;Nazwisko\nŁucja;Wąsowska\nŚcibor;Źdźbło\n"
	da := "Fornavn;Efternavn;Fødselsdato\nSøren;Ærø;15-03-1985\nÅse;Lykkegård;\n"
	de := "Vorname;Nachname\nJürgen;Müller\nGisela;Groß\n"
	cases := []struct {
		name    string
		data    []byte
		country string
		want    string
	}{
		{"UTF-8", []byte(pl), "DE", store.EncodingUTF8},
		{"UTF-8 with BOM", append([]byte("\xef\xbb\xbf"), pl...), "DK", store.EncodingUTF8},
		{"Polish cp1250 in a Danish salon", encode(t, charmap.Windows1250, pl), "DK", store.EncodingCP1250},
		{"Polish ISO-8859-2", encode(t, charmap.ISO8859_2, pl), "PL", store.EncodingISO88592},
		{"Polish ISO-8859-2 in a German salon", encode(t, charmap.ISO8859_2, pl), "DE", store.EncodingISO88592},
		{"Danish cp1252 in a Polish salon", encode(t, charmap.Windows1252, da), "PL", store.EncodingCP1252},
		{"Danish cp1252", encode(t, charmap.Windows1252, da), "DK", store.EncodingCP1252},
		{"German: the same in every code page, so the salon's region", encode(t, charmap.Windows1252, de), "DE", store.EncodingCP1252},
		{"German in a Polish salon reads right as cp1250 too", encode(t, charmap.Windows1252, de), "PL", store.EncodingCP1250},
	}
	for _, c := range cases {
		if got := store.DetectEncoding(c.data, c.country); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	// Whatever is detected, the letters come out right.
	db := importSalon(t, "PL")
	rep, err := db.ImportClients(context.Background(), bytes.NewReader(encode(t, charmap.Windows1252, de)), store.ImportOptions{DryRun: true})
	if err != nil || rep.Accepted[0].Client.LastName != "Müller" || rep.Accepted[1].Client.LastName != "Groß" {
		t.Errorf("German read in a Polish salon: %+v, %v", rep, err)
	}
}

// TestImportDryRunListsEveryRejection: every refused row, with its line and
// the rule, never its value; nothing written.
func TestImportDryRunListsEveryRejection(t *testing.T) {
	ctx := context.Background()
	db := importSalon(t, "PL")
	file := "first name,last name,phone,birth date,language,marketing email\n" +
		"Anna,Nowak,601 000 001,1985-03-15,pl,yes\n" + // 2: fine
		"Jan,,601 000 002,,,\n" + // 3: no last name
		"Ewa,Lis,12,,,\n" + // 4: phone
		"Ola,Kot,,15.03.85,,\n" + // 5: two-digit year
		"Iza,Kos,,31.02.1990,,\n" + // 6: no such date
		"Ula,Mak,,,klingonisch,\n" + // 7: language
		"Ida,Sowa,,,,maybe\n" + // 8: consent
		"Eva,Holm,,2030-01-01,,\n" // 9: in the future
	rep, err := db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{DryRun: true})
	if !errors.Is(err, store.ErrImportRejected) {
		t.Fatalf("err = %v", err)
	}
	want := []struct {
		line  int
		field string
		err   error
	}{
		{3, "last_name", store.ErrRequired}, {4, "phone", store.ErrInvalidPhone}, {5, "birth_date", store.ErrShortYear},
		{6, "birth_date", store.ErrNoSuchDate}, {7, "language", store.ErrUnknownLang}, {8, "marketing_email", store.ErrNotYesOrNo},
		{9, "birth_date", store.ErrDateOutOfRange},
	}
	if len(rep.Rejected) != len(want) {
		t.Fatalf("rejected = %+v", rep.Rejected)
	}
	for i, w := range want {
		r := rep.Rejected[i]
		if r.Line != w.line || r.Field != w.field || !errors.Is(r.Reason, w.err) {
			t.Errorf("rejected[%d] = line %d %s %v; want line %d %s %v", i, r.Line, r.Field, r.Reason, w.line, w.field, w.err)
		}
		for _, value := range []string{"Nowak", "Lis", "85", "1990", "klingonisch", "maybe", "2030"} {
			if strings.Contains(r.Reason.Error(), value) {
				t.Errorf("line %d: the reason %q repeats a value", r.Line, r.Reason)
			}
		}
	}
	if n, _ := db.LiveClientCount(ctx); n != 0 {
		t.Errorf("a refused import wrote %d cards", n)
	}
	// A column written month first is refused as a whole.
	us := "first_name,last_name,birth_date\nAnn,Lee,03/15/1985\nBob,Ray,04/01/1990\n"
	rep, err = db.ImportClients(ctx, strings.NewReader(us), store.ImportOptions{DryRun: true})
	if !errors.Is(err, store.ErrImportRejected) || len(rep.Rejected) != 2 || !errors.Is(rep.Rejected[1].Reason, store.ErrMonthFirst) {
		t.Errorf("month-first dates: %+v, %v", rep.Rejected, err)
	}
	eu := "first_name,last_name,birth_date\nAnn,Lee,15/03/1985\nBob,Ray,04/01/1990\n"
	rep, err = db.ImportClients(ctx, strings.NewReader(eu), store.ImportOptions{DryRun: true})
	if err != nil || rep.Accepted[1].Client.BirthDate != "1990-01-04" {
		t.Errorf("day-first slashes: %+v, %v", rep, err)
	}
}

// TestImportDuplicates: each row is checked against the cards and the rows
// before it; nobody saying what to do refuses the import.
func TestImportDuplicates(t *testing.T) {
	ctx := context.Background()
	db := importSalon(t, "PL")
	known, err := db.CreateClient(ctx, store.ClientInput{FirstName: "Anna", LastName: "Nowak", Phone: "601 000 001"})
	if err != nil {
		t.Fatal(err)
	}
	file := "Imię;Nazwisko;Telefon;E-mail\n" +
		"Anna;Nowak;601000001;\n" + // 2: the known card's phone
		"Anna;Nowak;601000099;\n" + // 3: the name, but another phone: someone else
		"Nowak;Anna;;\n" + // 4: the name, words swapped, nothing that differs: any of them
		"Jan;Lis;;jan@example.pl\n" + // 5: new
		"J.;Lis;;JAN@example.pl\n" // 6: the row before's email
	rep, err := db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{DryRun: true})
	if !errors.Is(err, store.ErrImportDuplicates) {
		t.Fatalf("err = %v", err)
	}
	type dup struct {
		line    int
		client  int64
		fromRow int
		reasons string
	}
	var got []dup
	for _, r := range rep.Duplicates() {
		for _, m := range r.Duplicates {
			got = append(got, dup{r.Line, m.Client, m.Line, strings.Join(m.Reasons, ",")})
		}
	}
	want := []dup{{2, known, 0, "phone,name"}, {4, known, 0, "name"}, {4, 0, 2, "name"}, {4, 0, 3, "name"}, {6, 0, 5, "email"}}
	if !slices.Equal(got, want) {
		t.Errorf("duplicates = %+v, want %+v", got, want)
	}
	// Skip them: the rest goes in.
	rep, err = db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{OnDuplicate: store.OnDuplicateSkip})
	if err != nil || rep.Imported != 2 || rep.Skipped != 3 {
		t.Fatalf("skip: %+v, %v", rep, err)
	}
	if n, _ := db.LiveClientCount(ctx); n != 3 {
		t.Errorf("%d cards, want 3", n)
	}
	ev, _ := db.AuditLog(ctx, 1)
	if ev[0].Details["skipped"] != 3 {
		t.Errorf("audit = %+v", ev[0])
	}
	// Row by row: import line 4 anyway, skip the rest.
	db2 := importSalon(t, "PL")
	db2.CreateClient(ctx, store.ClientInput{FirstName: "Anna", LastName: "Nowak", Phone: "601 000 001"})
	rep, err = db2.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{OnDuplicate: store.OnDuplicateSkip,
		Decisions: map[int]string{4: store.OnDuplicateImport}})
	if err != nil || rep.Imported != 3 || rep.Skipped != 2 {
		t.Errorf("decisions: %+v, %v", rep, err)
	}
}

// TestImportMapping: a column the header does not name is mapped by hand,
// one is left out, and a single "Name" column is a full name.
func TestImportMapping(t *testing.T) {
	ctx := context.Background()
	db := importSalon(t, "DK")
	file := "Navn\tMobilnr.\tKundenummer\nMette Marie Frederiksen\t20 12 34 56\t4711\n"
	rep, err := db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Separator != "\t" || rep.Columns[0].Field != store.FieldFullName || rep.Columns[1].Field != "" {
		t.Errorf("recognised: %+v", rep.Columns)
	}
	rep, err = db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{Columns: map[int]string{1: store.FieldPhone, 2: ""}})
	if err != nil {
		t.Fatal(err)
	}
	hits, _ := db.SearchClients(ctx, "frederiksen", 1)
	if len(hits) != 1 || hits[0].FirstName != "Mette Marie" || hits[0].Phone != "+4520123456" {
		t.Errorf("card = %+v", hits)
	}
	if _, err := db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{Columns: map[int]string{1: "shoe_size"}}); !errors.Is(err, store.ErrInvalidChoice) {
		t.Errorf("mapping to no field: %v", err)
	}
	if _, err := db.ImportClients(ctx, strings.NewReader(file), store.ImportOptions{Encoding: "ebcdic"}); !errors.Is(err, store.ErrInvalidChoice) {
		t.Errorf("unknown encoding: %v", err)
	}
	// Excel's "sep=" first line names the separator.
	rep, err = db.ImportClients(ctx, strings.NewReader("sep=,\nfirst_name,last_name\nA;B,C\n\"D\",\nE,F\n"), store.ImportOptions{DryRun: true})
	if !errors.Is(err, store.ErrImportRejected) || len(rep.Rejected) != 1 || rep.Rejected[0].Line != 4 {
		t.Errorf("sep=: %+v, %v", rep, err)
	}
}

// TestImportPreview reads the first records of a cp1250 file, decoded, as
// the import would, and refuses a file that is no table.
func TestImportPreview(t *testing.T) {
	file := encode(t, charmap.Windows1250, "Imię;Nazwisko\r\nŁucja;Wąsowska\r\nŚcibor;Żądło\r\nJan;Kowalski\r\n")
	enc, header, rows, err := store.ImportPreview(file, store.EncodingAuto, "PL", 2)
	if err != nil {
		t.Fatal(err)
	}
	if enc != store.EncodingCP1250 || !slices.Equal(header, []string{"Imię", "Nazwisko"}) || len(rows) != 2 || rows[1][1] != "Żądło" {
		t.Errorf("preview = %s %q %q", enc, header, rows)
	}
	if _, _, _, err := store.ImportPreview([]byte("\xff\xfe\x00"), store.EncodingUTF8, "PL", 2); !errors.Is(err, store.ErrBadCSV) {
		t.Errorf("not UTF-8: err = %v, want ErrBadCSV", err)
	}
}
