// Package ui is Kartoteka's desktop app: the Fyne screens a salon owner
// keeps open all day, over the encrypted database of package store.
//
// # Screens
//
// [App] owns the window and shows one screen at a time:
//
//   - first run, when there is no salon database yet: pick the language, then
//     create the salon (name, country, currency, a passphrase typed twice,
//     then the recovery key, shown once, with its printable recovery sheet,
//     and confirmed) or explore a demo
//     salon, made by package demo in a separate database with a passphrase
//     that the app shows;
//   - unlock, when there is one: the passphrase, or the recovery key instead;
//     the demo salon is one click away;
//   - the main window: navigation (calendar, clients, services and staff,
//     privacy, settings, and the audit log for whoever may read it), the salon's name in the title ("DEMO" for the
//     demo), a status line for background work. The calendar shows a day
//     with a column for each staff member, or a week with a lane for each
//     (or for one chosen); tapping an empty time opens the booking form
//     beside the grid (the client found as you type, the service setting
//     length and price, a clash refused beside the time), tapping a booking
//     shows it there with Check out (the price prefilled, the method),
//     Move, Mark completed, Mark no-show, Cancel (asked twice), Restore and
//     Open the client card. The clients section finds clients as you type
//     (Ctrl+F puts the cursor there); New client (or Ctrl+N anywhere) adds
//     one, with the store's refusals shown beside each field; choosing a
//     client opens the card: the details, editable, with consents and their
//     history, health notes (editable only while health-data consent is
//     given), restriction of processing with its reason, upcoming and past
//     bookings and payments, Book, and Export data (a printable PDF and a
//     portable JSON of everything held about the client, in their language,
//     into a folder the owner picks; Open shows the PDF for printing);
//     Unsubscribe beside a marketing consent given takes the client off
//     that mailing list in one click. Possible duplicates, beside New
//     client, lists the groups of cards that may be one person, with why
//     (the same phone, email, name and birth date, or a name written almost
//     the same); whoever may change cards and forget picks the card to keep
//     and the one to merge, and the merge preview shows both cards field by
//     field, with the values the kept card is to say picked (as proposed at
//     first), what moves, and that the other card is then forgotten; a
//     restricted card needs a ground of Art. 18(2).
//     Services and staff lists the price
//     list and the team, with Add, Edit and Deactivate (or Activate) for
//     each, and a staff member's form sets their role, PIN and permissions.
//     Settings switch the language and hold the salon's details
//     printed on exports (name, address, tax ID, privacy contact, country,
//     currency, language) and, under Security, make a new recovery key (the
//     passphrase typed again; the old key stops working) with its recovery
//     sheet; the title follows the salon's name. Privacy holds retention:
//     the policy, a preview of what it does today and who falls due within
//     two weeks (their number also beside Privacy), Run now and the history
//     of runs. While a salon is open a timer applies the policy in the
//     background once a day (see retentionTimer). The audit log lists who did
//     what and when, newest first, a hundred events a page, narrowed by
//     person, kind of event, days and client number: staff by name and
//     number, clients by number only; a card's History of this card opens
//     it narrowed to that client.
//
// # Who is working
//
// A salon where two or more staff members have a PIN asks, after the
// passphrase, who is working (switchScreen): a name, then its PIN, checked
// off the UI goroutine; wrong PINs are said, the store's growing waits
// counted down with the field disabled, and ten in a row lock the salon.
// The person's permissions (App.grant, read with store.ActAs) decide what
// the window offers — a section they may not use is not in the navigation,
// a button they may not press is disabled with the reason — and the work
// the window starts runs as them, so the store checks and audits them too;
// the daily job does not. Their name above the navigation (or Ctrl+U)
// switches without locking, and so do some idle minutes before the
// auto-lock, keeping what was typed for the same person. A salon with
// fewer PINs acts as its first owner, and never sees any of this. PINs say
// who acts in an unlocked salon; they are not encryption.
//
// # Threads
//
// The UI goroutine never waits for the disk, SQL or a key derivation: all
// such work goes through one helper, background (or after, with a delay),
// which runs it on its own goroutine and hands the result back through
// fyne.Do. Screens show a spinner or a progress bar meanwhile.
//
// # Languages
//
// Every string a person sees goes through fyne.io/fyne/v2/lang, with the
// translations embedded by package assets: English, Polish, German and
// Danish. The choice is kept in Fyne's preferences, with the window size and
// the last section; nothing personal is kept there or logged.
//
// # Tests
//
// The package builds and tests without cgo (CGO_ENABLED=0 go test -tags ci):
// only cmd/kartoteka imports fyne.io/fyne/v2/app. Tests drive the screens
// with fyne.io/fyne/v2/test against real encrypted databases in a temporary
// folder, made with [Config.Options] set to a cheap key derivation.
package ui
