package ui

import (
	"time"

	"kartoteka/locale"
	"kartoteka/store"
)

// formatCount, formatDate, formatMoney, currencySign and formatPhone are package
// locale's, as the screens call them.
func formatCount(code string, n int) string         { return locale.Count(code, n) }
func formatDate(code string, t time.Time) string    { return locale.Date(code, t) }
func formatMoney(code string, m store.Money) string { return locale.Money(code, m) }
func currencySign(currency string) string           { return locale.CurrencySign(currency) }
func formatPhone(e164, country string) string       { return locale.Phone(e164, country) }
