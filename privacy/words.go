package privacy

import (
	"encoding/json"
	"strings"
	"sync"
	"text/template"

	"kartoteka/assets"
)

// words translates the texts of exports into one language, from the same
// files as the desktop app (assets/translations): English when a text is
// missing. Texts are looked up by their English source with tr.L, as the app
// does with lang.L, so one test checks both.
type words struct {
	code   string
	m      map[string]string
	plural map[string]map[string]string // key → CLDR plural form → text, for N
}

var (
	wordsMu    sync.Mutex
	wordsCache = map[string]*words{}
)

// wordsFor returns the texts of language code (en, pl, de or da); any other
// code gives English.
func wordsFor(code string) *words {
	wordsMu.Lock()
	defer wordsMu.Unlock()
	if w, ok := wordsCache[code]; ok {
		return w
	}
	w := &words{code: "en", m: map[string]string{}, plural: map[string]map[string]string{}}
	if data, err := assets.Translations.ReadFile("translations/" + code + ".json"); err == nil {
		var raw map[string]any
		if json.Unmarshal(data, &raw) == nil {
			w.code = code
			for k, v := range raw {
				switch v := v.(type) {
				case string:
					w.m[k] = v
				case map[string]any:
					forms := map[string]string{}
					for f, s := range v {
						forms[f], _ = s.(string)
					}
					w.plural[k] = forms
				}
			}
		}
	}
	wordsCache[code] = w
	return w
}

// L is key in the language, with {{.Name}} fields filled from data.
func (w *words) L(key string, data ...map[string]any) string {
	text, ok := w.m[key]
	if !ok {
		text = key
	}
	return fill(text, data)
}

// N is key in the language in the plural form for count — as lang.N
// chooses it in the app: "1 month", "2 months"; "1 miesiąc", "2 miesiące",
// "5 miesięcy" — with {{.Name}} fields filled from data. A key the language
// lacks is the English one, key itself being its "other" form.
func (w *words) N(key string, count int, data ...map[string]any) string {
	text, ok := w.plural[key][pluralForm(w.code, count)]
	if !ok || text == "" {
		text = key
	}
	return fill(text, data)
}

// pluralForm is the CLDR plural category of the whole number n in the
// language code: one and other in English, German and Danish; one, few
// and many in Polish.
func pluralForm(code string, n int) string {
	if n < 0 {
		n = -n
	}
	switch {
	case n == 1:
		return "one"
	case code != "pl":
		return "other"
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		return "few"
	}
	return "many"
}

// fill puts data into the {{.Name}} fields of text.
func fill(text string, data []map[string]any) string {
	if len(data) == 0 || !strings.Contains(text, "{{") {
		return text
	}
	t, err := template.New("").Option("missingkey=zero").Parse(text)
	if err != nil {
		return text
	}
	var b strings.Builder
	if err := t.Execute(&b, data[0]); err != nil {
		return text
	}
	return b.String()
}
