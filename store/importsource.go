package store

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// MaxImportBytes bounds a file an import reads: 64 MiB, far more than the
// 200,000 rows an import takes ([ErrImportTooLarge] beyond).
const MaxImportBytes = 64 << 20

// ErrImportTooLarge means the file is larger than an import reads
// ([MaxImportBytes]); nothing was read into the salon.
var ErrImportTooLarge = errors.New("the file is too large for a client list (over 64 MB)")

// ErrImportEmpty means the file has a header but not one row of clients.
var ErrImportEmpty = errors.New("the file has a header but no clients")

// ErrUnsafeInput is a file Kartoteka refuses to import from, before reading
// it: see [ReadImportFile].
var ErrUnsafeInput = errors.New("not a file Kartoteka may import")

// InputError says which import file was refused and why, in words.
type InputError struct {
	Path    string
	Problem string
}

func (e *InputError) Error() string { return e.Path + ": " + e.Problem }
func (e *InputError) Unwrap() error { return ErrUnsafeInput }

// ReadImportFile reads the client file at path for an import, refusing
// before it reads a byte: a folder, anything that is not a regular file (a
// device such as /dev/zero, a pipe), the salon file at dbPath and the files
// that belong to it (an [*InputError] wrapping ErrUnsafeInput), and a file
// over [MaxImportBytes] ([ErrImportTooLarge]). A path that does not exist
// is an error wrapping fs.ErrNotExist.
func ReadImportFile(dbPath, path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("store: import file: %w", bare(err))
	}
	switch {
	case fi.IsDir():
		return nil, &InputError{path, "is a folder: choose a file in it"}
	case !fi.Mode().IsRegular():
		return nil, &InputError{path, "is not a regular file (a device or a pipe)"}
	}
	if dbPath != "" {
		for _, ext := range companions {
			if samePath(path, dbPath+ext) {
				return nil, &InputError{path, "is the salon's own database or a file that belongs to it"}
			}
		}
	}
	if fi.Size() > MaxImportBytes {
		return nil, ErrImportTooLarge
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("store: import file: %w", bare(err))
	}
	defer f.Close()
	return readImport(f)
}

// readImport reads r to its end, refusing more than MaxImportBytes: an
// import cut short would import part of a file.
func readImport(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("store: read the import: %w", bare(err))
	}
	if len(data) > MaxImportBytes {
		return nil, ErrImportTooLarge
	}
	return data, nil
}
