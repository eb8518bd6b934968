package main

import (
	"flag"
	"fmt"
	"strconv"

	"kartoteka/store"
)

func setupStaffAdd(fs *flag.FlagSet) runFunc {
	name := fs.String("name", "", "the staff member's `NAME` (required)")
	role := fs.String("role", "stylist", "`ROLE`: owner, reception, stylist or accountant")
	return func(e *env, args []string) error {
		if err := noArgs("staff add", args); err != nil {
			return err
		}
		if err := need("name", *name); err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			id, err := db.CreateStaff(e.ctx, store.Staff{Name: *name, Role: *role})
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, id)
			return nil
		})
	}
}

func setupStaffList(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(e *env, args []string) error {
		if err := noArgs("staff list", args); err != nil {
			return err
		}
		return e.withReadDB(func(db *store.DB) error {
			team, err := db.StaffMembers(e.ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(e.stdout, nonNil(team))
			}
			tw := newTable(e.stdout)
			row(tw, "ID", "NAME", "ROLE", "ACTIVE")
			for _, s := range team {
				row(tw, strconv.FormatInt(s.ID, 10), s.Name, s.Role, yesNo(s.Active))
			}
			return tw.Flush()
		})
	}
}

func setupServiceAdd(fs *flag.FlagSet) runFunc {
	name := fs.String("name", "", "the service's `NAME` (required)")
	minutes := fs.Int("minutes", 0, "how long it takes, in `MINUTES`, 1 to 720 (required)")
	price := fs.String("price", "", "the `PRICE` in the salon's currency, such as 120.00 (required)")
	category := fs.String("category", "", "a `CATEGORY` to group services by")
	return func(e *env, args []string) error {
		if err := noArgs("service add", args); err != nil {
			return err
		}
		if err := need("name", *name, "price", *price); err != nil {
			return err
		}
		if *minutes == 0 {
			return usagef("--minutes is required")
		}
		if err := intRange("minutes", *minutes, 1, 12*60); err != nil {
			return err
		}
		p, err := parseMoney("price", *price)
		if err != nil {
			return err
		}
		return e.withDB(func(db *store.DB) error {
			id, err := db.CreateService(e.ctx, store.Service{Name: *name, Category: *category, Minutes: *minutes, Price: store.Money{Minor: p}})
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, id)
			return nil
		})
	}
}

// serviceJSON is a service with its price as a decimal string.
type serviceJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Minutes  int    `json:"minutes"`
	Price    string `json:"price"`
	Currency string `json:"currency"`
	Active   bool   `json:"active"`
}

func setupServiceList(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(e *env, args []string) error {
		if err := noArgs("service list", args); err != nil {
			return err
		}
		return e.withReadDB(func(db *store.DB) error {
			services, err := db.Services(e.ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				out := []serviceJSON{}
				for _, s := range services {
					out = append(out, serviceJSON{ID: s.ID, Name: s.Name, Category: s.Category, Minutes: s.Minutes,
						Price: store.FormatAmount(s.Price.Minor), Currency: s.Price.Currency, Active: s.Active})
				}
				return writeJSON(e.stdout, out)
			}
			tw := newTable(e.stdout)
			row(tw, "ID", "NAME", "CATEGORY", "MINUTES", "PRICE", "ACTIVE")
			for _, s := range services {
				row(tw, strconv.FormatInt(s.ID, 10), s.Name, or(s.Category, "-"), strconv.Itoa(s.Minutes), s.Price.String(), yesNo(s.Active))
			}
			return tw.Flush()
		})
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// nonNil makes an empty list print as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
