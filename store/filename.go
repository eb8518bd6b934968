package store

import (
	"errors"
	"strconv"
	"strings"
)

// PortableName returns nil when name is a file name that Linux, macOS and
// Windows all take as it is, else an error saying why not. Windows forbids
// the most: the characters < > : " / \ | ? * and control characters, a
// name ending in a dot or a space (which it silently drops), the device
// names CON, PRN, AUX, NUL, COM0–COM9 and LPT0–LPT9 with or without an
// extension; and Linux, names longer than 255 bytes. On Windows
// [CheckOutputs] refuses such outputs; every name Kartoteka offers passes.
func PortableName(name string) error {
	if p := windowsNameProblem(name); p != "" {
		return errors.New("store: file name " + strconv.Quote(name) + " " + p)
	}
	return nil
}

// windowsNameProblem says what is wrong with name as a Windows file name,
// in words that follow it, or "" when nothing is.
func windowsNameProblem(name string) string {
	switch {
	case name == "" || name == "." || name == "..":
		return "is not a file name"
	case len(name) > 255:
		return "is longer than 255 bytes"
	case strings.HasSuffix(name, ".") || strings.HasSuffix(name, " "):
		return "ends with a dot or a space, which Windows drops: choose another name"
	}
	for _, r := range name {
		if r < 32 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return "has a character Windows does not allow in file names (< > : \" / \\ | ? * or a control character): choose another name"
		}
	}
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return "is the name of a device on Windows, not of a file: choose another name"
	}
	if len(stem) >= 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) {
		switch stem[3:] {
		case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
			return "is the name of a device on Windows, not of a file: choose another name"
		}
	}
	return ""
}
