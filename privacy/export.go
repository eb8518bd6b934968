package privacy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"kartoteka/store"
)

// ErrExportInDataFolder refuses to write an export beside the database: the
// data folder is the app's, and a personal-data file left there would outlive
// a forgotten client unnoticed.
var ErrExportInDataFolder = errors.New("privacy: exports may not be written into Kartoteka's data folder")

// ExportRequest says which exports of a client to write, and where.
type ExportRequest struct {
	ClientID  int64
	PDF, JSON string // paths of the files; empty: that format is not written
	// Language of the export (en, pl, de, da); empty: the client's own.
	Language string
	Now      time.Time // zero: now
}

// DefaultExportName is the file name offered for an export: the client's
// number and the day, never their name, as "client-42-2026-12-01.pdf".
func DefaultExportName(clientID int64, format string, day time.Time) string {
	return fmt.Sprintf("client-%d-%s.%s", clientID, day.Format(time.DateOnly), format)
}

// Export writes the requested files, each atomically (a temporary file in
// the same folder, synced, then renamed over the name), and records them in
// the database with one audit event that names the formats, never a path.
// It refuses paths inside the database's folder or the default data folder
// (ErrExportInDataFolder), outputs [store.CheckOutputs] refuses (a folder,
// a device, both formats into one file: store.ErrUnsafeOutput) and a
// forgotten client (ErrAnonymizedSubject), before writing anything.
func Export(ctx context.Context, db *store.DB, req ExportRequest) ([]store.ExportFile, error) {
	if err := db.Require(ctx, store.PermExport); err != nil {
		return nil, err
	}
	ctx = store.CheckedFlow(ctx) // the export is whole, health notes included
	if req.Now.IsZero() {
		req.Now = time.Now()
	}
	if err := store.CheckOutputs(db.Path(), req.PDF, req.JSON); err != nil {
		return nil, err
	}
	var jobs []store.ExportFile
	for _, f := range []struct{ format, path string }{{store.FormatPDF, req.PDF}, {store.FormatJSON, req.JSON}} {
		if f.path == "" {
			continue
		}
		abs, err := filepath.Abs(f.path)
		if err != nil {
			return nil, fmt.Errorf("privacy: export path: %w", store.Bare(err))
		}
		if inDataFolder(abs, db.Path()) {
			return nil, ErrExportInDataFolder
		}
		jobs = append(jobs, store.ExportFile{ClientID: req.ClientID, Format: f.format, Path: abs})
	}
	if len(jobs) == 0 {
		return nil, errors.New("privacy: no export file named")
	}
	s, err := LoadSubject(ctx, db, req.ClientID, req.Now)
	if err != nil {
		return nil, err
	}
	code := req.Language
	if code == "" {
		code = s.Language()
	}
	for _, j := range jobs {
		write := func(w io.Writer) error { return s.WriteJSON(w, code) }
		if j.Format == store.FormatPDF {
			write = func(w io.Writer) error { return s.WritePDF(w, code) }
		}
		if err := writeAtomic(j.Path, "export", write); err != nil {
			return nil, err
		}
	}
	if err := db.RecordExport(ctx, req.ClientID, jobs); err != nil {
		return nil, err
	}
	return jobs, nil
}

// inDataFolder reports whether path lies in the folder of the database at
// dbPath or in the default data folder.
func inDataFolder(path, dbPath string) bool {
	var dirs []string
	if dbPath != "" {
		if d, err := filepath.Abs(filepath.Dir(dbPath)); err == nil {
			dirs = append(dirs, d)
		}
	}
	if d, err := store.DataDir(); err == nil {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		if rel, err := filepath.Rel(d, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
