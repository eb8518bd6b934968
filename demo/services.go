package demo

import (
	"math"

	"kartoteka/store"
)

// group is a kind of visit: who books it and which stylist can do it.
type group uint8

const (
	groupWomen  group = iota // women's hair
	groupMen                 // men's and children's hair, beards
	groupNails               // manicure and pedicure
	groupBeauty              // brows and lashes
	numGroups
)

// Skills of a stylist: hair (women's and men's) or nails and beauty.
const (
	skillHair = iota
	skillNails
	numSkills
)

func (g group) skill() int {
	if g <= groupMen {
		return skillHair
	}
	return skillNails
}

// serviceDef is one line of a salon's price list.
type serviceDef struct {
	name, category string
	minutes        int
	price          int // whole units of the list's currency
	group          group
	weight         int // how often women book it within its group
	menWeight      int // how often men do
}

// catalogue is a price list in one language and currency.
type catalogue struct {
	currency string
	services []serviceDef
}

// catalogues are the price lists of a typical mid-priced salon.
var catalogues = map[string]catalogue{
	"pl": {"PLN", []serviceDef{
		{"Strzyżenie damskie", "Fryzjerstwo damskie", 60, 120, groupWomen, 30, 0},
		{"Strzyżenie i modelowanie", "Fryzjerstwo damskie", 75, 150, groupWomen, 14, 0},
		{"Modelowanie", "Fryzjerstwo damskie", 45, 80, groupWomen, 8, 0},
		{"Koloryzacja", "Fryzjerstwo damskie", 120, 250, groupWomen, 10, 0},
		{"Koloryzacja odrostów", "Fryzjerstwo damskie", 90, 180, groupWomen, 16, 0},
		{"Refleksy", "Fryzjerstwo damskie", 150, 320, groupWomen, 5, 0},
		{"Balayage", "Fryzjerstwo damskie", 180, 450, groupWomen, 5, 0},
		{"Keratynowe prostowanie", "Fryzjerstwo damskie", 180, 500, groupWomen, 2, 0},
		{"Upięcie okolicznościowe", "Fryzjerstwo damskie", 60, 180, groupWomen, 2, 0},
		{"Strzyżenie grzywki", "Fryzjerstwo damskie", 15, 30, groupWomen, 4, 0},
		{"Strzyżenie męskie", "Fryzjerstwo męskie", 30, 70, groupMen, 55, 55},
		{"Strzyżenie maszynką", "Fryzjerstwo męskie", 30, 50, groupMen, 15, 15},
		{"Strzyżenie brody", "Fryzjerstwo męskie", 30, 50, groupMen, 20, 20},
		{"Strzyżenie dziecięce", "Fryzjerstwo męskie", 30, 50, groupMen, 10, 10},
		{"Manicure klasyczny", "Paznokcie", 45, 70, groupNails, 20, 60},
		{"Manicure hybrydowy", "Paznokcie", 60, 120, groupNails, 45, 0},
		{"Przedłużanie paznokci żelem", "Paznokcie", 120, 200, groupNails, 10, 0},
		{"Pedicure", "Paznokcie", 60, 130, groupNails, 15, 40},
		{"Pedicure hybrydowy", "Paznokcie", 75, 150, groupNails, 10, 0},
		{"Henna brwi i rzęs", "Kosmetyka", 30, 50, groupBeauty, 35, 0},
		{"Regulacja brwi", "Kosmetyka", 15, 25, groupBeauty, 30, 100},
		{"Laminacja brwi", "Kosmetyka", 45, 120, groupBeauty, 15, 0},
		{"Lifting rzęs", "Kosmetyka", 60, 150, groupBeauty, 20, 0},
	}},
	"de": {"EUR", []serviceDef{
		{"Damenhaarschnitt", "Damen", 60, 49, groupWomen, 30, 0},
		{"Waschen, Schneiden, Föhnen", "Damen", 75, 59, groupWomen, 14, 0},
		{"Föhnen", "Damen", 45, 35, groupWomen, 8, 0},
		{"Färben", "Damen", 120, 85, groupWomen, 10, 0},
		{"Ansatzfarbe", "Damen", 90, 65, groupWomen, 16, 0},
		{"Foliensträhnen", "Damen", 150, 110, groupWomen, 5, 0},
		{"Balayage", "Damen", 180, 160, groupWomen, 5, 0},
		{"Keratin-Glättung", "Damen", 180, 190, groupWomen, 2, 0},
		{"Hochsteckfrisur", "Damen", 60, 65, groupWomen, 2, 0},
		{"Pony schneiden", "Damen", 15, 10, groupWomen, 4, 0},
		{"Herrenhaarschnitt", "Herren", 30, 29, groupMen, 55, 55},
		{"Maschinenschnitt", "Herren", 30, 22, groupMen, 15, 15},
		{"Bartpflege", "Herren", 30, 19, groupMen, 20, 20},
		{"Kinderhaarschnitt", "Herren", 30, 18, groupMen, 10, 10},
		{"Maniküre", "Nägel", 45, 29, groupNails, 20, 60},
		{"Shellac-Maniküre", "Nägel", 60, 39, groupNails, 45, 0},
		{"Gelnägel Neumodellage", "Nägel", 120, 69, groupNails, 10, 0},
		{"Pediküre", "Nägel", 60, 39, groupNails, 15, 40},
		{"Pediküre mit Shellac", "Nägel", 75, 49, groupNails, 10, 0},
		{"Wimpern und Brauen färben", "Kosmetik", 30, 22, groupBeauty, 35, 0},
		{"Augenbrauen zupfen", "Kosmetik", 15, 12, groupBeauty, 30, 100},
		{"Brow Lifting", "Kosmetik", 45, 49, groupBeauty, 15, 0},
		{"Wimpernlifting", "Kosmetik", 60, 59, groupBeauty, 20, 0},
	}},
	"da": {"DKK", []serviceDef{
		{"Dameklip", "Dame", 60, 595, groupWomen, 30, 0},
		{"Klip og føn", "Dame", 75, 695, groupWomen, 14, 0},
		{"Føn", "Dame", 45, 350, groupWomen, 8, 0},
		{"Farve", "Dame", 120, 995, groupWomen, 10, 0},
		{"Bundfarve", "Dame", 90, 795, groupWomen, 16, 0},
		{"Striber med folie", "Dame", 150, 1295, groupWomen, 5, 0},
		{"Balayage", "Dame", 180, 1795, groupWomen, 5, 0},
		{"Keratinbehandling", "Dame", 180, 1995, groupWomen, 2, 0},
		{"Opsætning", "Dame", 60, 695, groupWomen, 2, 0},
		{"Pandehår", "Dame", 15, 100, groupWomen, 4, 0},
		{"Herreklip", "Herre", 30, 395, groupMen, 55, 55},
		{"Maskinklip", "Herre", 30, 295, groupMen, 15, 15},
		{"Skægtrim", "Herre", 30, 225, groupMen, 20, 20},
		{"Børneklip", "Herre", 30, 275, groupMen, 10, 10},
		{"Manicure", "Negle", 45, 349, groupNails, 20, 60},
		{"Gellak manicure", "Negle", 60, 449, groupNails, 45, 0},
		{"Gelénegle, nyt sæt", "Negle", 120, 795, groupNails, 10, 0},
		{"Fodpleje", "Negle", 60, 449, groupNails, 15, 40},
		{"Fodpleje med gellak", "Negle", 75, 549, groupNails, 10, 0},
		{"Farvning af bryn og vipper", "Bryn og vipper", 30, 250, groupBeauty, 35, 0},
		{"Brynsretning", "Bryn og vipper", 15, 150, groupBeauty, 30, 100},
		{"Brow lift", "Bryn og vipper", 45, 499, groupBeauty, 15, 0},
		{"Lash lift", "Bryn og vipper", 60, 595, groupBeauty, 20, 0},
	}},
	"en": {"EUR", []serviceDef{
		{"Women's cut", "Women", 60, 55, groupWomen, 30, 0},
		{"Cut and blow-dry", "Women", 75, 65, groupWomen, 14, 0},
		{"Blow-dry", "Women", 45, 35, groupWomen, 8, 0},
		{"Full colour", "Women", 120, 95, groupWomen, 10, 0},
		{"Root colour", "Women", 90, 70, groupWomen, 16, 0},
		{"Foil highlights", "Women", 150, 120, groupWomen, 5, 0},
		{"Balayage", "Women", 180, 170, groupWomen, 5, 0},
		{"Keratin smoothing", "Women", 180, 200, groupWomen, 2, 0},
		{"Updo", "Women", 60, 70, groupWomen, 2, 0},
		{"Fringe trim", "Women", 15, 10, groupWomen, 4, 0},
		{"Men's cut", "Men", 30, 32, groupMen, 55, 55},
		{"Clipper cut", "Men", 30, 24, groupMen, 15, 15},
		{"Beard trim", "Men", 30, 18, groupMen, 20, 20},
		{"Children's cut", "Men", 30, 20, groupMen, 10, 10},
		{"Manicure", "Nails", 45, 30, groupNails, 20, 60},
		{"Gel polish manicure", "Nails", 60, 40, groupNails, 45, 0},
		{"Gel extensions, full set", "Nails", 120, 70, groupNails, 10, 0},
		{"Pedicure", "Nails", 60, 40, groupNails, 15, 40},
		{"Gel polish pedicure", "Nails", 75, 50, groupNails, 10, 0},
		{"Brow and lash tint", "Brows and lashes", 30, 25, groupBeauty, 35, 0},
		{"Brow shaping", "Brows and lashes", 15, 14, groupBeauty, 30, 100},
		{"Brow lamination", "Brows and lashes", 45, 50, groupBeauty, 15, 0},
		{"Lash lift", "Brows and lashes", 60, 60, groupBeauty, 20, 0},
	}},
}

