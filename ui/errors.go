package ui

import (
	"context"
	"errors"
	"io/fs"

	"fyne.io/fyne/v2/lang"

	"kartoteka/privacy"
	"kartoteka/store"
)

// SQLite's primary result codes the owner can do something about that
// store.DiskProblem leaves (a full disk and I/O errors are its); the driver's
// errors carry them through a Code method.
const (
	sqliteBusy    = 5
	sqliteLocked  = 6
	sqliteCorrupt = 11
	sqliteNotADB  = 26
)

// errorMessage says in the language in use why something failed: one
// mapping from the store's and privacy's sentinel errors (and the file
// system's) to sentences an owner understands. The Go text of err never
// shows here; problemBox keeps it behind Details for support.
func errorMessage(err error) string {
	var fe *store.FieldError
	var np store.NotPermitted
	var coded interface{ Code() int }
	var damage store.PageDamage
	if errors.As(store.DiskProblem(err), &damage) { // SQLite read a page that does not authenticate
		err = damage
	}
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return lang.L("It was stopped before it finished; nothing was half-done.")
	case errors.As(err, &np):
		return notAllowed(np.Permission) // the window should not have offered it; the store refused anyway
	case errors.Is(err, store.ErrNotPermitted):
		return lang.L("Your role does not allow this.")
	case errors.Is(err, store.ErrLastOwner):
		return lang.L("While anyone has a PIN, someone with a PIN must be able to manage staff: give the owner a PIN first, and keep it while others have one.")
	case errors.Is(err, store.ErrPINFormat):
		return lang.L("A PIN is 4 to 8 digits.")
	case errors.Is(err, store.ErrNoPIN):
		return lang.L("Only an active staff member can have a PIN.")
	case errors.Is(err, store.ErrAnonymized), errors.Is(err, privacy.ErrAnonymizedSubject), errors.Is(err, privacy.ErrAlreadyAnonymized):
		return lang.L("This client has been forgotten: nothing personal is kept any more.")
	case errors.Is(err, privacy.ErrRestricted):
		return lang.L("Processing of this client's data is restricted (GDPR Art. 18).")
	case errors.Is(err, privacy.ErrUpcomingBookings):
		return lang.L("The client has upcoming bookings.")
	case errors.Is(err, store.ErrOverlap):
		return lang.L("The staff member already has a booking at that time.")
	case errors.Is(err, store.ErrCancelledBooking):
		return lang.L("A cancelled booking cannot be checked out.")
	case errors.Is(err, store.ErrWrongPassphrase):
		return lang.L("Wrong passphrase or recovery key.")
	case errors.Is(err, store.ErrTooNew):
		return lang.L("This salon was saved by a newer version of Kartoteka. Please update Kartoteka to open it.")
	case errors.Is(err, store.ErrBackupDamaged):
		return lang.L("The backup is damaged or was changed.")
	case errors.Is(err, privacy.ErrIntegrity):
		return lang.L("The data in the backup is not whole.")
	case errors.Is(err, privacy.ErrExportInDataFolder):
		return lang.L("Kartoteka keeps its own data in this folder; choose another one for exports.")
	case errors.Is(err, store.ErrCheckpointBusy):
		return lang.L("The salon is busy with another task. Try again in a moment.")
	case errors.Is(err, store.ErrExists):
		return lang.L("A salon already exists there; it was left as it is.")
	case errors.Is(err, store.ErrInUse):
		return lang.L("Kartoteka is already open on this computer, or a kartoteka-cli command is using this salon. Close it first, then try again.")
	case errors.As(err, &damage) && damage.InLog:
		return lang.L("A page of the salon's write-ahead log is damaged or was changed outside Kartoteka. Restore the salon from a backup.")
	case errors.As(err, &damage):
		return lang.L("Page {{.Page}} of the salon file is damaged or was changed outside Kartoteka. Restore the salon from a backup.", map[string]any{"Page": damage.Page})
	case errors.Is(err, store.ErrDamaged):
		return lang.L("This salon file is damaged or incomplete. Restore it from a backup.")
	case errors.Is(err, store.ErrUnsafeOutput):
		return lang.L("Kartoteka may not write there: that is one of its own files, a folder or a device. Choose another file name or folder.")
	case errors.Is(err, store.ErrUnsafeInput):
		return lang.L("Kartoteka cannot import from there: that is a folder, a device or one of the salon's own files. Choose the client list file.")
	case errors.Is(err, store.ErrImportTooLarge):
		return lang.L("The file is too large to be a client list (over 64 MB).")
	case errors.Is(err, store.ErrImportEmpty):
		return lang.L("The file has a header row but no clients.")
	case errors.Is(err, store.ErrBadCSV):
		return lang.L("This is not a client list Kartoteka can read: it needs a header row naming the first and last name (or the full name), and at most 200 columns and 200,000 rows.")
	case errors.Is(err, store.ErrImportRejected):
		return lang.L("Some rows were refused; nothing was imported.")
	case errors.Is(err, store.ErrImportDuplicates):
		return lang.L("Some rows may be clients you already have: choose what to do with them; nothing was imported.")
	case errors.Is(err, store.ErrHeaderChangedUnaudited):
		return lang.L("The change was made, but its record could not be written to the audit log (the disk may be full).")
	case errors.Is(err, store.ErrRefundTooLarge):
		return lang.L("A refund cannot be more than was paid.")
	case errors.Is(store.DiskProblem(err), store.ErrDiskFull):
		return lang.L("The disk is full. Free some space and try again.")
	case errors.Is(store.DiskProblem(err), store.ErrIO):
		return lang.L("The disk reported an error reading or writing the salon's files. Nothing was half-written; if this goes on, check the disk and restore a backup.")
	case errors.As(err, &fe):
		return fieldMessage(fe.Err)
	case errors.Is(err, store.ErrNotFound):
		return lang.L("It is no longer there: it may have been removed meanwhile.")
	case errors.Is(err, fs.ErrPermission):
		return lang.L("Kartoteka is not allowed to read or write there.")
	case errors.Is(err, fs.ErrNotExist):
		return lang.L("The file or folder does not exist any more.")
	case errors.As(err, &coded):
		switch coded.Code() & 0xff {
		case sqliteBusy, sqliteLocked:
			return lang.L("The salon file is busy: another program may be using it. Try again in a moment.")
		case sqliteCorrupt, sqliteNotADB:
			return lang.L("The salon file could not be read or written; it may be damaged. If this goes on, restore a backup.")
		}
	}
	return lang.L("Something unexpected went wrong.")
}
