package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"kartoteka/store"
)

// globals are the flags every command accepts.
type globals struct {
	db              string
	passphraseFile  string
	recoveryKeyFile string
	as              int64  // the staff member acting; 0: the owner, by the passphrase
	pinFile         string // their PIN, else $KARTOTEKA_PIN, else a prompt
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.db, "db", "", "the database `PATH` (default: $KARTOTEKA_DB, else the desktop app's file)")
	fs.StringVar(&g.passphraseFile, "passphrase-file", "", "read the passphrase from the first line of `PATH`")
	fs.StringVar(&g.recoveryKeyFile, "recovery-key-file", "", "unlock with the recovery key in `PATH`")
	fs.Int64Var(&g.as, "as", 0, "act as the staff member `STAFF_ID` (with --pin-file or $KARTOTEKA_PIN): what they may not do exits 5")
	fs.StringVar(&g.pinFile, "pin-file", "", "read the --as staff member's PIN from the first line of `PATH`")
}

func (g *globals) check() error {
	if g.passphraseFile != "" && g.recoveryKeyFile != "" {
		return usagef("give either --passphrase-file or --recovery-key-file, not both")
	}
	if g.as < 0 {
		return usagef("--as: a staff ID is a positive number")
	}
	return nil
}

// env is what a command works with: the streams, the global flags and a
// context whose writes are audited as done by "cli".
type env struct {
	ctx    context.Context
	stdin  io.Reader
	in     *bufio.Reader // stdin when it is not a terminal, read line by line
	stdout io.Writer
	stderr io.Writer
	g      globals
	pass   string // the passphrase that opened the salon, for passwd --strengthen
	// newPIN says --pin-file holds a PIN being set (staff pin), not the
	// --as staff member's.
	newPIN bool
}

func newEnv(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer) *env {
	return &env{ctx: store.WithActor(ctx, "cli"), stdin: stdin, stdout: stdout, stderr: stderr}
}

// path is the database file: --db, else $KARTOTEKA_DB, else the default.
func (e *env) path() (string, error) {
	if e.g.db != "" {
		return e.g.db, nil
	}
	if p := os.Getenv("KARTOTEKA_DB"); p != "" {
		return p, nil
	}
	p, err := store.DefaultPath()
	if err != nil {
		return "", failf("cannot find the default database folder (%v); give --db PATH", err)
	}
	return p, nil
}

// explicitPath reports whether the database was named by --db or
// $KARTOTEKA_DB rather than defaulted.
func (e *env) explicitPath() bool {
	return e.g.db != "" || os.Getenv("KARTOTEKA_DB") != ""
}

// options are the store options. KARTOTEKA_KDF=cheap makes key derivation
// instant for init, for tests and throwaway salons; it never weakens an
// existing salon, as a passphrase change keeps the stronger of it and the
// salon's own settings (store.DB.ChangePassphrase).
func (e *env) options() (store.Options, error) {
	switch v := os.Getenv("KARTOTEKA_KDF"); v {
	case "":
		return store.Options{}, nil
	case "cheap":
		return store.Options{KDF: store.CheapKDF}, nil
	default:
		return store.Options{}, usagef("KARTOTEKA_KDF must be \"cheap\" or unset")
	}
}

// cheapKDF reports whether KARTOTEKA_KDF=cheap is set.
func cheapKDF() bool { return os.Getenv("KARTOTEKA_KDF") == "cheap" }

