package privacy

import (
	"fmt"
	"io"

	"github.com/jung-kurt/gofpdf"

	"kartoteka/assets"
)

// Page geometry of the PDFs, in millimetres on A4.
const (
	pageMargin   = 16.0
	bodyWidth    = 210 - 2*pageMargin
	lineHeight   = 5.0
	bottomMargin = 18.0
)

// Font families embedded in every PDF.
const (
	fontSans = "go"
	fontMono = "gomono"
)

// doc is a PDF being written: A4, the Go fonts embedded, a footer on each
// page with its number of the total.
type doc struct {
	*gofpdf.Fpdf
	tr *words
}

// newDoc starts an A4 document; footer, when not empty, is printed left of
// "page X of Y" at the foot of each page.
func newDoc(tr *words, title, footer string) (*doc, error) {
	f := gofpdf.New("P", "mm", "A4", "")
	for _, face := range []struct{ family, style, file string }{
		{fontSans, "", "Go-Regular.ttf"}, {fontSans, "B", "Go-Bold.ttf"}, {fontMono, "", "Go-Mono.ttf"},
	} {
		data, err := assets.Fonts.ReadFile("fonts/" + face.file)
		if err != nil {
			return nil, fmt.Errorf("privacy: font %s: %w", face.file, err)
		}
		f.AddUTF8FontFromBytes(face.family, face.style, data)
	}
	f.SetMargins(pageMargin, pageMargin, pageMargin)
	f.SetAutoPageBreak(true, bottomMargin)
	f.SetTitle(title, true)
	f.SetCreator("Kartoteka", true)
	f.AliasNbPages("{nb}")
	d := &doc{Fpdf: f, tr: tr}
	f.SetFooterFunc(func() {
		f.SetY(-12)
		f.SetFont(fontSans, "", 8)
		f.SetTextColor(110, 110, 110)
		f.CellFormat(bodyWidth/2, 4, footer, "", 0, "L", false, 0, "")
		f.CellFormat(bodyWidth/2, 4, tr.L("Page {{.Page}} of {{.Pages}}", map[string]any{"Page": f.PageNo(), "Pages": "{nb}"}), "", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	return d, nil
}

// finish writes the document to w.
func (d *doc) finish(w io.Writer) error {
	if err := d.Output(w); err != nil {
		return fmt.Errorf("privacy: write PDF: %w", err)
	}
	return nil
}

// text writes a paragraph, wrapped at the body's width.
func (d *doc) text(size float64, style, s string) {
	d.SetFont(fontSans, style, size)
	d.MultiCell(bodyWidth, size*0.45, s, "", "L", false)
}

// heading starts a section, on a new page when too little of this one is
// left for its first lines.
func (d *doc) heading(s string) {
	if d.GetY() > 297-bottomMargin-25 {
		d.AddPage()
	}
	d.Ln(4)
	d.SetFont(fontSans, "B", 12)
	d.MultiCell(bodyWidth, 6, s, "", "L", false)
	d.SetDrawColor(180, 180, 180)
	d.Line(pageMargin, d.GetY(), pageMargin+bodyWidth, d.GetY())
	d.Ln(1.5)
}

// bullets writes a list, each item wrapped under its bullet.
func (d *doc) bullets(items []string) {
	d.SetFont(fontSans, "", 10)
	for _, it := range items {
		d.SetX(pageMargin)
		d.CellFormat(5, lineHeight, "•", "", 0, "L", false, 0, "")
		d.MultiCell(bodyWidth-5, lineHeight, it, "", "L", false)
	}
}

// table writes rows under a header, with the widths (in mm) of its columns;
// long cells wrap, and the header is repeated when the table crosses a page.
func (d *doc) table(widths []float64, header []string, rows [][]string) {
	if len(rows) == 0 {
		d.text(10, "", d.tr.L("None."))
		return
	}
	d.row(widths, header, true)
	for _, r := range rows {
		if d.GetY()+d.rowHeight(widths, r, false) > 297-bottomMargin {
			d.AddPage()
			d.row(widths, header, true)
		}
		d.row(widths, r, false)
	}
}

// rowHeight is how tall a row is with its cells wrapped.
func (d *doc) rowHeight(widths []float64, cells []string, bold bool) float64 {
	style := ""
	if bold {
		style = "B"
	}
	d.SetFont(fontSans, style, 9)
	lines := 1
	for i, c := range cells {
		lines = max(lines, len(d.SplitText(c, widths[i]-2)))
	}
	return float64(lines)*4.5 + 1.5
}

// row writes one row of a table: a shaded one for the header.
func (d *doc) row(widths []float64, cells []string, header bool) {
	h := d.rowHeight(widths, cells, header)
	x, y := pageMargin, d.GetY()
	if header {
		d.SetFillColor(235, 235, 235)
		d.Rect(x, y, bodyWidth, h, "F")
	}
	d.SetDrawColor(215, 215, 215)
	d.Line(x, y+h, x+bodyWidth, y+h)
	for i, c := range cells {
		d.SetXY(x+1, y+0.75)
		d.MultiCell(widths[i]-2, 4.5, c, "", "L", false)
		x += widths[i]
	}
	d.SetXY(pageMargin, y+h)
}

// pairs writes labelled values in two columns, the values wrapped.
func (d *doc) pairs(rows [][2]string) {
	for _, r := range rows {
		d.SetFont(fontSans, "B", 10)
		d.SetX(pageMargin)
		d.CellFormat(45, lineHeight, r[0], "", 0, "L", false, 0, "")
		d.SetFont(fontSans, "", 10)
		v := r[1]
		if v == "" {
			v = "—"
		}
		d.MultiCell(bodyWidth-45, lineHeight, v, "", "L", false)
	}
}
