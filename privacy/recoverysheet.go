package privacy

import (
	"io"
	"strings"
	"time"

	"kartoteka/locale"
	"kartoteka/store"
)

// RecoverySheetName is the file name offered for a recovery sheet.
func RecoverySheetName(day time.Time) string {
	return "kartoteka-recovery-sheet-" + day.Format(time.DateOnly) + ".pdf"
}

// WriteRecoverySheet writes the one-page recovery sheet of a salon in
// language code: the salon's name, the day, the recovery key in large
// monospaced groups, and what to do with it. The sheet is for printing: it
// opens every client's data, so the app writes it only where the owner says.
func WriteRecoverySheet(w io.Writer, salon, key string, day time.Time, code string) error {
	tr := wordsFor(code)
	d, err := newDoc(tr, tr.L("Recovery sheet"), salon)
	if err != nil {
		return err
	}
	d.text(22, "B", tr.L("Recovery sheet"))
	d.Ln(2)
	d.text(12, "", salon)
	d.text(10, "", tr.L("Made on {{.Date}}", map[string]any{"Date": locale.Date(tr.code, day)}))
	d.Ln(10)
	d.text(11, "B", tr.L("Recovery key"))
	d.Ln(3)
	groups := strings.Split(key, "-")
	top := d.GetY()
	d.SetDrawColor(60, 60, 60)
	d.SetLineWidth(0.6)
	rows := (len(groups) + 3) / 4
	d.Rect(pageMargin, top, bodyWidth, float64(rows)*16+8, "D")
	d.SetLineWidth(0.2)
	d.SetFont(fontMono, "", 26)
	for i := 0; i < len(groups); i += 4 {
		d.SetXY(pageMargin, top+4+float64(i/4)*16)
		d.CellFormat(bodyWidth, 16, strings.Join(groups[i:min(i+4, len(groups))], "  "), "", 0, "C", false, 0, "")
	}
	d.SetXY(pageMargin, top+float64(rows)*16+14)
	d.text(11, "B", tr.L("What it is for"))
	d.text(10, "", tr.L("If the passphrase of the salon is ever lost, this key is the only way to open its data: on the unlock screen choose “{{.Button}}” and type it. Upper or lower case, spaces and dashes do not matter.",
		map[string]any{"Button": tr.L("Use the recovery key instead")}))
	d.Ln(4)
	d.text(11, "B", tr.L("How to keep it"))
	d.bullets([]string{
		tr.L("Keep this sheet somewhere safe and away from the computer, such as a locked drawer or a safe."),
		tr.L("Anyone who has this key and the salon's data file can read every client's data: do not photograph it, email it or keep it on the computer."),
		tr.L("If someone may have seen it, make a new key under {{.Where}}: this one then stops working. Print the new sheet and destroy this one.",
			map[string]any{"Where": tr.L("Settings") + " → " + tr.L("Security")}),
	})
	return d.finish(w)
}

// SaveRecoverySheet writes the recovery sheet to path atomically; a folder,
// a device or another file that is not regular is refused
// (store.ErrUnsafeOutput) before anything is written.
func SaveRecoverySheet(path, salon, key string, day time.Time, code string) error {
	if err := store.CheckOutputs("", path); err != nil {
		return err
	}
	return writeAtomic(path, "recovery sheet", func(w io.Writer) error { return WriteRecoverySheet(w, salon, key, day, code) })
}
