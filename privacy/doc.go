// Package privacy holds Kartoteka's GDPR rules on top of the store: forgetting
// a client (Art. 17) with its blocks, warnings and proof of erasure, the
// exports of a client's data (Art. 15 and 20), the recovery sheet, and
// retention (Art. 5(1)(e)), and the log of privacy requests (Art. 12(3)). It
// never imports a GUI package: the desktop app and kartoteka-cli share it.
//
// # Forget
//
// [PreviewForget] says whether a client can be forgotten — every rule that
// blocks, each with its way out ([Preview.Blocks]) — and what the owner
// should know first; [Forget] erases them in one transaction through
// [store.DB.Anonymize]; [VerifyErased] reads every page of the database and
// its WAL, free pages included, and proves that none of the former name,
// phone or email is left.
//
// # Exports
//
// [LoadSubject] reads everything the salon holds about a client in one
// snapshot, as a [Subject]: the card, consents with their history, bookings,
// payments, invoices with the day their buyer data may be purged, and the
// audit events about them; [Subject.Information] adds what Art. 15 says the
// client must be told (the categories of their data, purposes and legal
// bases, recipients, retention with its dates, rights, the supervisory
// authority — in Germany the Land's, from a table checked yearly — the
// source of the data, and that no automated decision is made). The salon is
// named as the controller; [ControllerGaps] lists what its settings lack
// for that (address, privacy contact, a German salon's Land), so the app and
// the CLI can warn before exporting. [Subject.WritePDF] prints it on A4 with the salon's
// letterhead and the Go fonts embedded; [Subject.WriteJSON] writes the
// portable "kartoteka.personal-data" format, version 1, whose JSON Schema is
// assets.PersonalDataSchema. Both speak English, Polish, German and Danish,
// from the app's own translation files. [Export] writes the files atomically,
// never into the data folder, and remembers them in the database so that
// forgetting the client can offer to delete them.
//
// [WriteRecoverySheet] prints the salon's recovery key on one page, to keep
// in a drawer.
//
// # Backups and restores
//
// [WriteBackup] writes a sealed backup carrying the erasure ledger, puts the
// sealed ledger file beside it (kartoteka-erasures-….ktkledger: client
// numbers and times, never a person), and, now that a good backup exists,
// removes the safety copy of an earlier restore. [Restore] takes the salon
// for itself (store.ErrInUse while the app or a command has it open),
// creates it when there is none (a new computer), checks the backup whole,
// and forgets again everyone in the union of the ledgers it finds: the
// current database's, the one the backup carries, and the ledger files
// beside the salon, beside the backup and in the folders the caller names
// (the app's backup folder); only then does it swap the backup in, keeping
// the replaced file as a safety copy for store.SafetyCopyDays at most.
//
// Every erasure ([Forget], [ApplyRetention]) is appended to the ledger files
// beside the database and in the folders the caller names, and removes a
// restore's safety copy, which still holds the client as they were; the
// proof of erasure reads every file in the data folder, the salon's own
// encrypted copies decrypted. Output files are checked before anything is
// written (store.CheckOutputs) and written under a temporary name that is
// removed on every way out, or by the next writer when the process was
// killed.
//
// # Privacy requests
//
// [AddRequest] records a request (access, rectification, erasure,
// restriction, portability, objection, consent withdrawal) with its due day,
// one month after receipt ([RequestDue]: the same day number in the next
// month, or its last day). [ExtendRequest] adds one or two further months,
// at most two in all, with reasons, decided and told by the original due
// day; [SetRequestStatus] moves it while the salon waits for proof of
// identity; [CloseRequest] ends it as done, refused (with reasons, which
// [RefusalNotice] words with the right to complain) or withdrawn. Every
// refusal by these rules is a [*RuleError] naming the way out.
// [RequestOverdue], [RequestDueSoon] and [RequestsNeedingAnswer] flag what
// needs an answer within [RequestDueSoonDays]; [RequestAction] names the
// action that answers each kind. Closing the request of someone who is not
// a client erases their contact, needed only to answer them, and keeps
// their name as evidence of whom the salon answered. The daily job calls
// [PurgeRequests], which deletes requests closed more than
// [RequestKeepYears] ago. Forgetting a
// client keeps their requests under the anonymous number, and the exports
// list them.
//
// # Retention
//
// [PlanRetention] works out what a policy would do at a given time, changing
// nothing: the clients to forget, the bookings to remove (or, when a payment
// keeps them, whose notes to clear), the invoices whose buyer data is past
// its statutory period, the clients left out and why, and those falling due
// within [DueSoonDays]. Restricted clients, clients with an upcoming booking
// and clients the owner keeps ([store.DB.SetRetentionHold]) are left out,
// with their bookings. [ApplyRetention] carries a plan out in batches, each
// its own transaction, through the same anonymization as [Forget], as actor
// "retention"; a run stopped between batches leaves a consistent database
// and the next run finishes it. [RunRetention] plans with the salon's policy
// and applies it.
//
// # Clean client records
//
// [PreviewMerge] shows what merging one card of a person into another
// moves and what the kept card would say ([ProposeMerge]; the owner picks
// field by field, [PickFields]); [Merge] does it in one transaction and
// forgets the merged card as [Forget] does, ledger and proof included. A
// restricted card is merged only on a ground of Art. 18(2), and its
// restriction goes over to the kept card.
//
// [InactiveClients] finds the clients not seen since a day, or never, with
// what blocks forgetting them; [PreviewForgetMany] and [ForgetMany] forget
// those the owner picks by Forget's rules — and leave alone whom the owner
// keeps out of retention ([ErrKept]) — proving the erasure of all of them in
// one pass over the file. The proof does not look for what a live card, a
// staff member, the salon or an invoice in its statutory period holds by
// right, and when it finds anything it rewrites the file and looks again.
//
// [WriteMailingList] writes who a marketing email or SMS may go to — a
// consent in force, never a restricted or forgotten client — as CSV or
// vCard, audited with its count; [WriteClientList] writes the owner's own
// list of clients, audited.
package privacy