// open unlocks the database with the recovery key, the passphrase file,
// $KARTOTEKA_PASSPHRASE or a prompt, in that order: for this command alone,
// or shared with other reading commands. A salon whose key derivation is
// below the floor is opened with a warning.
func (e *env) open(shared bool) (*store.DB, error) {
	path, err := e.path()
	if err != nil {
		return nil, err
	}
	opts, err := e.options()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, usagef("there is no database at %s: create one with \"kartoteka-cli init\" or point --db at it", path)
	}
	// Acting as someone records their PIN's answer: that writes.
	opts.Shared = shared && e.g.as == 0
	var db *store.DB
	if e.g.recoveryKeyFile != "" {
		key, err := readFirstLine(e.g.recoveryKeyFile, "--recovery-key-file")
		if err != nil {
			return nil, err
		}
		if db, err = store.OpenWithRecoveryKey(e.ctx, path, key, opts); err != nil {
			return nil, err
		}
	} else {
		pass, err := e.passphrase()
		if err != nil {
			return nil, err
		}
		if db, err = store.Open(e.ctx, path, pass, opts); err != nil {
			return nil, err
		}
		e.pass = pass
	}
	if db.WeakKDF() {
		fmt.Fprintf(e.stderr, "warning: weak key derivation protects this salon's passphrase (%s); "+
			"strengthen it with \"kartoteka-cli passwd --strengthen\" (the passphrase stays the same)\n", db.KDF())
	}
	if e.g.as != 0 {
		if err := e.actAs(db); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

// actAs checks the --as staff member's PIN and makes them the one acting:
// the store refuses what they may not do (exit 5) and audits what they do.
func (e *env) actAs(db *store.DB) error {
	pin := os.Getenv("KARTOTEKA_PIN")
	if e.g.pinFile != "" && !e.newPIN {
		var err error
		if pin, err = readFirstLine(e.g.pinFile, "--pin-file"); err != nil {
			return err
		}
	} else if pin == "" {
		var err error
		if pin, err = e.prompt(fmt.Sprintf("PIN of staff %d", e.g.as)); err != nil {
			if ce := (*codeError)(nil); errors.As(err, &ce) && ce.code == exitUsage {
				return usagef("no PIN for --as %d: give --pin-file PATH, set KARTOTEKA_PIN or run on a terminal", e.g.as)
			}
			return err
		}
	}
	// A PIN has no spaces: those around it in a file or a variable are not
	// part of it.
	pin = strings.TrimSpace(pin)
	if err := db.CheckPIN(e.ctx, e.g.as, pin); err != nil {
		return err
	}
	e.ctx = store.ActAs(e.ctx, e.g.as)
	return nil
}

// withDB opens the database for this command alone, runs fn and closes it;
// a failed close is an error too. Every command that changes the salon
// uses it.
func (e *env) withDB(fn func(db *store.DB) error) error { return e.with(false, fn) }

// withReadDB is withDB for commands that only read: they share the salon
// with other reading commands, never with a writer.
func (e *env) withReadDB(fn func(db *store.DB) error) error { return e.with(true, fn) }

func (e *env) with(shared bool, fn func(db *store.DB) error) error {
	db, err := e.open(shared)
	if err != nil {
		return err
	}
	err = fn(db)
	if cerr := db.Close(); err == nil && cerr != nil {
		return fmt.Errorf("close the database: %w", cerr)
	}
	return err
}

// passphrase is the current passphrase: the file, the environment or a
// prompt.
func (e *env) passphrase() (string, error) {
	if e.g.passphraseFile != "" {
		return readFirstLine(e.g.passphraseFile, "--passphrase-file")
	}
	if p := os.Getenv("KARTOTEKA_PASSPHRASE"); p != "" {
		if len(p) > store.MaxPassphraseLen {
			return "", usagef("KARTOTEKA_PASSPHRASE is longer than %d bytes: no passphrase is; nothing was opened", store.MaxPassphraseLen)
		}
		return p, nil
	}
	return e.prompt("Passphrase")
}

// newPassphrase reads a passphrase that is about to be set, from file if
// given, else from a prompt that asks twice; it must be long enough.
func (e *env) newPassphrase(file, flagName, label string) (string, error) {
	var pass string
	var err error
	if file != "" {
		pass, err = readFirstLine(file, flagName)
	} else {
		pass, err = e.promptTwice(label)
	}
	if err != nil {
		return "", err
	}
	if utf8.RuneCountInString(pass) < store.MinPassphraseLen {
		return "", &store.FieldError{Field: "passphrase", Err: store.ErrWeakPassphrase}
	}
	if len(pass) > store.MaxPassphraseLen {
		return "", &store.FieldError{Field: "passphrase", Err: store.ErrTooLong}
	}
	return pass, nil
}

// creationPassphrase is the passphrase of a new database: the file,
// $KARTOTEKA_PASSPHRASE, or a prompt that asks twice.
func (e *env) creationPassphrase() (string, error) {
	if p := os.Getenv("KARTOTEKA_PASSPHRASE"); e.g.passphraseFile == "" && p != "" {
		if utf8.RuneCountInString(p) < store.MinPassphraseLen {
			return "", &store.FieldError{Field: "passphrase", Err: store.ErrWeakPassphrase}
		}
		if len(p) > store.MaxPassphraseLen {
			return "", &store.FieldError{Field: "passphrase", Err: store.ErrTooLong}
		}
		return p, nil
	}
	return e.newPassphrase(e.g.passphraseFile, "--passphrase-file", "New passphrase")
}

// terminal returns stdin's descriptor when it is a terminal.
func (e *env) terminal() (int, bool) {
	f, ok := e.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0, false
	}
	return int(f.Fd()), true
}

