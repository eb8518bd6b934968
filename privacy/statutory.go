package privacy

import "time"

// StatutoryYears is how long the law keeps invoices unchanged in the salon's
// country: PL 5 (counted from the end of the year after issue, see
// [InvoicePurgeDate]), DK 5, DE 8 (§ 147 AO since 2025; books 10), AT 7
// (§ 132 BAO). For other countries it is 0: the owner sets the period (the
// retention settings), and until they do 5 years are kept.
func StatutoryYears(country string) int {
	switch country {
	case "PL", "DK":
		return 5
	case "DE":
		return 8
	case "AT":
		return 7
	default:
		return 0
	}
}

// defaultStatutoryYears is the period kept where the law is not known here
// and the owner has set none.
const defaultStatutoryYears = 5

// MinStatutoryYears is the shortest period the owner may set: the law's in
// the countries it knows, a year elsewhere.
func MinStatutoryYears(country string) int { return max(StatutoryYears(country), 1) }

// KeptYears is how many years invoices are kept: the owner's setting when
// it is longer than the law's, never shorter.
func KeptYears(country string, owners int) int {
	if law := StatutoryYears(country); law > 0 || owners > 0 {
		return max(law, owners)
	}
	return defaultStatutoryYears
}

// InvoicePurgeDate is the first day an invoice's buyer data may be purged,
// the owner's longer period (ownersYears, 0 for none) taken into account.
// The period runs from the end of a calendar year: in Poland the year after
// issue, in which the tax the invoice feeds falls due (Ordynacja podatkowa
// art. 70 § 1 and art. 86 § 1: an invoice of year Y is kept to the end of
// Y+6); elsewhere the year of issue (DE § 147 Abs. 4 AO; DK the financial
// year, taken as the calendar year; AT § 132 BAO).
func InvoicePurgeDate(issued time.Time, country string, ownersYears int) time.Time {
	start := issued.Year()
	if country == "PL" {
		start++
	}
	return time.Date(start+KeptYears(country, ownersYears)+1, 1, 1, 0, 0, 0, 0, issued.Location())
}

// invoiceLaw names, in the language of tr, the law that makes the salon
// keep its invoices and books unchanged: the salon's country's, not the
// export's language's (a Polish salon's client reading in Danish is still
// under Polish tax law). The statutes keep their own names, as the
// authorities do ([authority]): PL Ordynacja podatkowa art. 70 § 1 and
// art. 86 § 1 with ustawa o VAT art. 112; DE § 147 Abs. 4 AO and § 14b
// UStG; DK bogføringsloven § 12; AT § 132 BAO; elsewhere the country's
// tax and accounting law, unnamed. The words read after a colon or inside
// brackets, in every language, and hold no brackets of their own.
func invoiceLaw(country string, tr *words) string {
	switch country {
	case "PL":
		return tr.L("Polish tax law – Ordynacja podatkowa art. 70 § 1 and art. 86 § 1, ustawa o VAT art. 112")
	case "DE":
		return tr.L("German tax law – § 147 Abs. 4 AO, § 14b UStG")
	case "DK":
		return tr.L("Danish bookkeeping law – bogføringsloven § 12")
	case "AT":
		return tr.L("Austrian tax law – § 132 BAO")
	}
	return tr.L("the tax and accounting law of the salon's country")
}
