package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"kartoteka/assets"
)

// fyneKeys are Fyne's own strings that the translations carry so that entry
// menus and dialogs follow the chosen language too (Fyne has no Danish; its
// file dialog names the places "Home" and "Computer" in English only).
var fyneKeys = []string{"Cancel", "Confirm", "Copy", "Cut", "Error", "No", "OK", "Paste", "Quit", "Redo", "Select all", "Undo", "Yes",
	// the file and folder dialogs
	"file.name", "file.parent", "Advanced", "Create Folder", "Enter filename", "File", "New Folder", "Open", "Save", "Show Hidden Files"}

// pluralForms are the CLDR plural categories of whole numbers per language.
var pluralForms = map[string][]string{
	"en": {"one", "other"},
	"pl": {"few", "many", "one", "other"},
	"de": {"one", "other"},
	"da": {"one", "other"},
}

// readTranslations reads one embedded file into key → text or plural forms.
func readTranslations(t *testing.T, code string) map[string]any {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	return m
}

var placeholder = regexp.MustCompile(`{{\s*\.\w+\s*}}`)

// placeholders lists the template fields of a translation, all forms together.
func placeholders(v any) []string {
	var texts []string
	switch v := v.(type) {
	case string:
		texts = []string{v}
	case map[string]any:
		for _, f := range v {
			s, _ := f.(string)
			texts = append(texts, s)
		}
	}
	set := map[string]bool{}
	for _, s := range texts {
		for _, p := range placeholder.FindAllString(s, -1) {
			set[strings.ReplaceAll(p, " ", "")] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// TestTranslationsComplete fails when a language lacks a key English has or
// has one English lacks, when plural forms are missing, or when a
// translation drops or invents a {{.Field}}.
func TestTranslationsComplete(t *testing.T) {
	en := readTranslations(t, "en")
	entries, err := assets.Translations.ReadDir("translations")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, strings.TrimSuffix(e.Name(), ".json"))
	}
	var codes []string
	for _, l := range languages {
		codes = append(codes, l.Code)
	}
	if !slices.Equal(slices.Sorted(slices.Values(files)), slices.Sorted(slices.Values(codes))) {
		t.Errorf("translation files %v, languages %v", files, codes)
	}
	for _, code := range codes {
		m := readTranslations(t, code)
		for key, v := range en {
			tr, ok := m[key]
			if !ok {
				t.Errorf("%s.json lacks %q", code, key)
				continue
			}
			if got, want := placeholders(tr), placeholders(v); !slices.Equal(got, want) {
				t.Errorf("%s.json %q has fields %v, English %v", code, key, got, want)
			}
			switch tr := tr.(type) {
			case string:
				if _, plural := v.(map[string]any); plural {
					t.Errorf("%s.json %q has one form, English has plural forms", code, key)
				} else if strings.TrimSpace(tr) == "" {
					t.Errorf("%s.json %q is empty", code, key)
				}
			case map[string]any:
				if got := slices.Sorted(maps.Keys(tr)); !slices.Equal(got, pluralForms[code]) {
					t.Errorf("%s.json %q has plural forms %v, want %v", code, key, got, pluralForms[code])
				}
			default:
				t.Errorf("%s.json %q is neither text nor plural forms", code, key)
			}
		}
		for key := range m {
			if _, ok := en[key]; !ok {
				t.Errorf("%s.json has %q, which English lacks", code, key)
			}
		}
		if m[languageKey] != code {
			t.Errorf("%s.json: %s = %v", code, languageKey, m[languageKey])
		}
	}
}

// TestEveryStringTranslated fails when the code (the app's or the exports')
// looks up a string English lacks, or English keeps a string nothing looks up.
func TestEveryStringTranslated(t *testing.T) {
	en := readTranslations(t, "en")
	used := map[string]bool{languageKey: true}
	for _, k := range fyneKeys {
		used[k] = true
	}
	// The exports (package privacy) look their texts up with tr.L in the
	// same files.
	for _, dir := range []string{".", "widget", "../privacy"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if !isLookup(sel) {
					return true
				}
				lit, ok := call.Args[0].(*ast.BasicLit)
				if !ok {
					if id, ok := call.Args[0].(*ast.Ident); ok && id.Name == "languageKey" {
						return true
					}
					t.Errorf("%s: lang.%s with a key that is not a string literal", fset.Position(call.Pos()), sel.Sel.Name)
					return true
				}
				key, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				used[key] = true
				v, ok := en[key]
				if !ok {
					t.Errorf("%s: %q is not in en.json", fset.Position(call.Pos()), key)
					return true
				}
				if _, plural := v.(map[string]any); plural != (sel.Sel.Name == "N") {
					t.Errorf("%s: %q looked up with lang.%s, but en.json plural = %v", fset.Position(call.Pos()), key, sel.Sel.Name, plural)
				}
				return true
			})
		}
	}
	for key := range en {
		if !used[key] {
			t.Errorf("en.json has %q, which no code looks up", key)
		}
	}
}

