package ui

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kartoteka/store"
)

// A lock that comes by itself (auto-lock) must not lose what the owner was
// typing: the view's unsaved fields go into the salon file as a draft —
// encrypted like everything there, never a plaintext file — and come back,
// with a word saying so, when the salon is unlocked. Forgetting a client
// deletes the drafts about them (the store sees to it).

// draftData is what a draft keeps: the view's fields, and what the view
// needs besides to show them again.
type draftData struct {
	Values formValues `json:"values"`
	Health string     `json:"health,omitempty"` // the card's health notes
	Client int64      `json:"client,omitempty"` // the client chosen in a booking form
	Policy string     `json:"policy,omitempty"` // the retention policy chosen
	// By is the staff member who typed it (0: no one in particular): once
	// two or more people have a PIN, a draft comes back to them alone, when
	// they continue — not to whoever signs in next.
	By int64 `json:"by,omitempty"`
}

// drafter is an editor that can keep its unsaved fields as a draft.
type drafter interface {
	editor
	// draftKey names the view and what it edits, as restoreDraft reads it:
	// "client:new", "client:42", "booking:new", "service:7", "salon",
	// "request:new"…
	draftKey() (key string, client int64)
	draftData() draftData
}

// drafts are the drafts of the view on show with unsaved changes.
func (s *shellScreen) drafts() []store.Draft {
	d, ok := s.editing().(drafter)
	if !ok {
		return nil
	}
	dd := d.draftData()
	dd.By = s.u.acting
	data, err := json.Marshal(dd)
	if err != nil {
		fyne.LogError("ui: draft", err)
		return nil
	}
	key, client := d.draftKey()
	if s.u.team.switching() && s.u.acting != 0 {
		// Each person's own: the next person's draft of the same form
		// must not replace it.
		key += "@" + itoa(s.u.acting)
	}
	return []store.Draft{{Key: key, ClientID: client, Data: data}}
}

// loadDrafts reads the drafts a lock (or the return to the switch screen)
// kept, shows the newest in its view and removes it from the file: from
// now on it is the view's unsaved changes, which the next lock keeps
// again; any other draft waits for the next time. Where two or more people
// have a PIN, only the drafts of the person acting are theirs, with those
// of no one in particular and of someone who no longer signs in
// (deactivated, PIN cleared), which would otherwise wait for ever; the
// others' wait for them.
func (s *shellScreen) loadDrafts() {
	acting, everyone := s.u.acting, !s.u.team.switching()
	signsIn := map[int64]bool{}
	for _, p := range s.u.team.people {
		signsIn[p.ID] = true
	}
	dbWork(s.u, func(ctx context.Context, db *store.DB) (*store.Draft, error) {
		ds, err := db.Drafts(ctx)
		if err != nil {
			return nil, err
		}
		var mine *store.Draft
		for i, d := range ds {
			var data draftData
			if json.Unmarshal(d.Data, &data) == nil && !everyone && data.By != acting && signsIn[data.By] {
				continue
			}
			mine = &ds[i] // oldest first: the last is the newest
		}
		if mine != nil {
			if err := db.DeleteDraft(ctx, mine.Key); err != nil {
				return nil, err
			}
		}
		return mine, nil
	}, func(d *store.Draft, err error) {
		s.draftsRead = true
		if err != nil {
			fyne.LogError("ui: drafts", err)
		}
		if d == nil {
			return
		}
		var data draftData
		if err := json.Unmarshal(d.Data, &data); err != nil {
			fyne.LogError("ui: draft", err)
			return
		}
		s.restoreDraft(d.Key, data)
	})
}

// restoreDraft opens the view key names with data in its fields.
func (s *shellScreen) restoreDraft(key string, data draftData) {
	key, _, _ = strings.Cut(key, "@") // whose it is: read from data.By
	kind, rest, _ := strings.Cut(key, ":")
	id, _ := strconv.ParseInt(rest, 10, 64)
	switch kind {
	case "client":
		if id == 0 {
			s.select_(sectionClients)
			s.openNew()
			s.newClient.form.setValues(data.Values)
			s.restored(s.newClient)
			return
		}
		s.showClientCard(id)
		s.card.pending = &data
	case "booking":
		s.select_(sectionCalendar)
		s.calendar.restore(id, data)
	case "service", "staff":
		s.select_(sectionServices)
		s.services.pending = &pendingForm{kind: kind, id: id, data: data}
	case "salon":
		s.select_(sectionSettings)
		s.settings.salon.form.setValues(data.Values)
		s.restored(s.settings.salon)
	case "retention":
		s.select_(sectionPrivacy)
		if s.retentionTab != nil {
			s.privacyTabs.Select(s.retentionTab)
			s.privacy.pending = &data
		}
	case "request":
		if s.selectRequests() {
			s.requests.restore(data)
		}
	}
}

// restored says the unsaved changes to e are back, above the section.
func (s *shellScreen) restored(e editor) {
	s.say(lang.L("Restored your unsaved changes to {{.What}}. Save them, or leave to discard them.", map[string]any{"What": e.subject()}))
}

// pendingForm is a service's or staff member's draft, shown once the lists
// are read.
type pendingForm struct {
	kind string
	id   int64
	data draftData
}
