package store

import (
	"fmt"
	"os"
	"testing"

	"golang.org/x/sys/windows"
)

// The refusals Windows gives while another program holds a file are the
// ones waited for; other errors are not.
func TestHeldElsewhere(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&os.LinkError{Op: "rename", Err: windows.ERROR_SHARING_VIOLATION}, true},
		{&os.LinkError{Op: "rename", Err: windows.ERROR_ACCESS_DENIED}, true},
		{fmt.Errorf("x: %w", windows.ERROR_LOCK_VIOLATION), true},
		{&os.LinkError{Op: "rename", Err: windows.ERROR_FILE_NOT_FOUND}, false},
		{&os.LinkError{Op: "rename", Err: windows.ERROR_DISK_FULL}, false},
		{os.ErrExist, false},
	} {
		if got := heldElsewhere(c.err); got != c.want {
			t.Errorf("heldElsewhere(%v) = %v", c.err, got)
		}
	}
}
