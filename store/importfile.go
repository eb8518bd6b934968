package store

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The encodings an import reads. Auto detects one (see [DetectEncoding]).
const (
	EncodingAuto     = "auto"
	EncodingUTF8     = "utf-8"
	EncodingUTF16    = "utf-16" // only with its byte-order mark, as Excel's "Unicode text" writes it
	EncodingCP1250   = "cp1250"
	EncodingCP1252   = "cp1252"
	EncodingISO88592 = "iso-8859-2"
	EncodingISO15    = "iso-8859-15"
)

// ImportEncodings are the encodings an import may be told to read.
var ImportEncodings = []string{EncodingAuto, EncodingUTF8, EncodingCP1250, EncodingCP1252, EncodingISO88592, EncodingISO15}

var singleByte = map[string]encoding.Encoding{
	EncodingCP1250: charmap.Windows1250, EncodingCP1252: charmap.Windows1252,
	EncodingISO88592: charmap.ISO8859_2, EncodingISO15: charmap.ISO8859_15,
}

// Letters that make a decoding plausible, by language; the decoding of a
// single-byte file that spells most of them wins.
const (
	lettersPL = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
	lettersDE = "äöüßÄÖÜ"
	lettersDA = "æøåÆØÅ"
)

// DetectEncoding says which encoding data is in, for a salon in country:
//
//   - a UTF-8 byte-order mark, or valid UTF-8 throughout: utf-8;
//   - a UTF-16 byte-order mark (Excel's "Unicode text"): utf-16;
//   - else one of cp1250, iso-8859-2 (Central European: Polish) and
//     cp1252, iso-8859-15 (Western: German, Danish), whichever decodes the
//     bytes above 127 into the most letters of one of Polish, German or
//     Danish, less the symbols (¹ ³ ¿ ±) and control characters a wrong
//     guess makes of them. Polish text tells the four apart: ą is 0xB9 in
//     cp1250, 0xB1 in iso-8859-2, ś 0x9C and 0xB6. German is spelled
//     the same in all four, and Danish æ ø å only in the Western two: a
//     tie goes to the salon's own region, Central European for PL, Western
//     elsewhere, and Windows before ISO.
func DetectEncoding(data []byte, country string) string {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return EncodingUTF8
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		return EncodingUTF16
	case utf8.Valid(data):
		return EncodingUTF8
	}
	order := []string{EncodingCP1252, EncodingISO15, EncodingCP1250, EncodingISO88592}
	if country == "PL" {
		order = []string{EncodingCP1250, EncodingISO88592, EncodingCP1252, EncodingISO15}
	}
	best, bestScore := order[0], 0
	for i, enc := range order {
		s := plausibility(data, singleByte[enc])
		if i == 0 || s > bestScore {
			best, bestScore = enc, s
		}
	}
	return best
}

// plausibility scores a decoding of data's bytes above 127: the letters of
// the language it spells best, less twice the symbols and four times the
// control or undefined characters.
func plausibility(data []byte, enc encoding.Encoding) int {
	dec := enc.NewDecoder()
	var pl, de, da, bad int
	var one [1]byte
	seen := [256]int{}
	for _, c := range data {
		if c >= 0x80 {
			seen[c]++
		}
	}
	for c := 0x80; c < 256; c++ {
		n := seen[c]
		if n == 0 {
			continue
		}
		one[0] = byte(c)
		out, err := dec.Bytes(one[:])
		r, _ := utf8.DecodeRune(out)
		switch {
		case err != nil || r == utf8.RuneError || unicode.IsControl(r):
			bad += 4 * n
		case strings.ContainsRune(lettersPL, r):
			pl += n
		case strings.ContainsRune(lettersDE, r):
			de += n
		case strings.ContainsRune(lettersDA, r):
			da += n
		case !unicode.IsLetter(r):
			bad += 2 * n
		}
	}
	return max(pl, de, da) - bad
}

