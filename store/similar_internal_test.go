package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// similarCases seed FuzzSimilarWords too.
var similarCases = []struct {
	a, b string // "first last"
	want bool
}{
	{"Zofia Kowalska", "Zofia Kowalska", true},
	{"Zofia Kowalska", "Kowalska Zofia", true},               // order folded
	{"Zofia Kowalska", "ZOFIA KOWALSKA", true},               // case folded
	{"Łucja Wąsowska", "Lucja Wasowska", true},               // diacritics folded
	{"Søren Ærø", "Soren Aero", true},                        // Nordic letters spelled out
	{"Zofia Kowalska", "Zofia Kowalksa", true},               // two letters swapped
	{"Zofia Kowalska", "Zofia Kowalsk", true},                // one letter dropped
	{"Zofia Kowalska", "Zofia Kowallska", true},              // one letter doubled
	{"Zofia Kowalska", "Zofja Kowalska", true},               // one letter changed
	{"Katarzyna Wiśniewska", "Katarzina Wisnieska", true},    // one typo in each word
	{"Anna Kowalska-Øster", "Anna Kowalska Oster", true},     // a hyphen is a space
	{"Anna Nowak", "Anna Kowal", false},                      // two letters of one word
	{"Katarzyna Kowalska", "Katarzyna Nowalski", false},      // two letters of one word, long
	{"Ewa Lis", "Eva Lis", false},                            // short words must match
	{"Jan Nowak", "Jana Nowak", false},                       // short words must match
	{"Anna Maria Nowak", "Anna Nowak", false},                // another number of words
	{"Zofia Kowalska", "Kowalska Zofja", true},               // order and a typo
	{"Zofia Kowalska", "Aofia Kowalska", true},               // a typo in the first letter
	{"Bartosz Adamski", "Adamski Bartosz", true},             // swapped
	{"Bartosz Adamski", "Cartosz Adamski", true},             // the typo reorders the words
	{"Anna Nowak", "Hanna Nowak", false},                     // "anna" is short
	{"Marek Nowakowski", "Marek Nowakowska", true},           // one letter of a long word
	{"Piotr Zieliński", "Paweł Zieliński", false},            // another first name
	{"Agnieszka Wójcik", "Agnieszka Wójcik-Kamińska", false}, // another number of words
	{"Birgit Müller", "Birgit Mueller", true},                // ü written ue: one letter more
	{"Birgit Müller", "Birgit Muller", true},                 // ü folds to u
	{"Mette Frederiksen", "Mette Fredriksen", true},          // one letter dropped
	{"Mette Frederiksen", "Mette Fredriksén", true},          // dropped, and an accent
	{"Mette Frederiksen", "Mette Frederiksen Hansen", false}, // another number of words
	{"Ida Holm", "Ida Holm", true},                           // short, identical
	{"Ida Holm", "Ida Helm", false},                          // short, different
}

func TestSimilarWords(t *testing.T) {
	for _, c := range similarCases {
		a1, a2, _ := strings.Cut(c.a, " ")
		b1, b2, _ := strings.Cut(c.b, " ")
		a, b := nameWords(a1, a2), nameWords(b1, b2)
		if got := similarWords(a, b); got != c.want {
			t.Errorf("similar(%q, %q) = %v, want %v (%q, %q)", c.a, c.b, got, c.want, a, b)
		}
		if similarWords(a, b) != similarWords(b, a) {
			t.Errorf("similar(%q, %q) is not symmetric", c.a, c.b)
		}
	}
}

// osa is the optimal string alignment distance, by the book.
func osa(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func FuzzOneTypo(f *testing.F) {
	for _, c := range similarCases {
		f.Add(c.a, c.b)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ra, rb := []rune(a), []rune(b)
		want := a == b || min(len(ra), len(rb)) >= minTypoLen && osa(ra, rb) <= 1
		if got := oneTypo(a, b); got != want {
			t.Errorf("oneTypo(%q, %q) = %v, want %v (distance %d)", a, b, got, want, osa(ra, rb))
		}
	})
}

// randomNames makes n names of two words from few letters, so that many
// are one typo apart.
func randomNames(r *rand.Rand, n int) [][]string {
	word := func() string {
		b := make([]byte, 4+r.IntN(3))
		for i := range b {
			b[i] = "ab"[r.IntN(2)]
		}
		return string(b)
	}
	seen := map[string]bool{}
	var names [][]string
	for len(names) < n {
		w := []string{word(), word()}
		slices.Sort(w)
		if k := strings.Join(w, " "); !seen[k] {
			seen[k] = true
			names = append(names, w)
		}
	}
	return names
}

