package demo

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// origin is where a person's name comes from; it decides their language,
// the shape of their name and, for foreigners, their phone.
type origin uint8

const (
	originPL origin = iota
	originDE
	originDK
	originEN
)

// lang is the preferred language of a person of this origin.
func (o origin) lang() string { return [...]string{"pl", "de", "da", "en"}[o] }

// namePool holds the first and last names of one origin. Polish surnames are
// given in their masculine form; feminine turns them into the woman's form.
type namePool struct {
	women, men, last []string
}

var pools = [...]namePool{
	originPL: {
		women: split(`Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Elżbieta Magdalena Joanna
			Aleksandra Monika Zofia Teresa Danuta Natalia Karolina Marta Beata Dorota Jadwiga Halina Iwona Jolanta
			Grażyna Justyna Paulina Żaneta Bożena Urszula Łucja Agata Weronika Julia Zuzanna Wiktoria Oliwia Hanna
			Alicja Gabriela Kinga Izabela Sylwia Renata Edyta Emilia Jagoda Wiesława`),
		men: split(`Piotr Krzysztof Andrzej Tomasz Paweł Jan Michał Marcin Stanisław Jakub Adam Marek Łukasz
			Grzegorz Mateusz Wojciech Mariusz Dariusz Zbigniew Jerzy Maciej Rafał Kamil Robert Szymon Bartłomiej
			Przemysław Sławomir Józef Kacper Mikołaj Jarosław`),
		last: split(`Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak
			Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek Piotrowski Grabowski
			Zając Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowski Majewski Olszewski Stępień
			Malinowski Jaworski Adamczyk Dudek Nowicki Pawlak Górski Witkowski Walczak Sikora Baran Rutkowski
			Michalak Szewczyk Ostrowski Tomaszewski Pietrzak Grzegorczyk Łęcki Żak Sobczak Czarnecki Ślusarczyk
			Głowacki Żukowski Błaszczyk Chmielewski Kołodziej Łuczak Śliwiński Gąsiorowski`),
	},
	originDE: {
		women: split(`Anna Maria Ursula Monika Petra Sabine Claudia Susanne Andrea Stefanie Julia Katharina Laura
			Lena Sophie Hannah Lea Jana Birgit Heike Karin Renate Gisela Brigitte Jutta Bärbel Käthe Dörte
			Hildegard Ute Jördis Annelie Frauke Sünje Mareike`),
		men: split(`Thomas Michael Andreas Stefan Christian Jürgen Klaus Uwe Wolfgang Frank Jörg Günter Björn
			Sönke Matthias Tobias Lukas Felix Jonas Maximilian Florian Sebastian Ralf Dieter Helmut Horst Götz
			Jan-Hendrik Hans-Jürgen`),
		last: split(`Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer
			Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt
			Werner Schmitz Krause Meier Lehmann Köhler Herrmann König Walter Huber Kaiser Fuchs Peters Scholz
			Möller Weiß Jung Hahn Schubert Vogel Keller Günther Berger Winkler Lorenz Baumann Groß Jäger Böhm
			Brückner Lüdtke Thießen Öztürk Dreßler Müller-Lüdenscheidt`),
	},
	originDK: {
		women: split(`Anne Kirsten Hanne Mette Anna Helle Susanne Lene Maria Marianne Lone Camilla Pia Louise
			Charlotte Tina Gitte Bente Inge Karen Ida Freja Emma Sofie Mathilde Signe Åse Søs Bodil Birthe Dorthe
			Jytte Grethe Ellen Mia Line Malene Sørine`),
		men: split(`Peter Jens Lars Henrik Søren Thomas Michael Niels Jørgen Anders Morten Martin Jan Rasmus Mads
			Frederik Christian Kasper Mikkel Bjørn Jesper Torben Poul Ole Kim Jakob Asger Bo Aksel Tue Øjvind Ebbe`),
		last: split(`Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen
			Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen Knudsen
			Jakobsen Mikkelsen Frederiksen Lund Holm Eriksen Clausen Østergaard Søndergaard Mønsted Ærø Øster
			Bøgh Dalsgård Kjær Lauridsen Nørgaard Bækgaard Højgaard Damgaard Skovgård Friis Vestergaard Brøndum`),
	},
	originEN: {
		women: split(`Emma Olivia Sarah Emily Charlotte Sophie Grace Chloe Hannah Lucy Megan Siobhan`),
		men:   split(`James Oliver William Thomas Daniel Michael David Jack Harry Samuel Connor Liam`),
		last: split(`Smith Johnson Williams Brown Taylor O'Brien Murphy Walker Wright Evans Thompson Clarke Hughes
			MacDonald Kelly O'Connor`),
	},
}

func split(s string) []string { return strings.Fields(s) }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// feminine gives the woman's form of a Polish surname: Kowalski → Kowalska.
func feminine(last string) string {
	if base, ok := strings.CutSuffix(last, "ki"); ok {
		return base + "ka"
	}
	return last
}

