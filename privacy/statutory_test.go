package privacy_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"kartoteka/privacy"
	"kartoteka/store"
	"kartoteka/store/storetest"
)

// TestInvoicePurgeDates: the first day an invoice's buyer data may go, by
// country, at the edges of the year of issue; the owner may keep invoices
// longer than the law, never shorter.
func TestInvoicePurgeDates(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	jan1 := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		why     string
		issued  time.Time
		country string
		owners  int
		want    time.Time
	}{
		{"PL: the tax of 2020 falls due in 2021, kept to the end of 2026", day(2020, 1, 1), "PL", 0, jan1(2027)},
		{"PL: issued on the last day of 2020", day(2020, 12, 31), "PL", 0, jan1(2027)},
		{"PL: the owner's 3 years are below the law", day(2020, 6, 1), "PL", 3, jan1(2027)},
		{"PL: the owner's 10 years", day(2020, 6, 1), "PL", 10, jan1(2032)},
		{"DE: 8 years from the end of the year of issue", day(2025, 3, 1), "DE", 0, jan1(2034)},
		{"DK: 5 years from the end of the financial year", day(2020, 12, 31), "DK", 0, jan1(2026)},
		{"AT: 7 years (§ 132 BAO)", day(2020, 1, 1), "AT", 0, jan1(2028)},
		{"another country: 5 years until the owner says", day(2020, 6, 1), "SE", 0, jan1(2026)},
		{"another country: the owner's 2 years", day(2020, 6, 1), "SE", 2, jan1(2023)},
	} {
		if got := privacy.InvoicePurgeDate(c.issued, c.country, c.owners); !got.Equal(c.want) {
			t.Errorf("%s: purge on %s, want %s", c.why, got.Format(time.DateOnly), c.want.Format(time.DateOnly))
		}
	}
	for country, least := range map[string]int{"PL": 5, "DK": 5, "DE": 8, "AT": 7, "SE": 1} {
		if got := privacy.MinStatutoryYears(country); got != least {
			t.Errorf("%s: the owner may set %d years at least, want %d", country, got, least)
		}
	}
}