// prompt asks for a secret with echo off on a terminal; from a pipe it reads
// one line.
func (e *env) prompt(label string) (string, error) {
	if fd, ok := e.terminal(); ok {
		fmt.Fprintf(e.stderr, "%s: ", label)
		p, err := readPassword(e.ctx, fd)
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		if p == "" {
			return "", usagef("no passphrase given")
		}
		return p, nil
	}
	if e.in == nil {
		e.in = bufio.NewReader(e.stdin)
	}
	line, err := e.in.ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		if err != nil && !errors.Is(err, io.EOF) {
			return "", failf("read the passphrase from standard input: %v", err)
		}
		return "", usagef("no passphrase: give --passphrase-file PATH, set KARTOTEKA_PASSPHRASE or run on a terminal")
	}
	return line, nil
}

// promptTwice asks twice on a terminal so that a typo does not lock the
// owner out; from a pipe it reads one line.
func (e *env) promptTwice(label string) (string, error) {
	p, err := e.prompt(label)
	if err != nil {
		return "", err
	}
	if _, ok := e.terminal(); !ok {
		return p, nil
	}
	if utf8.RuneCountInString(p) < store.MinPassphraseLen {
		return "", &store.FieldError{Field: "passphrase", Err: store.ErrWeakPassphrase}
	}
	again, err := e.prompt(label + " again")
	if err != nil {
		return "", err
	}
	if again != p {
		return "", usagef("the two passphrases differ; nothing was changed")
	}
	return p, nil
}

// readPassword reads a line with echo off and gives up, restoring the
// terminal, when ctx ends (Ctrl-C).
func readPassword(ctx context.Context, fd int) (string, error) {
	state, err := term.GetState(fd)
	if err != nil {
		return "", failf("prepare the terminal: %v", err)
	}
	type result struct {
		b   []byte
		err error
	}
	ch := make(chan result, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		ch <- result{b, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			return "", failf("read the passphrase: %v", r.err)
		}
		return string(r.b), nil
	case <-ctx.Done():
		term.Restore(fd, state)
		return "", ctx.Err()
	}
}

// readFirstLine reads the first line of a small secret file, without its
// line ending; the secret itself never appears in an error. A line longer
// than any passphrase may be is refused, never cut.
func readFirstLine(path, flagName string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", usagef("%s: cannot read %s: %v", flagName, path, errors.Unwrap(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() && fi.Mode()&fs.ModeNamedPipe == 0 && fi.Mode()&fs.ModeCharDevice == 0 {
		return "", usagef("%s: %s is not a file", flagName, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil {
		return "", failf("%s: cannot read %s: %v", flagName, path, errors.Unwrap(err))
	}
	s := strings.TrimPrefix(string(data), "\ufeff")
	first, _, _ := strings.Cut(s, "\n")
	if len(first) > store.MaxPassphraseLen+1 {
		return "", usagef("%s: the first line of %s is longer than %d bytes, which no passphrase or recovery key is; nothing was read from it", flagName, path, store.MaxPassphraseLen)
	}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, "\r")
		if flagName == "--recovery-key-file" {
			// A recovery key may follow blank lines; spaces are part of
			// how it is written.
			if strings.TrimSpace(line) == "" {
				continue
			}
			return strings.TrimSpace(line), nil
		}
		if line == "" {
			break
		}
		return line, nil
	}
	return "", usagef("%s: the first line of %s is empty", flagName, path)
}
