package privacy

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"

	"kartoteka/store"
)

// writeAtomic writes a file through a temporary one in the same folder, so
// that a crash leaves either the old file or the whole new one; what names
// the file in errors ("backup", "export"). The temporary file is removed on
// every way out, and one left by a killed writer goes the next time a file
// is written into that folder (see [store.CreateTemp]). Errors name no
// temporary file.
func writeAtomic(path, what string, write func(io.Writer) error) error {
	t, err := store.CreateTemp(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("privacy: write the %s: %w", what, store.Bare(err))
	}
	defer t.Discard()
	if err := write(t); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("privacy: write the %s: %w", what, pe.Err)
		}
		return err
	}
	if err := t.Commit(path); err != nil {
		return fmt.Errorf("privacy: write the %s: %w", what, err)
	}
	return nil
}
