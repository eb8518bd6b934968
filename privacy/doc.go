// Package privacy holds Kartoteka's GDPR rules on top of the store: forgetting
// a client (Art. 17) with its blocks, warnings and proof of erasure, and, as
// they arrive, retention, exports and the request log. It never imports a
// GUI package: the desktop app and kartoteka-cli share it.
//
// # Forget
//
// [PreviewForget] says whether a client can be forgotten and what the owner
// should know first; [Forget] erases them in one transaction through
// [store.DB.Anonymize]; [VerifyErased] reads every page of the database and
// its WAL, free pages included, and proves that none of the former name,
// phone or email is left.
package privacy
