package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"kartoteka/privacy"
	"kartoteka/store"
)

func setupExport(fs *flag.FlagSet) runFunc {
	client := fs.Int64("client", 0, "the client's `ID`")
	pdf := fs.String("pdf", "", "write the printable PDF (GDPR Art. 15) to `FILE`")
	js := fs.String("json", "", "write the portable JSON (GDPR Art. 20) to `FILE`")
	language := fs.String("language", "", "the exports' language, en|pl|de|da (default: the client's own)")
	return func(e *env, args []string) error {
		if err := noArgs("export", args); err != nil {
			return err
		}
		if err := clientFlag(*client); err != nil {
			return err
		}
		if *pdf == "" && *js == "" {
			return usagef("name at least one file: --pdf FILE and/or --json FILE")
		}
		path, err := e.path()
		if err != nil {
			return err
		}
		if err := store.CheckOutputs(path, *pdf, *js); err != nil {
			return err
		}
		if *language != "" && !slices.Contains(store.Languages, *language) {
			return usagef("--language must be one of %s", strings.Join(store.Languages, ", "))
		}
		return e.withDB(func(db *store.DB) error {
			if err := db.Require(e.ctx, store.PermExport); err != nil {
				return err // before any warning about an export that will not be made
			}
			salon, err := db.Salon(e.ctx)
			if err != nil {
				return err
			}
			warnControllerGaps(e.stderr, salon)
			files, err := privacy.Export(e.ctx, db, privacy.ExportRequest{ClientID: *client, PDF: *pdf, JSON: *js, Language: *language})
			if err != nil {
				return err
			}
			var formats []string
			for _, f := range files {
				formats = append(formats, strings.ToUpper(f.Format))
			}
			fmt.Fprintf(e.stdout, "Exported client %d: %s written.\n", *client, strings.Join(formats, " and "))
			return nil
		})
	}
}
