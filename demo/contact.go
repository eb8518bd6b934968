package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"kartoteka/store"
)

// homeCountry is the country whose phone a person of origin o brings along.
func (o origin) homeCountry() string { return [...]string{"PL", "DE", "DK", "GB"}[o] }

// mobile draws a mobile number of country in E.164 and writes it the way a
// person would type it: national for the salon's own country, with the
// country code for a foreign one.
func mobile(r *rand.Rand, country string, local bool) (e164, typed string) {
	digits := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		return b.String()
	}
	var cc, nat string
	switch country {
	case "DE":
		cc = "49"
		if p := pick(r, []string{"151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "174", "175", "176", "177", "178", "179"}); p[1] == '5' {
			nat = p + digits(8)
		} else {
			nat = p + digits(7)
		}
	case "DK":
		cc = "45"
		nat = pick(r, []string{"20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "40", "41", "42", "50", "51", "52", "53", "60", "61", "71", "81", "91", "92", "93"}) + string(rune('1'+r.IntN(9))) + digits(5)
	case "AT":
		cc = "43"
		nat = pick(r, []string{"650", "660", "664", "676", "680", "681", "688", "699"}) + digits(7)
	case "GB":
		cc = "44"
		nat = "74" + pick(r, []string{"0", "1", "2", "3", "4", "6", "7", "8", "9"}) + digits(7)
	default:
		cc = "48"
		nat = pick(r, []string{"50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"}) + digits(7)
	}
	e164 = "+" + cc + nat
	if !local {
		return e164, "+" + cc + " " + groups(nat, 3)
	}
	switch country {
	case "PL":
		typed = pick(r, []string{groups(nat, 3), nat, strings.ReplaceAll(groups(nat, 3), " ", "-"), "+48 " + groups(nat, 3)})
	case "DK":
		typed = pick(r, []string{groups(nat, 2), nat, "+45 " + groups(nat, 2)})
	default: // DE, AT: a trunk 0 and the network prefix apart
		typed = pick(r, []string{"0" + nat[:3] + " " + nat[3:], "0" + nat[:3] + "/" + nat[3:], "+" + cc + " " + nat[:3] + " " + nat[3:]})
	}
	return e164, typed
}

// groups writes s in groups of n digits, separated by spaces.
func groups(s string, n int) string {
	var b strings.Builder
	for i := 0; i < len(s); i += n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+n, len(s))])
	}
	return b.String()
}

// mailDomains are example domains only, flavoured by language: no mail can
// ever reach a real person.
var mailDomains = map[string][]string{
	"pl": {"example.pl", "example.pl", "example.com", "example.net"},
	"de": {"example.de", "example.de", "example.com", "example.org"},
	"da": {"example.dk", "example.dk", "example.com", "example.net"},
	"en": {"example.com", "example.org", "example.net"},
}

// emailLocal keeps what may stand in the local part of a plain address.
func emailLocal(s string) string {
	return strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' {
			return c
		}
		return -1
	}, store.Fold(s))
}

// email makes an address from the folded name in one of the usual shapes;
// used keeps addresses unique among different people.
func email(r *rand.Rand, first, last, lang string, born int, used map[string]struct{}) string {
	f, l := emailLocal(first), emailLocal(last)
	var local string
	switch r.IntN(7) {
	case 0, 1:
		local = f + "." + l
	case 2:
		local = f + l
	case 3:
		local = f[:1] + "." + l
	case 4:
		local = f + "_" + l
	case 5:
		local = l + "." + f
	default:
		local = fmt.Sprintf("%s.%s%02d", f, l, born%100)
	}
	domain := pick(r, mailDomains[lang])
	addr := local + "@" + domain
	for n := 2; ; n++ {
		if _, taken := used[addr]; !taken {
			break
		}
		addr = fmt.Sprintf("%s%d@%s", local, n, domain)
	}
	used[addr] = struct{}{}
	return addr
}

// city is a town with its postcodes.
type city struct {
	name      string
	postcodes []string // prefixes; the rest is random digits up to the country's length
}

var cities = map[string][]city{
	"PL": {{"Warszawa", split("00 01 02 03 04")}, {"Kraków", split("30 31")}, {"Wrocław", split("50 51 53 54")},
		{"Poznań", split("60 61")}, {"Gdańsk", split("80")}, {"Łódź", split("90 91 92 93 94")}},
	"DE": {{"Berlin", split("10 12 13")}, {"Hamburg", split("20 22")}, {"München", split("80 81")},
		{"Köln", split("50 51")}, {"Leipzig", split("04")}, {"Düsseldorf", split("40")}},
	"AT": {{"Wien", split("1010 1020 1030 1040 1050 1060 1070 1080 1090 1100 1120 1150 1180")},
		{"Graz", split("8010 8020 8036")}, {"Linz", split("4020 4030")}, {"Salzburg", split("5020")}},
	"DK": {{"København K", split("1050 1120 1260 1360 1450")}, {"København Ø", split("2100")},
		{"Frederiksberg", split("2000")}, {"Aarhus C", split("8000")}, {"Odense C", split("5000")}, {"Aalborg", split("9000")}},
	"XX": {{"London", split("NW1 SE1 E2 N7")}, {"Manchester", split("M1 M4")}, {"Bristol", split("BS1 BS8")}},
}