// TestInvoicesPurgedWithRetentionOff: the statutory end is fixed by law, so
// invoices past it lose their buyer data every day even with the client
// policy off; clients are not touched, and a day with nothing to purge
// leaves no run in the history.
func TestInvoicesPurgedWithRetentionOff(t *testing.T) {
	ctx := context.Background()
	f := storetest.NewFixture(t)
	now := time.Now()
	old, err := f.DB.CreateInvoice(ctx, store.InvoiceInput{ClientID: f.ClientID, Amount: 12000, At: time.Date(now.Year()-7, 3, 1, 12, 0, 0, 0, time.Local)})
	if err != nil {
		t.Fatal(err)
	}
	recent, err := f.DB.CreateInvoice(ctx, store.InvoiceInput{ClientID: f.ClientID, Amount: 9000, At: time.Date(now.Year()-6, 3, 1, 12, 0, 0, 0, time.Local)})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := privacy.PlanRetention(ctx, f.DB, store.RetentionPolicy{Policy: store.PolicyOff}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.PurgeInvoices) != 1 || plan.PurgeInvoices[0] != old || len(plan.ForgetClients) != 0 {
		t.Fatalf("plan with retention off = %+v, want only invoice %d purged", plan, old)
	}
	if want := time.Date(now.Year()+1, 1, 1, 0, 0, 0, 0, time.Local); !plan.NextPurge.Equal(want) || plan.NextPurgeCount != 1 {
		t.Errorf("next purge = %v (%d invoices), want invoice %d on %v", plan.NextPurge, plan.NextPurgeCount, recent, want)
	}
	run, err := privacy.RunRetention(ctx, f.DB, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	if run.InvoicesPurged != 1 || run.ClientsForgotten != 0 {
		t.Errorf("run = %+v, want one invoice purged and nobody forgotten", run)
	}
	invs, err := f.DB.ClientInvoices(ctx, f.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range invs {
		if purged := inv.ID == old; inv.BuyerPurged != purged || purged && inv.BuyerName != "" {
			t.Errorf("invoice %d: buyer purged = %v (name kept: %v), want %v", inv.ID, inv.BuyerPurged, inv.BuyerName != "", purged)
		}
	}
	if c, err := f.DB.Client(ctx, f.ClientID); err != nil || c.Anonymized {
		t.Errorf("the client was touched with retention off: %+v, %v", c, err)
	}
	runs, err := f.DB.RetentionRuns(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := privacy.RunRetention(ctx, f.DB, now, nil); err != nil {
		t.Fatal(err)
	}
	again, err := f.DB.RetentionRuns(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || len(again) != 1 {
		t.Errorf("runs recorded = %d, then %d after a day with nothing to purge; want 1 and 1", len(runs), len(again))
	}
}

// TestInvoiceLawFollowsTheSalon: the legal basis of keeping invoices, and
// each invoice's line under retention, name the law of the salon's country
// in the export's language: a Polish salon's client reading Danish is told
// of Ordynacja podatkowa, not of bogføringsloven (the export used to say
// whatever its language's own country's law was, 'bogføringsreglerne').
func TestInvoiceLawFollowsTheSalon(t *testing.T) {
	laws := map[string]string{
		"PL": "Ordynacja podatkowa",
		"DE": "§ 147 Abs. 4 AO, § 14b UStG",
		"DK": "bogføringsloven § 12",
		"AT": "§ 132 BAO",
	}
	// The words each language frames the law with, for a salon elsewhere.
	other := map[string]string{
		"en": "the tax and accounting law of the salon's country",
		"pl": "przepisy podatkowe i rachunkowe państwa, w którym działa salon",
		"de": "das Steuer- und Buchführungsrecht des Staates, in dem der Salon tätig ist",
		"da": "skatte- og bogføringslovgivningen i det land, hvor salonen driver virksomhed",
	}
	basis := map[string]string{"en": "Legal obligation (GDPR Art. 6(1)(c)): ", "pl": "Obowiązek prawny (art. 6 ust. 1 lit. c RODO): ",
		"de": "Rechtliche Verpflichtung (Art. 6 Abs. 1 lit. c DSGVO): ", "da": "Retlig forpligtelse (databeskyttelsesforordningens art. 6, stk. 1, litra c): "}
	for _, country := range []string{"PL", "DE", "DK", "AT", "XX"} {
		s := subjectIn(t, country, "", true)
		for _, code := range []string{"en", "pl", "de", "da"} {
			want := laws[country]
			if country == "XX" {
				want = other[code]
			}
			in := s.Information(code)
			var legal string
			for _, p := range in.Purposes {
				if strings.HasPrefix(p.LegalBasis, basis[code]) {
					legal = p.LegalBasis
				}
			}
			if !strings.Contains(legal, want) {
				t.Errorf("%s salon, %s: legal basis %q, want it to name %q", country, code, legal, want)
			}
			var line string
			for _, r := range in.Retention {
				if !r.Until.IsZero() && strings.Contains(r.What, s.Invoices[0].Number) {
					line = r.What
				}
			}
			if !strings.Contains(line, want) || strings.Count(line, "(") != 1 || strings.Count(line, ")") != 1 {
				t.Errorf("%s salon, %s: invoice line %q, want it to name %q, in one pair of brackets", country, code, line, want)
			}
			if country == "PL" && !(strings.Contains(legal, "ustawa o VAT") && strings.Contains(line, "ustawa o VAT")) {
				t.Errorf("PL salon, %s: the VAT act is not named: %q / %q", code, legal, line)
			}
			for other, law := range laws {
				if other != country && (strings.Contains(legal, law) || strings.Contains(line, law)) {
					t.Errorf("%s salon, %s: the law of %s named: %q / %q", country, code, other, legal, line)
				}
			}
			for _, foreign := range []string{"bogføringsreglerne", "przepisy podatkowe;", "Steuer- und Handelsrecht"} {
				if country != "XX" && strings.Contains(legal+line, foreign) {
					t.Errorf("%s salon, %s: a language's own law, %q: %q / %q", country, code, foreign, legal, line)
				}
			}
		}
		var b bytes.Buffer
		if err := s.WriteJSON(&b, "da"); err != nil {
			t.Fatal(err)
		}
		want := laws[country]
		if country == "XX" {
			want = other["da"]
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s salon: the Danish JSON export does not name %q", country, want)
		}
	}
}