// decodeImport turns the file into UTF-8 text from encoding (auto:
// detected), without a byte-order mark; it returns the encoding used.
func decodeImport(data []byte, enc, country string) (string, string, error) {
	if enc == "" || enc == EncodingAuto {
		enc = DetectEncoding(data, country)
	}
	switch enc {
	case EncodingUTF8:
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if !utf8.Valid(data) {
			return "", enc, fmt.Errorf("%w (the file is not UTF-8: choose its encoding)", ErrBadCSV)
		}
		return string(data), enc, nil
	case EncodingUTF16:
		out, _, err := transform.Bytes(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder(), data)
		if err != nil {
			return "", enc, fmt.Errorf("%w (the file is not UTF-16: choose its encoding)", ErrBadCSV)
		}
		return string(out), enc, nil
	}
	e, ok := singleByte[enc]
	// A byte-order mark before a code page's text (an editor that added
	// one, a file pasted together) is no letter of the header.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !ok {
		return "", enc, fieldErr("encoding", fmt.Errorf("%w: %s", ErrInvalidChoice, strings.Join(ImportEncodings, ", ")))
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", enc, fmt.Errorf("%w (cannot be read as %s)", ErrBadCSV, enc)
	}
	return string(out), enc, nil
}

// The fields an import fills. FieldFullName is split into first and last
// name at its last space; FieldPostalCode and FieldCity are joined to the
// address; the two consents take yes or no (see [ImportOptions]).
const (
	FieldFirstName    = "first_name"
	FieldLastName     = "last_name"
	FieldFullName     = "full_name"
	FieldPhone        = "phone"
	FieldEmail        = "email"
	FieldBirthDate    = "birth_date"
	FieldAddress      = "address"
	FieldPostalCode   = "postal_code"
	FieldCity         = "city"
	FieldLanguage     = "language"
	FieldNotes        = "notes"
	FieldConsentEmail = ConsentMarketingEmail
	FieldConsentSMS   = ConsentMarketingSMS
)

// ImportFields are the fields a column may be mapped to.
var ImportFields = []string{FieldFirstName, FieldLastName, FieldFullName, FieldPhone, FieldEmail, FieldBirthDate,
	FieldAddress, FieldPostalCode, FieldCity, FieldLanguage, FieldNotes, FieldConsentEmail, FieldConsentSMS}