// isLookup reports whether sel is a translation lookup: lang.L or lang.N in
// the app, tr.L (or x.tr.L) in the exports.
func isLookup(sel *ast.SelectorExpr) bool {
	if sel.Sel.Name != "L" && sel.Sel.Name != "N" {
		return false
	}
	switch x := sel.X.(type) {
	case *ast.Ident:
		return x.Name == "lang" || x.Name == "tr"
	case *ast.SelectorExpr:
		return x.Sel.Name == "tr"
	}
	return false
}

// TestSetLanguage switches languages, plural rules included.
func TestSetLanguage(t *testing.T) {
	t.Cleanup(func() { setLanguage("en") })
	cases := []struct {
		code  string
		count int
		want  string
	}{
		{"en", 1, "1 booking"},
		{"en", 2, "2 bookings"},
		{"pl", 1, "1 wizyta"},
		{"pl", 3, "3 wizyty"},
		{"pl", 5, "5 wizyt"},
		{"pl", 22, "22 wizyty"},
		{"de", 2, "2 Termine"},
		{"da", 1, "1 booking"},
		{"da", 2, "2 bookinger"},
	}
	for _, c := range cases {
		if err := setLanguage(c.code); err != nil {
			t.Fatal(err)
		}
		if got := lang.L(languageKey); got != c.code {
			t.Errorf("after setLanguage(%s) the language is %s", c.code, got)
		}
		got := lang.N("{{.Count}} bookings", c.count, map[string]any{"Count": c.count})
		if got != c.want {
			t.Errorf("%s, %d: %q, want %q", c.code, c.count, got, c.want)
		}
	}
	if err := setLanguage("fr"); err == nil {
		t.Error("setLanguage accepts a language the app does not speak")
	}
}

// sameInTranslation are the words a language writes as English does.
var sameInTranslation = map[string][]string{
	"pl": {"OK", "Austria", "Status", "Min.", "Status: {{.Status}}", "{{.Minutes}} min", "Marketing SMS", "Folder", "System", "PIN"},
	"de": {"OK", "Passphrase", "Name", "file.name", "Status", "Stylist", "Min.", "Status: {{.Status}}", "Details", "System", "PIN"},
	"da": {"OK", "Reception", "Status", "Min.", "Book", "Status: {{.Status}}", "System"},
}

// TestNothingLeftInEnglish fails when a translation is still the English
// text (as a new string copied in to be translated later), unless the
// language writes it the same.
func TestNothingLeftInEnglish(t *testing.T) {
	en := readTranslations(t, "en")
	for code, same := range sameInTranslation {
		m := readTranslations(t, code)
		for key, v := range m {
			if key != languageKey && reflectEqual(v, en[key]) && !slices.Contains(same, key) {
				t.Errorf("%s.json: %q is still in English", code, key)
			}
		}
	}
}

// reflectEqual compares two translations, text or plural forms.
func reflectEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// TestEnglishPluralsDiffer: an English plural message says one thing for 1
// and another for many ("1 clients fall due" read in the retention preview
// once a new message was copied into both forms).
func TestEnglishPluralsDiffer(t *testing.T) {
	for key, v := range readTranslations(t, "en") {
		if forms, ok := v.(map[string]any); ok && forms["one"] == forms["other"] {
			t.Errorf("en.json %q: one and other are the same", key)
		}
	}
}
