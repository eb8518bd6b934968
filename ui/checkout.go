package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kartoteka/store"
	kwidget "kartoteka/ui/widget"
)

// checkoutForm takes payment for a booking: the amount, prefilled with the
// booking's price, and the method. Taking it records the payment and marks
// the booking completed, in one step.
type checkoutForm struct {
	d        *bookingDetails
	amount   *textEntry
	method   *kwidget.RadioGroup
	amountEr *widget.Label
	problem  *problemBox
	take     *widget.Button
	back     *widget.Button
	activity *widget.Activity
}

func newCheckoutForm(d *bookingDetails) *checkoutForm {
	f := &checkoutForm{d: d, amountEr: errorText(), problem: newProblemBox()}
	f.amount = newEntry()
	f.amount.SetText(plainAmount(d.cal.shell.u.lang, d.booking.Price.Minor))
	f.amount.OnSubmitted = func(string) { f.onTake() }
	f.method = kwidget.NewRadioGroup([]string{methodName("cash"), methodName("card"), methodName("transfer")}, nil)
	f.method.Required = true
	f.method.SetSelected(methodName("card"))
	f.take = widget.NewButtonWithIcon(lang.L("Take payment"), theme.ConfirmIcon(), f.onTake)
	f.take.Importance = widget.HighImportance
	f.back = widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), d.load)
	f.activity = widget.NewActivity()
	f.activity.Hide()
	return f
}

func (f *checkoutForm) content() fyne.CanvasObject {
	b := f.d.booking
	code := f.d.cal.shell.u.lang
	title := subheading(lang.L("Check out"))
	who := paragraph(clientName(f.d.client) + " · " + formatDate(code, b.Start) + " " + b.Start.Local().Format("15:04"))
	price := paragraph(lang.L("Price of the service: {{.Price}}", map[string]any{"Price": formatMoney(code, b.Price)}))
	amount := container.NewBorder(nil, nil, nil, widget.NewLabel(currencySign(b.Price.Currency)), f.amount)
	return container.NewVBox(title, who, price,
		widget.NewLabel(lang.L("Amount")), amount, f.amountEr,
		widget.NewLabel(lang.L("Method")), f.method,
		f.problem,
		container.NewBorder(nil, nil, f.back, container.NewHBox(f.activity, f.take)))
}

// methodCode is the store's name of the method chosen.
func (f *checkoutForm) methodCode() string {
	for _, m := range store.Methods {
		if methodName(m) == f.method.Selected {
			return m
		}
	}
	return "card"
}

func (f *checkoutForm) onTake() {
	setError(f.amountEr, "")
	f.problem.clear()
	minor, err := store.ParseAmount(strings.ReplaceAll(strings.TrimSpace(f.amount.Text), " ", ""))
	if err != nil || minor <= 0 {
		setError(f.amountEr, lang.L("Write the amount as {{.Example}}.", map[string]any{"Example": plainAmount(f.d.cal.shell.u.lang, 12050)}))
		f.d.cal.panel.Refresh()
		return
	}
	id, method := f.d.id, f.methodCode()
	f.setWorking(true)
	end := f.d.cal.shell.begin(lang.L("Saving…"))
	dbWork(f.d.cal.shell.u, func(ctx context.Context, db *store.DB) (int64, error) {
		return db.CheckOut(ctx, id, store.PaymentInput{Amount: minor, Method: method})
	}, func(_ int64, err error) {
		end()
		f.setWorking(false)
		if f.d.checkout != f || f.d.cal.details != f.d {
			return
		}
		if err != nil {
			f.problem.show(lang.L("The payment could not be recorded."), err)
			f.d.cal.panel.Refresh()
			return
		}
		f.d.checkout = nil
		f.d.cal.load()
		f.d.load()
	})
}

func (f *checkoutForm) setWorking(on bool) {
	working(f.activity, on, f.amount, f.method, f.take, f.back)
}