// perEuro are rough exchange rates, enough to make a price list believable
// in a currency it was not written in.
var perEuro = map[string]float64{
	"EUR": 1, "PLN": 4.3, "DKK": 7.46, "CHF": 0.94, "GBP": 0.85, "SEK": 11.3, "NOK": 11.6, "CZK": 25, "USD": 1.08,
}

// priceStep is the round amount, in minor units, prices of currency end on.
func priceStep(currency string) int64 {
	switch currency {
	case "PLN", "DKK", "SEK", "NOK":
		return 500
	case "CZK":
		return 1000
	}
	return 100
}

// roundTo rounds minor units to the nearest step, never below one step.
func roundTo(minor float64, step int64) int64 {
	return max(step, int64(math.Round(minor/float64(step)))*step)
}

// priceList returns the salon's services: the list of its language, priced
// in its currency.
func priceList(salon store.Salon) []store.Service {
	cat, ok := catalogues[salon.Language]
	if !ok {
		cat = catalogues["en"]
	}
	rate := 1.0
	if r, ok := perEuro[salon.Currency]; ok && salon.Currency != cat.currency {
		rate = r / perEuro[cat.currency]
	}
	out := make([]store.Service, len(cat.services))
	for i, d := range cat.services {
		out[i] = store.Service{Name: d.name, Category: d.category, Minutes: d.minutes,
			Price: store.Money{Minor: roundTo(float64(d.price)*100*rate, priceStep(salon.Currency)), Currency: salon.Currency}}
	}
	return out
}

// serviceDefs returns the definitions behind priceList, in the same order.
func serviceDefs(lang string) []serviceDef {
	if cat, ok := catalogues[lang]; ok {
		return cat.services
	}
	return catalogues["en"].services
}