// headerWords are the column headers recognised, in English, Polish,
// German and Danish, as headerKey spells them (folded, letters and digits
// only). "name"/"navn" alone is a full name, beside a first name the last.
var headerWords = map[string]string{
	// first name
	"firstname": FieldFirstName, "first": FieldFirstName, "givenname": FieldFirstName, "forename": FieldFirstName,
	"imie": FieldFirstName, "vorname": FieldFirstName, "fornavn": FieldFirstName,
	// last name
	"lastname": FieldLastName, "last": FieldLastName, "surname": FieldLastName, "familyname": FieldLastName,
	"nazwisko": FieldLastName, "nachname": FieldLastName, "familienname": FieldLastName, "efternavn": FieldLastName,
	// full name
	"name": FieldFullName, "fullname": FieldFullName, "navn": FieldFullName, "imieinazwisko": FieldFullName,
	"klient": FieldFullName, "klientka": FieldFullName, "kunde": FieldFullName, "kundenname": FieldFullName,
	"client": FieldFullName, "customer": FieldFullName, "fuldtnavn": FieldFullName,
	// phone
	"phone": FieldPhone, "telephone": FieldPhone, "tel": FieldPhone, "mobile": FieldPhone, "mobilephone": FieldPhone,
	"cell": FieldPhone, "phonenumber": FieldPhone, "telefon": FieldPhone, "nrtelefonu": FieldPhone,
	"numertelefonu": FieldPhone, "komorka": FieldPhone, "telefonkomorkowy": FieldPhone, "telefonnummer": FieldPhone,
	"handy": FieldPhone, "mobil": FieldPhone, "mobiltelefon": FieldPhone, "mobilnummer": FieldPhone,
	"tlf": FieldPhone, "tlfnr": FieldPhone,
	// email
	"email": FieldEmail, "mail": FieldEmail, "emailaddress": FieldEmail, "adresemail": FieldEmail,
	"emailadresse": FieldEmail, "mailadresse": FieldEmail,
	// birth date
	"birthdate": FieldBirthDate, "birthday": FieldBirthDate, "dateofbirth": FieldBirthDate, "dob": FieldBirthDate,
	"born": FieldBirthDate, "dataurodzenia": FieldBirthDate, "urodziny": FieldBirthDate, "urodzona": FieldBirthDate,
	"geburtsdatum": FieldBirthDate, "geburtstag": FieldBirthDate, "geboren": FieldBirthDate,
	"fodselsdato": FieldBirthDate, "fodselsdag": FieldBirthDate, "fodt": FieldBirthDate,
	// address
	"address": FieldAddress, "street": FieldAddress, "adres": FieldAddress, "ulica": FieldAddress,
	"adresse": FieldAddress, "anschrift": FieldAddress, "strasse": FieldAddress, "vej": FieldAddress,
	"postalcode": FieldPostalCode, "postcode": FieldPostalCode, "zip": FieldPostalCode, "zipcode": FieldPostalCode,
	"kodpocztowy": FieldPostalCode, "plz": FieldPostalCode, "postleitzahl": FieldPostalCode,
	"postnr": FieldPostalCode, "postnummer": FieldPostalCode,
	"city": FieldCity, "town": FieldCity, "miasto": FieldCity, "miejscowosc": FieldCity, "ort": FieldCity,
	"stadt": FieldCity, "wohnort": FieldCity, "by": FieldCity,
	// language
	"language": FieldLanguage, "lang": FieldLanguage, "jezyk": FieldLanguage, "sprache": FieldLanguage, "sprog": FieldLanguage,
	// notes
	"notes": FieldNotes, "note": FieldNotes, "comment": FieldNotes, "comments": FieldNotes, "remarks": FieldNotes,
	"notatki": FieldNotes, "notatka": FieldNotes, "uwagi": FieldNotes, "komentarz": FieldNotes,
	"notizen": FieldNotes, "notiz": FieldNotes, "bemerkung": FieldNotes, "bemerkungen": FieldNotes, "kommentar": FieldNotes,
	"noter": FieldNotes, "bemaerkninger": FieldNotes, "bemaerkning": FieldNotes,
	// marketing consents
	"marketingemail": FieldConsentEmail, "emailconsent": FieldConsentEmail, "emailmarketing": FieldConsentEmail,
	"consentemail": FieldConsentEmail, "newsletter": FieldConsentEmail, "zgodaemail": FieldConsentEmail,
	"zgodanaemail": FieldConsentEmail, "zgodamarketingowaemail": FieldConsentEmail, "einwilligungemail": FieldConsentEmail,
	"emaileinwilligung": FieldConsentEmail, "samtykkeemail": FieldConsentEmail, "emailsamtykke": FieldConsentEmail,
	"nyhedsbrev":   FieldConsentEmail,
	"marketingsms": FieldConsentSMS, "smsconsent": FieldConsentSMS, "smsmarketing": FieldConsentSMS,
	"consentsms": FieldConsentSMS, "zgodasms": FieldConsentSMS, "zgodanasms": FieldConsentSMS,
	"zgodamarketingowasms": FieldConsentSMS, "einwilligungsms": FieldConsentSMS, "smseinwilligung": FieldConsentSMS,
	"samtykkesms": FieldConsentSMS, "smssamtykke": FieldConsentSMS,
}

// headerKey folds a header for headerWords: "E-Mail" and "e_mail" are
// "email", "Data urodzenia" is "dataurodzenia", "Fødselsdato" "fodselsdato".
func headerKey(h string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, Fold(strings.TrimSpace(h)))
}

// ImportColumn is a column of the file and the field it fills; Field ""
// is a column not imported.
type ImportColumn struct {
	Index  int    `json:"index"` // from 0
	Header string `json:"header"`
	Field  string `json:"field"`
}

