// Command kartoteka-cli is the headless support and automation tool that
// ships beside the Kartoteka desktop app, as keepassxc-cli ships beside
// KeePassXC. It opens the same encrypted salon database and goes through the
// same store code as the app, never around it.
//
// # Finding the database
//
// --db PATH, else $KARTOTEKA_DB, else the file the desktop app uses
// ([store.DefaultPath]). The passphrase comes from --passphrase-file PATH
// (its first line), else $KARTOTEKA_PASSPHRASE, else a prompt on the
// terminal with echo off; --recovery-key-file PATH unlocks with the recovery
// key instead. Flags may come before or after the command words.
//
// # Acting as a staff member
//
// Without --as the command acts as the owner: whoever holds the passphrase
// may do everything. --as STAFF_ID, with the PIN from --pin-file PATH, else
// $KARTOTEKA_PIN, else a prompt, acts as that staff member: the store
// refuses what their role (or the owner's adjustment) does not permit, exit
// 5, and audits what they do under their number. A wrong PIN exits 3; wrong
// PINs in a row make the next try wait.
//
// # Exit codes
//
//	0  done
//	1  failed (I/O, corrupt file, bug); nothing was half-done
//	2  bad usage or bad input; nothing changed
//	3  wrong passphrase or recovery key; the file is untouched
//	4  refused by a privacy rule (an anonymized client…)
//	5  not permitted for the staff member acting (--as)
//
// # One at a time
//
// A command that changes the salon takes it for itself while it runs, as
// the desktop app does while it is unlocked; reading commands (check,
// audit, the lists, retention show and retention run --dry-run) share it
// with each other. Either is refused, exit 1, while the other holds it:
// "Kartoteka is open on this computer: close it first". restore FILE with no
// database at the path creates it (a new computer).
//
// Run "kartoteka-cli help" for the commands; CLI.md is the contract scripts
// rely on.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program but os.Exit: it finds the command, parses its
// flags, runs it and returns the exit code. Tests call it in-process. A bug
// that panics ends with a message and exit 1, never a stack trace: every
// input has a refusal of its own.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "kartoteka-cli: internal error (a bug, please report it): %v\n", r)
			code = exitFailed
		}
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := newEnv(ctx, stdin, stdout, stderr)

	p, err := findCommand(args)
	switch {
	case err != nil:
		return e.fail(err)
	case p.cmd == nil:
		printUsage(stdout)
		return exitOK
	case p.help:
		printCommandHelp(stdout, p.cmd)
		return exitOK
	}

	fs := newFlagSet(p.cmd.name)
	e.g.register(fs)
	runCmd := p.cmd.setup(fs)
	pos, err := parseInterleaved(fs, p.rest)
	if errors.Is(err, flag.ErrHelp) {
		printCommandHelp(stdout, p.cmd)
		return exitOK
	}
	if err != nil {
		return e.fail(usagef("%s: %s (see: kartoteka-cli help %s)", p.cmd.name, flagMessage(err), p.cmd.name))
	}
	if err := e.g.check(); err != nil {
		return e.fail(err)
	}
	return e.fail(runCmd(e, pos))
}

// parsedArgs is what findCommand makes of the command line.
type parsedArgs struct {
	cmd  *command // nil: print the general usage
	rest []string // the arguments without the command words
	help bool     // print the command's help instead of running it
}

// wordsAt is the arguments at idx.
func wordsAt(args []string, idx []int) []string {
	w := make([]string, len(idx))
	for i, j := range idx {
		w[i] = args[j]
	}
	return w
}

// next is the argument after i, or "".
func next(args []string, i int) string {
	if i+1 < len(args) {
		return args[i+1]
	}
	return ""
}

// findCommand picks the command words out of args, wherever the flags are.
func findCommand(args []string) (parsedArgs, error) {
	var p parsedArgs
	var words []int // indexes of the arguments that are neither flags nor flag values
	for i := 0; i < len(args) && len(words) < 3; i++ {
		a := args[i]
		if a == "--" {
			for j := i + 1; j < len(args) && len(words) < 3; j++ {
				words = append(words, j)
			}
			break
		}
		if len(a) < 2 || a[0] != '-' {
			words = append(words, i)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "h" || name == "help" {
			p.help = true
		} else if !hasValue && takesValue(name, wordsAt(args, words), next(args, i)) {
			i++
		}
	}
	w := make([]string, len(words))
	for i, idx := range words {
		w[i] = args[idx]
	}
	skip := map[int]bool{}
	if len(w) > 0 && w[0] == "help" {
		p.help = true
		skip[words[0]] = true
		words, w = words[1:], w[1:]
	}
	if len(w) == 0 {
		return parsedArgs{}, nil
	}
	n := 0
	if len(w) > 1 {
		if p.cmd = lookup(w[0] + " " + w[1]); p.cmd != nil {
			n = 2
		}
	}
	if p.cmd == nil {
		if p.cmd = lookup(w[0]); p.cmd != nil {
			n = 1
		}
	}
	if p.cmd == nil {
		if p.help {
			return parsedArgs{}, nil
		}
		if subs := subcommands(w[0]); len(subs) > 0 {
			if len(w) == 1 {
				return p, usagef("%s needs a subcommand: %s", w[0], strings.Join(subs, ", "))
			}
			return p, usagef("%s has no subcommand %q; it has: %s", w[0], w[1], strings.Join(subs, ", "))
		}
		return p, usagef("unknown command %q (see: kartoteka-cli help)", w[0])
	}
	for _, idx := range words[:n] {
		skip[idx] = true
	}
	for i, a := range args {
		if !skip[i] {
			p.rest = append(p.rest, a)
		}
	}
	return p, nil
}

// parseInterleaved parses flags that come before, between or after the
// positional arguments, and returns those in order.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// flagMessage rewords the flag package's errors for people.
func flagMessage(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return "unknown flag --" + strings.TrimLeft(name, "-")
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return "flag --" + strings.TrimLeft(name, "-") + " needs a value"
	}
	return msg
}
