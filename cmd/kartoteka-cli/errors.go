package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"kartoteka/privacy"
	"kartoteka/store"
)

// Exit codes; see CLI.md.
const (
	exitOK      = 0
	exitFailed  = 1 // I/O, corrupt file, bug; nothing half-done
	exitUsage   = 2 // bad usage or bad input; nothing changed
	exitLocked  = 3 // wrong passphrase or recovery key
	exitRefused = 4 // refused by a privacy rule
	exitDenied  = 5 // not permitted for the staff member acting (--as)
)

// codeError is an error the CLI worded itself, with its exit code.
type codeError struct {
	code int
	msg  string
}

func (e *codeError) Error() string { return e.msg }

// doneAnyway lets through an act that is done although a file beside it
// could not be updated (privacy.ErrAfterwards), with a warning; any other
// error it returns.
func (e *env) doneAnyway(err error) error {
	if errors.Is(err, privacy.ErrAfterwards) {
		fmt.Fprintf(e.stderr, "warning: %s\n", clean(err.Error()))
		return nil
	}
	return err
}

// usagef is bad usage or bad input: exit 2.
func usagef(format string, args ...any) error {
	return &codeError{code: exitUsage, msg: fmt.Sprintf(format, args...)}
}

// failf is a failure: exit 1.
func failf(format string, args ...any) error {
	return &codeError{code: exitFailed, msg: fmt.Sprintf(format, args...)}
}

// fail prints what went wrong and returns the exit code for err.
func (e *env) fail(err error) int {
	if err == nil {
		return exitOK
	}
	code, msg := classify(err)
	fmt.Fprintf(e.stderr, "kartoteka-cli: %s\n", msg)
	return code
}

// classify maps an error to its exit code and a message in plain words.
// Messages are built from sentinel texts, field names and IDs, never from
// the values a person typed, so no personal data reaches the terminal or a
// log through them.
func classify(err error) (int, string) {
	var ce *codeError
	var fe *store.FieldError
	var oe *store.OutputError
	var re *privacy.RuleError
	if msg, ok := blockedMessage(err); ok {
		return exitRefused, msg
	}
	if errors.As(err, &re) {
		return exitRefused, clean(re.Error())
	}
	var np store.NotPermitted
	switch {
	case errors.As(err, &ce):
		return ce.code, ce.msg
	case errors.As(err, &np):
		return exitDenied, fmt.Sprintf("not permitted for %s (staff %d): the permission %q; nothing was changed", np.Role, np.Staff, np.Permission)
	case errors.Is(err, store.ErrPINLocked):
		return exitLocked, store.ErrPINLocked.Error() + "; whoever holds the passphrase can give a new PIN (staff pin ID --pin-file F)"
	case errors.Is(err, store.ErrWrongPIN), errors.Is(err, store.ErrNoPIN):
		return exitLocked, clean(err.Error()) + "; nothing was done"
	case errors.Is(err, store.ErrPINFormat):
		return exitUsage, store.ErrPINFormat.Error() + "; nothing was changed"
	case errors.Is(err, store.ErrLastOwner):
		return exitRefused, store.ErrLastOwner.Error() + ": give the owner a PIN first, and keep one; nothing was changed"
	case errors.As(err, &oe):
		return exitUsage, oe.Error() + "; nothing was written"
	case errors.Is(err, store.ErrInUse):
		return exitFailed, "Kartoteka is open on this computer (the app, or another kartoteka-cli command, has this salon open): close it first; nothing was changed"
	case errors.Is(err, store.ErrDamaged):
		return exitFailed, store.ErrDamaged.Error() + " (kartoteka-cli restore FILE); the file was left as it is"
	case errors.Is(err, store.ErrHeaderChangedUnaudited):
		return exitFailed, "the change WAS made (the new secret is the one that opens the salon now), but its audit event could not be written: " +
			diskWords(err)
	case store.DiskProblem(err) != nil:
		return exitFailed, store.DiskProblem(err).Error()
	case errors.Is(err, store.ErrWrongPassphrase):
		return exitLocked, "wrong passphrase or recovery key; the database was not touched"
	case errors.Is(err, store.ErrRestricted):
		return exitRefused, restrictedMessage(err)
	case errors.Is(err, store.ErrNotBooked):
		return exitUsage, clean(err.Error())
	case errors.Is(err, store.ErrAnonymized):
		return exitRefused, "the client is anonymized (forgotten): the card is kept only as an anonymous " +
			"record for accounting and cannot be changed, booked or billed; use a new card for a returning client"
	case errors.Is(err, privacy.ErrAnonymizedSubject):
		return exitRefused, "the client is anonymized (forgotten): nothing personal is held about them, so there is nothing to export"
	case errors.Is(err, privacy.ErrExportInDataFolder):
		return exitUsage, "exports may not be written into Kartoteka's data folder (beside the database): choose another folder"
	case errors.Is(err, store.ErrBackupDamaged):
		return exitFailed, store.ErrBackupDamaged.Error() + "; the database was not touched"
	case errors.Is(err, privacy.ErrIntegrity):
		return exitFailed, "the database in the backup fails its integrity check; the current database was not touched"
	case errors.Is(err, context.Canceled):
		return exitFailed, "interrupted; the change in progress was not written"
	case errors.Is(err, store.ErrNoHealthConsent):
		return exitUsage, "health_notes: " + store.ErrNoHealthConsent.Error() +
			"; add --health-consent in_person|phone|paper|email to record how the client gave it"
	case errors.As(err, &fe):
		return exitUsage, describeField(fe)
	case errors.Is(err, store.ErrNotFound):
		return exitUsage, clean(err.Error())
	case errors.Is(err, store.ErrExists):
		return exitUsage, store.ErrExists.Error() + "; it was left as it is"
	case errors.Is(err, store.ErrBadCSV), errors.Is(err, store.ErrImportRejected), errors.Is(err, store.ErrImportEmpty),
		errors.Is(err, store.ErrImportTooLarge), errors.Is(err, store.ErrUnsafeInput):
		return exitUsage, clean(err.Error())
	case errors.Is(err, store.ErrTooNew):
		return exitFailed, store.ErrTooNew.Error() + "; update kartoteka-cli to open it"
	}
	return exitFailed, clean(err.Error())
}

// restrictedMessage words the refusal to process a restricted client, with
// the way out.
func restrictedMessage(err error) string {
	msg := store.ErrRestricted.Error()
	var fe *store.FieldError
	if errors.As(err, &fe) {
		msg = clean(fe.Err.Error()) // "client 5: processing of this client is restricted (GDPR Art. 18)"
	}
	return msg + ": booking or changing their records needs a ground of Art. 18(2); add --despite-restriction " +
		basesList + " if one of these grounds of GDPR Art. 18(2) applies"
}

// describeField words a refused field as "FIELD: reason".
func describeField(fe *store.FieldError) string {
	reason := clean(fe.Err.Error())
	if strings.HasPrefix(reason, fe.Field+" ") {
		return reason // "service 7: not found" already names the field
	}
	return fe.Field + ": " + reason
}

// clean drops the package prefixes of wrapped errors.
func clean(msg string) string {
	return strings.NewReplacer("store: ", "", "privacy: ", "").Replace(msg)
}

// diskWords says why the disk refused, in words, or gives the error.
func diskWords(err error) string {
	switch store.DiskProblem(err) {
	case store.ErrDiskFull:
		return "the disk is full"
	case store.ErrIO:
		return "the disk reported an I/O error"
	}
	return clean(err.Error())
}
