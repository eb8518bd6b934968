package privacy

import "kartoteka/store"

// The supervisory authorities a client may complain to (GDPR Art. 77), by
// the salon's country and, in Germany, its Land: for a private business
// such as a salon, the Land's authority (§ 40 BDSG), not the federal one.
//
// The names, addresses and websites change now and then (a move, a new
// name after a law): check every entry against the authority's own website
// once a year, and when a client's letter comes back. Names stay in the authority's own language in every export.
var (
	authorityPL = Authority{Name: "Prezes Urzędu Ochrony Danych Osobowych (UODO)", Address: "ul. Stawki 2, 00-193 Warszawa", Web: "https://uodo.gov.pl"}
	authorityDK = Authority{Name: "Datatilsynet", Address: "Carl Jacobsens Vej 35, 2500 Valby", Web: "https://www.datatilsynet.dk"}
	authorityAT = Authority{Name: "Österreichische Datenschutzbehörde", Address: "Barichgasse 40–42, 1030 Wien", Web: "https://www.dsb.gv.at"}
)

// germanLand is a Land of Germany: its German name and the authority that
// supervises the private sector there.
type germanLand struct {
	Name      string
	Authority Authority
}

// germanLands are the 16 Länder by their codes (store.GermanLands).
var germanLands = map[string]germanLand{
	"BW": {"Baden-Württemberg", Authority{"Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg",
		"Lautenschlagerstraße 20, 70173 Stuttgart", "https://www.baden-wuerttemberg.datenschutz.de"}},
	"BY": {"Bayern", Authority{"Bayerisches Landesamt für Datenschutzaufsicht (BayLDA)",
		"Promenade 18, 91522 Ansbach", "https://www.lda.bayern.de"}},
	"BE": {"Berlin", Authority{"Berliner Beauftragte für Datenschutz und Informationsfreiheit",
		"Alt-Moabit 59–61, 10555 Berlin", "https://www.datenschutz-berlin.de"}},
	"BB": {"Brandenburg", Authority{"Die Landesbeauftragte für den Datenschutz und für das Recht auf Akteneinsicht Brandenburg",
		"Stahnsdorfer Damm 77, 14532 Kleinmachnow", "https://www.lda.brandenburg.de"}},
	"HB": {"Bremen", Authority{"Die Landesbeauftragte für Datenschutz und Informationsfreiheit der Freien Hansestadt Bremen",
		"Arndtstraße 1, 27570 Bremerhaven", "https://www.datenschutz.bremen.de"}},
	"HH": {"Hamburg", Authority{"Der Hamburgische Beauftragte für Datenschutz und Informationsfreiheit",
		"Ludwig-Erhard-Straße 22, 20459 Hamburg", "https://datenschutz-hamburg.de"}},
	"HE": {"Hessen", Authority{"Der Hessische Beauftragte für Datenschutz und Informationsfreiheit",
		"Gustav-Stresemann-Ring 1, 65189 Wiesbaden", "https://datenschutz.hessen.de"}},
	"MV": {"Mecklenburg-Vorpommern", Authority{"Der Landesbeauftragte für Datenschutz und Informationsfreiheit Mecklenburg-Vorpommern",
		"Werderstraße 74a, 19055 Schwerin", "https://www.datenschutz-mv.de"}},
	"NI": {"Niedersachsen", Authority{"Die Landesbeauftragte für den Datenschutz Niedersachsen",
		"Prinzenstraße 5, 30159 Hannover", "https://www.lfd.niedersachsen.de"}},
	"NW": {"Nordrhein-Westfalen", Authority{"Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen",
		"Kavalleriestraße 2–4, 40213 Düsseldorf", "https://www.ldi.nrw.de"}},
	"RP": {"Rheinland-Pfalz", Authority{"Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Rheinland-Pfalz",
		"Hintere Bleiche 34, 55116 Mainz", "https://www.datenschutz.rlp.de"}},
	"SL": {"Saarland", Authority{"Unabhängiges Datenschutzzentrum Saarland",
		"Fritz-Dobisch-Straße 12, 66111 Saarbrücken", "https://www.datenschutz.saarland.de"}},
	"SN": {"Sachsen", Authority{"Die Sächsische Datenschutz- und Transparenzbeauftragte",
		"Devrientstraße 5, 01067 Dresden", "https://www.datenschutz.sachsen.de"}},
	"ST": {"Sachsen-Anhalt", Authority{"Der Landesbeauftragte für den Datenschutz Sachsen-Anhalt",
		"Otto-von-Guericke-Straße 34a, 39104 Magdeburg", "https://datenschutz.sachsen-anhalt.de"}},
	"SH": {"Schleswig-Holstein", Authority{"Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein",
		"Holstenstraße 98, 24103 Kiel", "https://www.datenschutzzentrum.de"}},
	"TH": {"Thüringen", Authority{"Der Thüringer Landesbeauftragte für den Datenschutz und die Informationsfreiheit",
		"Häßlerstraße 8, 99096 Erfurt", "https://www.tlfdi.de"}},
}

// LandName is the German name of the Land with code (store.GermanLands),
// as "Bayern"; empty for any other code.
func LandName(code string) string { return germanLands[code].Name }

// authority is the supervisory authority of salon: its country's, in
// Germany its Land's; for a German salon with no Land set, words that send
// the client to the list of all of them.
func authority(salon store.Salon, tr *words) Authority {
	switch salon.Country {
	case "PL":
		return authorityPL
	case "DK":
		return authorityDK
	case "AT":
		return authorityAT
	case "DE":
		if l, ok := germanLands[salon.Land]; ok {
			return l.Authority
		}
		return Authority{Name: tr.L("The data protection authority of the federal state (Land) where the salon is"),
			Address: tr.L("Each state has its own; the Federal Commissioner lists them all."),
			Web:     "https://www.bfdi.bund.de/DE/Service/Anschriften/Laender/Laender-node.html"}
	default:
		return Authority{Name: tr.L("The data protection authority of the country where you live, work or where the salon is"),
			Address: tr.L("The European Data Protection Board lists every authority."),
			Web:     "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en"}
	}
}