// TestSimilarNamePairsFindsAll: the index finds exactly the pairs that
// comparing every name with every other finds.
func TestSimilarNamePairsFindsAll(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 1))
	names := randomNames(r, 1000)
	var want [][2]int
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if similarWords(names[i], names[j]) {
				want = append(want, [2]int{i, j})
			}
		}
	}
	got := similarNamePairs(names)
	if !slices.Equal(got, want) {
		t.Errorf("the index found %d pairs, comparing all %d", len(got), len(want))
	}
	if len(want) < 100 {
		t.Errorf("only %d similar pairs: the test names are too far apart to test anything", len(want))
	}
}

// salonCards makes n cards of a realistic salon: Polish, German and Danish
// names, most with a phone, many with an email and a birth date, and a few
// hundred true duplicates (a typo, the words swapped, the same phone).
func salonCards(n int) []dupCard {
	r := rand.New(rand.NewPCG(42, 7))
	firsts := []string{"Anna", "Zofia", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta",
		"Joanna", "Magdalena", "Monika", "Aleksandra", "Natalia", "Julia", "Weronika", "Karolina", "Paulina", "Marta",
		"Piotr", "Tomasz", "Paweł", "Michał", "Marcin", "Jakub", "Łukasz", "Bartosz", "Mateusz", "Kamil",
		"Sabine", "Birgit", "Ursula", "Monika", "Petra", "Stefanie", "Jürgen", "Klaus", "Uwe", "Matthias",
		"Mette", "Hanne", "Kirsten", "Lone", "Susanne", "Søren", "Jens", "Lars", "Henrik", "Niels"}
	// Surnames of three parts, some 8,000 of them, as varied as a town's.
	heads := []string{"Bar", "Ko", "Wi", "Sta", "Gór", "Le", "Mi", "Zie", "Ja", "Pio", "Dą", "Kra", "Sza", "Woj", "Ka", "Ma",
		"Ro", "Sob", "Cie", "Ław", "Schm", "Hof", "Bau", "Wag", "Jen", "Niel", "Ras", "Sø", "Ped", "Lar"}
	middles := []string{"now", "wal", "lew", "brow", "mień", "czew", "kow", "sław", "bor", "dzie", "dt", "mann", "er", "sen",
		"gaard", "holm", "berg", "lund", "strup", "rich", "ling", "tek", "rzyk", "siń", "pień", "chal", "drze", "gór", "wic", "ros"}
	tails := []string{"", "ska", "ski", "owska", "owski", "czyk", "iak", "ek", "er", "sen", "mann", "ing", "ke", "ow", "a", "o", "us"}
	var cards []dupCard
	for i := range n {
		last := heads[r.IntN(len(heads))] + middles[r.IntN(len(middles))] + tails[r.IntN(len(tails))]
		if r.IntN(6) == 0 { // a double-barrelled name now and then
			last += "-" + heads[r.IntN(len(heads))] + middles[r.IntN(len(middles))] + tails[r.IntN(len(tails))]
		}
		c := dupCard{id: int64(i + 1), words: nameWords(firsts[r.IntN(len(firsts))], last)}
		if r.IntN(10) < 8 {
			c.phone = fmt.Sprintf("+4860%07d", r.IntN(10_000_000))
		}
		if r.IntN(10) < 5 {
			c.email = fmt.Sprintf("client%d@example.com", i)
		}
		if r.IntN(10) < 6 {
			c.birth = time.Date(1950+r.IntN(55), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		}
		if i > 0 && r.IntN(50) == 0 { // a second card of someone
			c = cards[r.IntN(len(cards))]
			c.id = int64(i + 1)
			c.words = slices.Clone(c.words)
			if w := c.words[0]; len([]rune(w)) >= minTypoLen {
				c.words[0] = string([]rune(w)[1:])
			}
			slices.Sort(c.words)
		}
		cards = append(cards, c)
	}
	return cards
}

// TestDuplicateGroups20000 finds the duplicates of a salon of 20,000
// clients in well under a second of CPU time (the wall clock where the
// system does not tell CPU time).
func TestDuplicateGroups20000(t *testing.T) {
	cards := salonCards(20_000)
	cpu0, measured := cpuTime()
	start := time.Now()
	groups := groupDuplicates(cards)
	took := time.Since(start)
	if cpu1, ok := cpuTime(); measured && ok {
		took = cpu1 - cpu0
	}
	limit := time.Second
	if raceDetector {
		limit = 15 * time.Second
	}
	t.Logf("20,000 cards: %d groups in %v", len(groups), took)
	if took > limit {
		t.Errorf("finding duplicates among 20,000 cards took %v, more than %v", took, limit)
	}
	if len(groups) < 300 {
		t.Errorf("%d groups: the second cards were not found", len(groups))
	}
}

func BenchmarkDuplicateGroups20000(b *testing.B) {
	cards := salonCards(20_000)
	for b.Loop() {
		groupDuplicates(cards)
	}
}
