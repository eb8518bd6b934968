package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"kartoteka/store"
)

func setupImportClients(fs *flag.FlagSet) runFunc {
	dryRun := fs.Bool("dry-run", false, "check every row and report, writing nothing")
	return func(e *env, args []string) error {
		path, err := oneArg("import clients", "CSV file", args)
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return usagef("cannot read %s: %v", path, errors.Unwrap(err))
		}
		defer f.Close()
		return e.withDB(func(db *store.DB) error {
			rep, err := db.ImportClientsCSV(e.ctx, f, *dryRun)
			for _, r := range rep.Rejected {
				fmt.Fprintf(e.stderr, "line %d: %s\n", r.Line, rejectedReason(r))
			}
			if errors.Is(err, store.ErrImportRejected) {
				return usagef("%d of %d rows rejected; nothing was imported. Fix those lines and import the file again",
					len(rep.Rejected), rep.Rows)
			}
			if err != nil {
				return err
			}
			if *dryRun {
				fmt.Fprintf(e.stdout, "%d clients would be imported (dry run: nothing was written)\n", rep.Rows)
			} else {
				fmt.Fprintf(e.stdout, "%d clients imported\n", rep.Imported)
			}
			return nil
		})
	}
}

// rejectedReason words a rejected row as "FIELD: reason", from the rule the
// row broke and never from its values.
func rejectedReason(r store.RejectedRow) string {
	reason := "rejected"
	if r.Reason != nil {
		reason = clean(r.Reason.Error())
	}
	if r.Field == "" {
		return reason
	}
	return r.Field + ": " + reason
}
