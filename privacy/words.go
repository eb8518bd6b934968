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
	code string
	m    map[string]string
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
	w := &words{code: "en", m: map[string]string{}}
	if data, err := assets.Translations.ReadFile("translations/" + code + ".json"); err == nil {
		var raw map[string]any
		if json.Unmarshal(data, &raw) == nil {
			w.code = code
			for k, v := range raw {
				if s, ok := v.(string); ok {
					w.m[k] = s
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
