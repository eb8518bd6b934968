package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"kartoteka/store"
)

func setupStaffAdd(fs *flag.FlagSet) runFunc {
	name := fs.String("name", "", "the staff member's `NAME` (required)")
	role := fs.String("role", "stylist", "`ROLE`: owner, manager, reception, stylist or accountant")
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
			row(tw, "ID", "NAME", "ROLE", "ACTIVE", "PIN", "PERMISSIONS")
			for _, s := range team {
				perms := "role's"
				if s.Adjusted {
					perms = permissionList(s.Permissions)
				}
				row(tw, strconv.FormatInt(s.ID, 10), s.Name, s.Role, yesNo(s.Active), yesNo(s.HasPIN), perms)
			}
			return tw.Flush()
		})
	}
}

// permissionList words permissions as the command line takes them.
func permissionList(perms []store.Permission) string {
	names := make([]string, len(perms))
	for i, p := range perms {
		names[i] = string(p)
	}
	return or(strings.Join(names, ","), "none")
}

// setupStaffPin reads the new PIN from the global --pin-file: with --as,
// the acting person's own PIN then comes from $KARTOTEKA_PIN or a prompt.
func setupStaffPin(fs *flag.FlagSet) runFunc {
	clear := fs.Bool("clear", false, "remove the PIN")
	return func(e *env, args []string) error {
		id, err := staffArg("staff pin", args)
		if err != nil {
			return err
		}
		if (e.g.pinFile == "") == !*clear {
			return usagef("give either --pin-file F (the new PIN, 4 to 8 digits, on its first line) or --clear")
		}
		e.newPIN = true
		var pin string
		if e.g.pinFile != "" {
			if pin, err = readFirstLine(e.g.pinFile, "--pin-file"); err != nil {
				return err
			}
		}
		return e.withDB(func(db *store.DB) error {
			if *clear {
				return db.ClearPIN(e.ctx, id)
			}
			if err := db.SetPIN(e.ctx, id, pin); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "Staff %d has a new PIN. PINs say who is acting in an unlocked salon; they do not encrypt anything.\n", id)
			return nil
		})
	}
}

func setupStaffPermissions(fs *flag.FlagSet) runFunc {
	set := fs.String("set", "", "the permissions, comma-separated (see --list), replacing the role's")
	defaults := fs.Bool("defaults", false, "go back to the role's permissions")
	list := fs.Bool("list", false, "list every permission and each role's defaults")
	return func(e *env, args []string) error {
		if *list {
			for _, p := range store.Permissions {
				fmt.Fprintln(e.stdout, p)
			}
			for _, r := range store.Roles {
				fmt.Fprintf(e.stdout, "%s: %s\n", r, permissionList(store.RolePermissions[r]))
			}
			return nil
		}
		id, err := staffArg("staff permissions", args)
		if err != nil {
			return err
		}
		if (*set == "") == !*defaults {
			return usagef("give either --set LIST or --defaults")
		}
		var perms []store.Permission
		if *set != "" {
			perms = []store.Permission{}
			for _, p := range strings.Split(*set, ",") {
				perms = append(perms, store.Permission(strings.TrimSpace(p)))
			}
		}
		return e.withDB(func(db *store.DB) error { return db.SetPermissions(e.ctx, id, perms) })
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

// staffArg reads the staff ID of a command.
func staffArg(name string, args []string) (int64, error) { return idArg(name, "staff", args) }

// idArg reads the one ID a command takes, of what ("staff", "request").
func idArg(name, what string, args []string) (int64, error) {
	arg, err := oneArg(name, what+" ID", args)
	if err != nil {
		return 0, err
	}
	return parseID(what, arg)
}
