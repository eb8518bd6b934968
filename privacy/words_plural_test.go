package privacy

import (
	"strings"
	"testing"
)

// TestWordsPlural: the exports choose plural forms as the app does — "1
// month", "2 months"; Polish "1 miesiąc", "3 miesiące", "5 miesięcy", "22
// miesiące" — and an unknown key is its English self.
func TestWordsPlural(t *testing.T) {
	key := "Your card, bookings and notes: erased automatically {{.Months}} months after your last visit, so on this day unless you come again (or earlier, if you ask)"
	cases := []struct {
		code string
		n    int
		want string
	}{
		{"en", 1, "erased automatically 1 month after"},
		{"en", 2, "erased automatically 2 months after"},
		{"pl", 1, "usuwane automatycznie 1 miesiąc po"},
		{"pl", 3, "usuwane automatycznie 3 miesiące po"},
		{"pl", 5, "usuwane automatycznie 5 miesięcy po"},
		{"pl", 12, "usuwane automatycznie 12 miesięcy po"},
		{"pl", 22, "usuwane automatycznie 22 miesiące po"},
		{"de", 1, "werden 1 Monat nach"},
		{"de", 24, "werden 24 Monate nach"},
		{"da", 1, "slettes automatisk 1 måned efter"},
		{"da", 6, "slettes automatisk 6 måneder efter"},
	}
	for _, c := range cases {
		got := wordsFor(c.code).N(key, c.n, map[string]any{"Months": c.n})
		if !strings.Contains(got, c.want) {
			t.Errorf("%s, %d: %q, want it to say %q", c.code, c.n, got, c.want)
		}
	}
	if got := wordsFor("pl").N("{{.Count}} things unknown", 2, map[string]any{"Count": 2}); got != "2 things unknown" {
		t.Errorf("an unknown key: %q", got)
	}
}
