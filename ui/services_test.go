package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestServicesAndStaff(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.select_(sectionServices)
	v := sh.services
	if v == nil {
		t.Fatal("the section does not show the lists")
	}
	h.waitFor("the lists", func() bool { return v.loaded })

	// A service with a bad duration: a message beside it, nothing saved.
	test.Tap(v.addService)
	f := sh.serviceForm
	if f == nil {
		t.Fatal("Add a service does not open the form")
	}
	test.Type(f.name, "Strzyżenie")
	test.Type(f.minutes, "0")
	test.Type(f.price, "120")
	test.Tap(f.buttons.save)
	mustContain(t, "duration message", visibleText(f.form.errLabel("minutes")), "whole minutes")
	if s, err := h.u.db.Services(context.Background()); err != nil || len(s) != 0 {
		t.Fatalf("services after a refused save = %d, %v; want none", len(s), err)
	}

	// The store's own refusal shows beside the name.
	f.minutes.SetText("45")
	f.name.SetText("")
	test.Tap(f.buttons.save)
	nameErr := f.form.errLabel("name")
	h.waitFor("the name message", func() bool { return visibleText(nameErr) != "" })
	mustContain(t, "name message", nameErr.Text, "required")

	f.name.SetText("Strzyżenie")
	test.Tap(f.buttons.save)
	h.waitFor("the new service in the list", func() bool { return sh.services != nil && len(sh.services.serviceRows) == 1 })
	v = sh.services
	if got := v.serviceRows[0].service; got.Name != "Strzyżenie" || got.Minutes != 45 || got.Price.Minor != 12000 || !got.Active {
		t.Errorf("service = %+v", got)
	}

	// Deactivate: shown inactive.
	test.Tap(v.serviceRows[0].toggle)
	h.waitFor("the service inactive", func() bool {
		return len(v.serviceRows) == 1 && !v.serviceRows[0].service.Active
	})
	if got := v.serviceRows[0].toggle.Text; got != "Activate" {
		t.Errorf("toggle of an inactive service = %q", got)
	}

	// A staff member: listed.
	test.Tap(v.addStaff)
	sf := sh.staffForm
	if sf == nil {
		t.Fatal("Add a staff member does not open the form")
	}
	test.Type(sf.name, "Anna Nowak")
	sf.role.SetSelected("Reception")
	test.Tap(sf.buttons.save)
	h.waitFor("the new staff member in the list", func() bool { return sh.services != nil && len(sh.services.staffRows) == 1 })
	if got := sh.services.staffRows[0].member; got.Name != "Anna Nowak" || got.Role != "reception" || !got.Active {
		t.Errorf("staff member = %+v", got)
	}

	// Edit the staff member's name.
	test.Tap(sh.services.staffRows[0].edit)
	sf = sh.staffForm
	sf.name.SetText("Anna Kowal")
	test.Tap(sf.buttons.save)
	h.waitFor("the renamed staff member", func() bool {
		return sh.services != nil && len(sh.services.staffRows) == 1 && sh.services.staffRows[0].member.Name == "Anna Kowal"
	})
}

func TestSalonSettings(t *testing.T) {
	h := newHarness(t)
	h.makeSalon()
	sh := h.unlock()
	sh.select_(sectionSettings)
	s := sh.settings.salon
	if got := s.name.Text; got != "Salon Testowy" {
		t.Fatalf("salon name = %q", got)
	}

	s.name.SetText("")
	test.Tap(s.buttons.save)
	nameErr := s.form.errLabel("name")
	h.waitFor("the name message", func() bool { return visibleText(nameErr) != "" })

	s.name.SetText("Salon Nowy")
	s.address.SetText("ul. Długa 5, Kraków")
	test.Tap(s.buttons.save)
	h.waitFor("saved", func() bool { return s.saved.Visible() })
	if got := h.u.win.Title(); got != "Salon Nowy — Kartoteka" {
		t.Errorf("title = %q", got)
	}
	if got := sh.salonName.Text; got != "Salon Nowy" {
		t.Errorf("name beside the navigation = %q", got)
	}
	sal, err := h.u.db.Salon(context.Background())
	if err != nil || sal.Address != "ul. Długa 5, Kraków" {
		t.Fatalf("salon = %+v, %v", sal, err)
	}

	// Reloaded, the settings show the new address.
	sh.select_(sectionClients)
	sh.select_(sectionSettings)
	if got := sh.settings.salon.address.Text; got != "ul. Długa 5, Kraków" {
		t.Errorf("address after reload = %q", got)
	}
}
