package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// texts are the free-text snippets of one language. Client notes and health
// notes are in the client's language; what staff write on bookings,
// payments and restrictions is in the salon's.
type texts struct {
	clientNotes  []string
	healthNotes  []string // may hold one %s: the date of a patch test
	colourNotes  []string // formulas noted after colour services
	visitNotes   []string
	cancelNotes  []string
	noShowNotes  []string
	paymentNotes []string
	restrictions []string
	dateLayout   string
}

var textsByLang = map[string]texts{
	"pl": {
		clientNotes: []string{"Woli kawę z mlekiem", "Najchętniej wizyty po 17:00", "Przychodzi z córką",
			"Wrażliwa skóra głowy – delikatny szampon", "Lubi krótkie fryzury", "Nie lubi rozmów podczas zabiegu",
			"Prosi o przypomnienie SMS dzień wcześniej", "Farbuje włosy w domu – sprawdzić przed koloryzacją",
			"Bywa u nas od lat", "Włosy cienkie, bez cieniowania"},
		healthNotes: []string{"Alergia na PPD – tylko farby bez PPD", "Test płatkowy %s: wynik ujemny",
			"Uczulenie na nikiel", "Łuszczyca skóry głowy – łagodne produkty", "Alergia na lateks – rękawiczki nitrylowe",
			"Nadwrażliwość na substancje zapachowe", "Test płatkowy %s: zaczerwienienie – nie farbować"},
		colourNotes: []string{"Kolor 7.1 + oksydant 6%, 35 min", "Odrost 3 cm: 6.0 + 6.1 (1:1), 6%, 35 min",
			"Rozjaśniacz + 9%, tonowanie 9.12", "Kolor 5.35 + 6%, na długości 3% 10 min"},
		visitNotes: []string{"Skrócić o 5 cm, grzywka na bok", "Prośba: krótszy tył", "Spóźnienie 15 min",
			"Pierwsza wizyta – konsultacja koloru", "Przełożone z poprzedniego tygodnia", "Umówić ponownie za 6 tygodni"},
		cancelNotes:  []string{"Odwołane telefonicznie", "Odwołane SMS-em", "Choroba", "Przełożone na inny termin"},
		noShowNotes:  []string{"Nieobecność bez odwołania, brak kontaktu", "Nie odbiera telefonu"},
		paymentNotes: []string{"Bon podarunkowy", "Rabat stałego klienta 10%", "Reszta wydana z kasy"},
		restrictions: []string{"Klient kwestionuje prawidłowość danych – trwa weryfikacja (art. 18 ust. 1 lit. a RODO)",
			"Sprzeciw wobec przetwarzania – do rozpatrzenia (art. 21 RODO)",
			"Dane potrzebne do rozpatrzenia reklamacji – nie usuwać"},
		dateLayout: "02.01.2006",
	},
	"de": {
		clientNotes: []string{"Trinkt gern Cappuccino", "Bevorzugt Termine am Vormittag", "Kommt meist mit der Tochter",
			"Empfindliche Kopfhaut – mildes Shampoo", "Mag es kurz", "Möchte beim Schneiden wenig reden",
			"Bitte am Vortag per SMS erinnern", "Färbt zu Hause nach – vor dem Färben prüfen", "Seit Jahren bei uns",
			"Feines Haar, nicht stufig schneiden"},
		healthNotes: []string{"Allergie gegen PPD – nur PPD-freie Farbe", "Allergietest am %s: negativ", "Nickelallergie",
			"Schuppenflechte der Kopfhaut – milde Produkte", "Latexallergie – Nitrilhandschuhe verwenden",
			"Duftstoffallergie", "Allergietest am %s: Rötung – nicht färben"},
		colourNotes: []string{"Farbe 7/1 + 6 %, 35 Min.", "Ansatz 3 cm: 6/0 + 6/1 (1:1), 6 %, 35 Min.",
			"Blondierung + 9 %, Tönung 9/12", "Farbe 5/35 + 6 %, Längen 3 % 10 Min."},
		visitNotes: []string{"5 cm kürzer, Pony seitlich", "Hinten etwas kürzer gewünscht", "15 Min. verspätet",
			"Erster Besuch – Farbberatung", "Von letzter Woche verschoben", "Zufrieden, in 6 Wochen wieder"},
		cancelNotes:  []string{"Telefonisch abgesagt", "Per SMS abgesagt", "Krankheit", "Verschoben"},
		noShowNotes:  []string{"Nicht erschienen, telefonisch nicht erreichbar", "Nicht erschienen"},
		paymentNotes: []string{"Gutschein eingelöst", "Stammkundenrabatt 10 %", "Trinkgeld separat"},
		restrictions: []string{"Kunde bestreitet die Richtigkeit der Daten – Prüfung läuft (Art. 18 Abs. 1 lit. a DSGVO)",
			"Widerspruch eingelegt – wird geprüft (Art. 21 DSGVO)",
			"Daten für eine Reklamation benötigt – nicht löschen"},
		dateLayout: "02.01.2006",
	},
	"da": {
		clientNotes: []string{"Drikker gerne kaffe med mælk", "Foretrækker tider efter kl. 16", "Kommer ofte med sin datter",
			"Følsom hovedbund – mild shampoo", "Kan lide kort hår", "Snakker ikke så meget under klipningen",
			"Ønsker SMS-påmindelse dagen før", "Farver selv hjemme – tjek før farvning", "Fast kunde i mange år",
			"Fint hår, ikke for meget trappeklip"},
		healthNotes: []string{"Allergisk over for PPD – kun PPD-fri farve", "Lappetest %s: negativ", "Nikkelallergi",
			"Psoriasis i hovedbunden – milde produkter", "Latexallergi – brug nitrilhandsker", "Parfumeallergi",
			"Lappetest %s: rødme – må ikke farves"},
		colourNotes: []string{"Farve 7.1 + 6 %, 35 min", "Udvækst 3 cm: 6.0 + 6.1 (1:1), 6 %, 35 min",
			"Afblegning + 9 %, toning 9.12", "Farve 5.35 + 6 %, længder 3 % 10 min"},
		visitNotes: []string{"5 cm af, pandehår til siden", "Ønsker kortere i nakken", "Kom 15 min for sent",
			"Første besøg – farverådgivning", "Flyttet fra sidste uge", "Tilfreds, ny tid om 6 uger"},
		cancelNotes:  []string{"Aflyst telefonisk", "Aflyst på SMS", "Sygdom", "Flyttet til en anden dag"},
		noShowNotes:  []string{"Udeblev uden afbud", "Udeblev, tager ikke telefonen"},
		paymentNotes: []string{"Gavekort", "Stamkunderabat 10 %", "Drikkepenge separat"},
		restrictions: []string{"Kunden bestrider oplysningernes rigtighed – undersøges (art. 18, stk. 1, litra a)",
			"Indsigelse modtaget – behandles (art. 21)",
			"Oplysningerne skal bruges i en reklamationssag – må ikke slettes"},
		dateLayout: "2.1.2006",
	},
	"en": {
		clientNotes: []string{"Likes tea with milk", "Prefers appointments after 5 pm", "Usually comes with their daughter",
			"Sensitive scalp – mild shampoo", "Likes it short", "Prefers a quiet appointment",
			"Wants a text reminder the day before", "Colours at home – check before colouring", "A regular for years",
			"Fine hair, no heavy layering"},
		healthNotes: []string{"PPD allergy – PPD-free colour only", "Patch test %s: negative", "Nickel allergy",
			"Scalp psoriasis – gentle products", "Latex allergy – use nitrile gloves", "Fragrance allergy",
			"Patch test %s: redness – do not colour"},
		colourNotes: []string{"Colour 7.1 + 6% developer, 35 min", "Roots 3 cm: 6.0 + 6.1 (1:1), 6%, 35 min",
			"Lightener + 9%, toner 9.12", "Colour 5.35 + 6%, lengths 3% 10 min"},
		visitNotes: []string{"5 cm off, side fringe", "Wants the back shorter", "15 min late",
			"First visit – colour consultation", "Moved from last week", "Happy, rebook in 6 weeks"},
		cancelNotes:  []string{"Cancelled by phone", "Cancelled by text", "Illness", "Rescheduled"},
		noShowNotes:  []string{"Did not show, no answer by phone", "Did not show"},
		paymentNotes: []string{"Gift voucher", "Loyalty discount 10%", "Tip paid separately"},
		restrictions: []string{"Client contests the accuracy of their data – being checked (Art. 18(1)(a) GDPR)",
			"Objection received – under review (Art. 21 GDPR)",
			"Data needed for a complaint – do not erase"},
		dateLayout: "2006-01-02",
	},
}

func textsFor(lang string) texts {
	if t, ok := textsByLang[lang]; ok {
		return t
	}
	return textsByLang["en"]
}

// healthNote draws a health note, dating a patch test shortly before at.
func (t texts) healthNote(r *rand.Rand, at time.Time) string {
	n := pick(r, t.healthNotes)
	if strings.Contains(n, "%s") {
		return fmt.Sprintf(n, at.AddDate(0, 0, -2-r.IntN(10)).Format(t.dateLayout))
	}
	return n
}
