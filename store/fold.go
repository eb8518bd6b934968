package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldSpecial maps letters that do not decompose into a base letter and a
// mark: the Polish ł, the Nordic ø, æ, the German ß and their kin.
var foldSpecial = strings.NewReplacer(
	"ł", "l", "Ł", "l",
	"ø", "o", "Ø", "o",
	"æ", "ae", "Æ", "ae",
	"œ", "oe", "Œ", "oe",
	"ß", "ss", "ẞ", "ss",
	"đ", "d", "Đ", "d",
	"þ", "th", "Þ", "th",
	"ı", "i",
)

// Fold makes text comparable the way a person searches: lower case, no
// diacritics, and Nordic and Polish letters spelled in plain Latin
// ("Kowalska-Øster" → "kowalska-oster", "Åse" → "ase", "Straße" → "strasse").
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	// After the marks are gone, so that "Ǽ" (Æ with an accent) folds too.
	return foldSpecial.Replace(strings.ToLower(out))
}
