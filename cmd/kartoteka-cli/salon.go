package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"kartoteka/privacy"
	"kartoteka/store"
)

// landsList is the codes --land takes, as the usage shows them.
var landsList = strings.Join(store.GermanLands, " ")

func setupSalonSet(fs *flag.FlagSet) runFunc {
	name := fs.String("name", "", "the salon's `NAME`")
	address := fs.String("address", "", "the salon's `ADDRESS`, printed on exports")
	taxID := fs.String("tax-id", "", "the salon's tax `ID`")
	contact := fs.String("privacy-contact", "", "whom clients `CONTACT` about their data")
	land := fs.String("land", "", "the German `LAND` of a salon in DE, whose authority exports name: "+landsList)
	return func(e *env, args []string) error {
		if err := noArgs("salon set", args); err != nil {
			return err
		}
		var set []string
		fs.Visit(func(f *flag.Flag) { set = append(set, f.Name) })
		set = slices.DeleteFunc(set, func(n string) bool {
			return !slices.Contains([]string{"name", "address", "tax-id", "privacy-contact", "land"}, n)
		})
		if len(set) == 0 {
			return usagef("nothing to set: give --name, --address, --tax-id, --privacy-contact or --land")
		}
		code := strings.ToUpper(strings.TrimSpace(*land))
		if code != "" && !slices.Contains(store.GermanLands, code) {
			return usagef("--land must be one of %s (the German Länder); nothing changed", landsList)
		}
		return e.withDB(func(db *store.DB) error {
			s, err := db.Salon(e.ctx)
			if err != nil {
				return err
			}
			if given(fs, "land") && code != "" && s.Country != "DE" {
				return usagef("--land names a German Land, whose authority supervises a salon in Germany; "+
					"this salon's country is %s, not DE; nothing changed", s.Country)
			}
			for _, f := range []struct {
				flag  string
				field *string
				value string
			}{
				{"name", &s.Name, *name}, {"address", &s.Address, *address}, {"tax-id", &s.TaxID, *taxID},
				{"privacy-contact", &s.PrivacyContact, *contact}, {"land", &s.Land, code},
			} {
				if given(fs, f.flag) {
					*f.field = f.value
				}
			}
			if err := db.UpdateSalon(e.ctx, s); err != nil {
				return err
			}
			if s, err = db.Salon(e.ctx); err != nil {
				return err
			}
			for _, f := range set {
				fmt.Fprintf(e.stdout, "%s: %s\n", f, salonField(s, f))
			}
			warnControllerGaps(e.stderr, s)
			return nil
		})
	}
}

// salonField is the value of the salon's detail set by flag, as stored.
func salonField(s store.Salon, flag string) string {
	switch flag {
	case "name":
		return s.Name
	case "address":
		return strings.ReplaceAll(s.Address, "\n", ", ")
	case "tax-id":
		return s.TaxID
	case "privacy-contact":
		return s.PrivacyContact
	case "land":
		if s.Land == "" {
			return "(not set)"
		}
		return s.Land + " (" + privacy.LandName(s.Land) + ")"
	}
	return ""
}

// warnControllerGaps writes a warning on w for each detail the salon lacks
// for a client's export to name it as the controller, or its authority in
// Germany (privacy.ControllerGaps), with the command that sets it.
func warnControllerGaps(w io.Writer, s store.Salon) {
	for _, g := range privacy.ControllerGaps(s) {
		switch g {
		case privacy.GapAddress:
			fmt.Fprintln(w, "warning: the salon's address is not set: a client's export names the salon as the controller without it; "+
				"set it with: kartoteka-cli salon set --address A")
		case privacy.GapPrivacyContact:
			fmt.Fprintln(w, "warning: the salon's privacy contact is not set: a client's export cannot say whom to ask about their data; "+
				"set it with: kartoteka-cli salon set --privacy-contact C")
		case privacy.GapLand:
			fmt.Fprintln(w, "warning: the salon's Land is not set: a client's export cannot name the data protection authority "+
				"that supervises a salon in Germany; set it with: kartoteka-cli salon set --land XX ("+landsList+")")
		}
	}
}