var streets = map[string][]string{
	"PL": {"ul. Kwiatowa", "ul. Polna", "ul. Lipowa", "ul. Słoneczna", "ul. Ogrodowa", "ul. Mickiewicza",
		"ul. Sienkiewicza", "ul. Kościuszki", "ul. Żeromskiego", "ul. Piłsudskiego", "ul. Łąkowa", "ul. Źródlana",
		"ul. Świętokrzyska", "al. Niepodległości", "ul. Wrzosowa", "os. Tysiąclecia"},
	"DE": {"Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Gartenweg", "Lindenallee",
		"Mühlenweg", "Schloßstraße", "Am Brühl", "Friedrichstraße", "Rosenstraße", "Königstraße", "Bergstraße"},
	"AT": {"Hauptplatz", "Mariahilfer Straße", "Getreidegasse", "Landstraßer Hauptstraße", "Wiener Straße",
		"Kirchengasse", "Schönbrunner Straße", "Mühlgasse"},
	"DK": {"Østergade", "Vestergade", "Nørregade", "Søndergade", "Algade", "Skolevej", "Kirkevej", "Strandvejen",
		"Åboulevarden", "Møllevej", "Ægirsgade", "Jægersborggade", "Blågårdsgade"},
	"XX": {"High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane"},
}

// addressIn writes an address in the country's own style; most clients live
// in the salon's town.
func addressIn(r *rand.Rand, country string, home city) string {
	c := home
	if r.IntN(6) == 0 {
		c = pick(r, cities[country])
	}
	pc := pick(r, c.postcodes)
	street, n := pick(r, streets[country]), 1+r.IntN(120)
	switch country {
	case "PL":
		flat := ""
		if r.IntN(2) == 0 {
			flat = fmt.Sprintf("/%d", 1+r.IntN(60))
		}
		return fmt.Sprintf("%s %d%s, %s-%03d %s", street, n, flat, pc, r.IntN(1000), c.name)
	case "DE":
		return fmt.Sprintf("%s %d, %s%03d %s", street, n, pc, r.IntN(1000), c.name)
	case "AT":
		return fmt.Sprintf("%s %d, %s %s", street, n, pc, c.name)
	case "DK":
		floor := ""
		if r.IntN(2) == 0 {
			floor = fmt.Sprintf(", %d. %s", 1+r.IntN(5), pick(r, []string{"tv.", "th.", "mf."}))
		}
		return fmt.Sprintf("%s %d%s, %s %s", street, n, floor, pc, c.name)
	default:
		return fmt.Sprintf("%d %s, %s %s %d%c%c", n, street, c.name, pc, r.IntN(10), 'A'+r.IntN(26), 'A'+r.IntN(26))
	}
}

// taxID draws a business tax number of the country, with a valid check
// digit where the country has one (Polish NIP, Danish CVR).
func taxID(r *rand.Rand, country string) string {
	d := func() int { return r.IntN(10) }
	switch country {
	case "PL":
		w := [9]int{6, 5, 7, 2, 3, 4, 5, 6, 7}
		for {
			var b strings.Builder
			sum := 0
			for i := range 9 {
				x := d()
				if i == 0 {
					x = 1 + r.IntN(9)
				}
				sum += w[i] * x
				b.WriteByte(byte('0' + x))
			}
			if c := sum % 11; c < 10 {
				return b.String() + string(rune('0'+c))
			}
		}
	case "DK":
		w := [7]int{2, 7, 6, 5, 4, 3, 2}
		for {
			var b strings.Builder
			sum := 0
			for i := range 7 {
				x := d()
				if i == 0 {
					x = 1 + r.IntN(9)
				}
				sum += w[i] * x
				b.WriteByte(byte('0' + x))
			}
			if c := (11 - sum%11) % 11; c < 10 {
				return "DK" + b.String() + string(rune('0'+c))
			}
		}
	case "DE":
		return fmt.Sprintf("DE%09d", 100000000+r.IntN(900000000))
	case "AT":
		return fmt.Sprintf("ATU%08d", 10000000+r.IntN(90000000))
	}
	return fmt.Sprintf("GB%09d", 100000000+r.IntN(900000000))
}