// recogniseColumns maps the header to fields, the owner's choices
// (index → field, "" to leave a column out) before recognition.
func recogniseColumns(header []string, chosen map[int]string) ([]ImportColumn, error) {
	cols := make([]ImportColumn, len(header))
	for i, h := range header {
		cols[i] = ImportColumn{Index: i, Header: strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))}
		if f, ok := chosen[i]; ok {
			if f != "" && !slices.Contains(ImportFields, f) {
				return nil, fieldErr("column", fmt.Errorf("%w: %s", ErrInvalidChoice, strings.Join(ImportFields, ", ")))
			}
			cols[i].Field = f
			continue
		}
		cols[i].Field = headerWords[headerKey(h)]
	}
	for i := range chosen {
		if i < 0 || i >= len(header) {
			return nil, fieldErr("column", ErrOutOfRange)
		}
	}
	has := func(f string) bool {
		return slices.ContainsFunc(cols, func(c ImportColumn) bool { return c.Field == f })
	}
	// "Name" beside "Vorname" is the last name.
	if has(FieldFirstName) && !has(FieldLastName) {
		for i, c := range cols {
			if _, byHand := chosen[i]; c.Field == FieldFullName && !byHand {
				cols[i].Field = FieldLastName
				break
			}
		}
	}
	seen := map[string]bool{}
	for _, c := range cols {
		if c.Field != "" && seen[c.Field] {
			return cols, fmt.Errorf("%w (two columns are %s)", ErrBadCSV, c.Field)
		}
		seen[c.Field] = true
	}
	if !(seen[FieldFirstName] && seen[FieldLastName]) && !seen[FieldFullName] {
		return cols, ErrBadCSV
	}
	return cols, nil
}

// separator picks the field separator from the header line: the most
// frequent of ';', ',' and tab outside quotes (';' on a tie, as Excel in
// Poland, Germany and Denmark writes).
func separator(line string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ';' || r == ',' || r == '\t'):
			counts[r]++
		}
	}
	best := ';'
	for _, r := range []rune{',', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// maxImportColumns bounds the columns of a file: a client list has a
// dozen or two; a file with thousands is no client list (and each column
// would be a choice in the import's preview).
const maxImportColumns = 200

// parseTable splits the text into the header and the records, each with its
// line; a first line "sep=;" (Excel's hint) names the separator.
func parseTable(text string) (sep rune, header []string, records [][]string, lines []int, err error) {
	offset := 0
	first, rest, _ := strings.Cut(text, "\n")
	if s, ok := strings.CutPrefix(strings.TrimRight(first, "\r"), "sep="); ok && utf8.RuneCountInString(s) == 1 {
		sep, _ = utf8.DecodeRuneInString(s)
		text, offset = rest, 1
		first, _, _ = strings.Cut(text, "\n")
	} else {
		sep = separator(first)
	}
	if sep == '"' || sep == '\r' || sep == '\n' || sep == utf8.RuneError {
		return sep, nil, nil, nil, ErrBadCSV
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	if header, err = cr.Read(); err != nil {
		return sep, nil, nil, nil, ErrBadCSV
	}
	if len(header) > maxImportColumns {
		return sep, nil, nil, nil, fmt.Errorf("%w (more than %d columns)", ErrBadCSV, maxImportColumns)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return sep, nil, nil, nil, fmt.Errorf("%w (line %d: %v)", ErrBadCSV, pe.Line+offset, pe.Err)
			}
			return sep, nil, nil, nil, fmt.Errorf("%w: %v", ErrBadCSV, err)
		}
		if !slices.ContainsFunc(rec, func(v string) bool { return strings.TrimSpace(v) != "" }) {
			continue // an empty line, or one of empty cells (";;;;")
		}
		if len(records) >= maxImportRows {
			return sep, nil, nil, nil, fmt.Errorf("%w (more than %d rows)", ErrBadCSV, maxImportRows)
		}
		line, _ := cr.FieldPos(0)
		records = append(records, rec)
		lines = append(lines, line+offset)
	}
	return sep, header, records, lines, nil
}