// originMix is how often each origin appears among a salon's clients: mostly
// local, some from the other two countries, a few English speakers.
func originMix(country string) []float64 {
	switch country {
	case "PL":
		return []float64{0.80, 0.07, 0.07, 0.06}
	case "DE", "AT":
		return []float64{0.08, 0.80, 0.06, 0.06}
	case "DK":
		return []float64{0.06, 0.08, 0.80, 0.06}
	default:
		return []float64{0.25, 0.25, 0.25, 0.25}
	}
}

// localOrigin is the origin most of a salon's people have.
func localOrigin(country string) origin {
	switch country {
	case "DE", "AT":
		return originDE
	case "DK":
		return originDK
	case "XX":
		return originEN
	}
	return originPL
}

func weighted(r *rand.Rand, w []float64) int {
	x := r.Float64()
	for i, p := range w {
		if x < p {
			return i
		}
		x -= p
	}
	return len(w) - 1
}

// lastName draws a surname of origin o in the right form for a woman or man.
func lastName(r *rand.Rand, o origin, female bool) string {
	l := pick(r, pools[o].last)
	if female && o == originPL {
		l = feminine(l)
	}
	return l
}

// personName draws a first and last name; some women (and a few men) carry a
// double surname whose second half may come from another country
// ("Kowalska-Øster").
func personName(r *rand.Rand, o origin, female bool) (first, last string) {
	if female {
		first = pick(r, pools[o].women)
	} else {
		first = pick(r, pools[o].men)
	}
	last = lastName(r, o, female)
	double := 0.01
	if female {
		double = 0.08
	}
	if !strings.Contains(last, "-") && r.Float64() < double {
		other := o
		if r.IntN(3) == 0 {
			other = origin(r.IntN(3))
		}
		if second := lastName(r, other, female); second != last {
			last += "-" + second
		}
	}
	return first, last
}

// nicknames are the short forms a person gives on the phone.
var nicknames = map[string]string{
	"Katarzyna": "Kasia", "Małgorzata": "Gosia", "Aleksandra": "Ola", "Magdalena": "Magda", "Agnieszka": "Aga",
	"Joanna": "Asia", "Elżbieta": "Ela", "Zuzanna": "Zuzia", "Krzysztof": "Krzysiek", "Tomasz": "Tomek",
	"Bartłomiej": "Bartek", "Mateusz": "Mati", "Katharina": "Kathi", "Stefanie": "Steffi",
	"Susanne": "Susi", "Christian": "Chris", "Maximilian": "Max", "Hans-Jürgen": "Hans", "Charlotte": "Lotte",
	"Mathilde": "Tilde", "Frederik": "Frede", "Samuel": "Sam", "Daniel": "Dan", "William": "Will",
}

// asciiSpelling is how a name is typed on a keyboard without its letters:
// Łukasz → Lukasz, Müller → Mueller, Søren → Soeren, Åse → Aase.
var asciiSpelling = strings.NewReplacer(
	"ą", "a", "ć", "c", "ę", "e", "ł", "l", "ń", "n", "ó", "o", "ś", "s", "ź", "z", "ż", "z",
	"Ą", "A", "Ć", "C", "Ę", "E", "Ł", "L", "Ń", "N", "Ó", "O", "Ś", "S", "Ź", "Z", "Ż", "Z",
	"ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue",
	"æ", "ae", "ø", "oe", "å", "aa", "Æ", "Ae", "Ø", "Oe", "Å", "Aa",
)

// misspell returns the same person's name as someone else might have typed
// it on a second card: without its letters, as a nickname, without the second
// half of a double surname, or with a typo.
func misspell(r *rand.Rand, first, last string) (string, string) {
	for range 8 {
		f, l := first, last
		switch r.IntN(4) {
		case 0:
			f, l = asciiSpelling.Replace(first), asciiSpelling.Replace(last)
		case 1:
			if n, ok := nicknames[first]; ok {
				f = n
			}
		case 2:
			if a, _, ok := strings.Cut(last, "-"); ok {
				l = a
			}
		case 3:
			l = typo(r, last)
		}
		if f != first || l != last {
			return f, l
		}
	}
	return first, typo(r, last)
}

// typo doubles a letter or swaps two neighbours inside a word.
func typo(r *rand.Rand, s string) string {
	rs := []rune(s)
	if len(rs) < 4 {
		return s + string(rs[len(rs)-1])
	}
	i := 1 + r.IntN(len(rs)-2)
	if r.IntN(2) == 0 && unicode.IsLower(rs[i]) && unicode.IsLower(rs[i+1]) && rs[i] != rs[i+1] {
		rs[i], rs[i+1] = rs[i+1], rs[i]
		return string(rs)
	}
	if !unicode.IsLetter(rs[i]) {
		i = 1
	}
	out := make([]rune, 0, len(rs)+1)
	out = append(out, rs[:i+1]...)
	out = append(out, rs[i:]...)
	return string(out)
}
