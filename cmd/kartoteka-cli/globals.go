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
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.db, "db", "", "the database `PATH` (default: $KARTOTEKA_DB, else the desktop app's file)")
	fs.StringVar(&g.passphraseFile, "passphrase-file", "", "read the passphrase from the first line of `PATH`")
	fs.StringVar(&g.recoveryKeyFile, "recovery-key-file", "", "unlock with the recovery key in `PATH`")
}

func (g *globals) check() error {
	if g.passphraseFile != "" && g.recoveryKeyFile != "" {
		return usagef("give either --passphrase-file or --recovery-key-file, not both")
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

// options are the store options; KARTOTEKA_KDF=cheap makes key derivation
// instant for tests and scripts.
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

// open unlocks the database with the recovery key, the passphrase file,
// $KARTOTEKA_PASSPHRASE or a prompt, in that order.
func (e *env) open() (*store.DB, error) {
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
	if e.g.recoveryKeyFile != "" {
		key, err := readFirstLine(e.g.recoveryKeyFile, "--recovery-key-file")
		if err != nil {
			return nil, err
		}
		return store.OpenWithRecoveryKey(e.ctx, path, key, opts)
	}
	pass, err := e.passphrase()
	if err != nil {
		return nil, err
	}
	return store.Open(e.ctx, path, pass, opts)
}

// withDB opens the database, runs fn and closes it; a failed close is an
// error too.
func (e *env) withDB(fn func(db *store.DB) error) error {
	db, err := e.open()
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
	return pass, nil
}

// creationPassphrase is the passphrase of a new database: the file,
// $KARTOTEKA_PASSPHRASE, or a prompt that asks twice.
func (e *env) creationPassphrase() (string, error) {
	if p := os.Getenv("KARTOTEKA_PASSPHRASE"); e.g.passphraseFile == "" && p != "" {
		if utf8.RuneCountInString(p) < store.MinPassphraseLen {
			return "", &store.FieldError{Field: "passphrase", Err: store.ErrWeakPassphrase}
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
// line ending; the secret itself never appears in an error.
func readFirstLine(path, flagName string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", usagef("%s: cannot read %s: %v", flagName, path, errors.Unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil {
		return "", failf("%s: cannot read %s: %v", flagName, path, err)
	}
	s := strings.TrimPrefix(string(data), "\ufeff")
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
