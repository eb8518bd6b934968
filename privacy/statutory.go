package privacy

import "time"

// StatutoryYears is how long invoices are kept unchanged, by the salon's
// country, counted from the end of the calendar year of issue: PL 5, DK 5,
// DE 8 (since 2025; books 10), AT 7. Other countries: 5 until the owner sets
// their own (the retention settings).
func StatutoryYears(country string) int {
	switch country {
	case "DE":
		return 8
	case "AT":
		return 7
	default:
		return 5
	}
}

// InvoicePurgeDate is the first day an invoice's buyer data may be purged:
// the end of its year of issue plus the statutory period.
func InvoicePurgeDate(issued time.Time, country string) time.Time {
	return time.Date(issued.Year()+StatutoryYears(country)+1, 1, 1, 0, 0, 0, 0, issued.Location())
}
