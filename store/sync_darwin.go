package store

// platformPragmas make SQLite's syncs durable on macOS: there fsync only
// hands the data to the drive, which may keep it in its cache, in any order,
// past a power cut; F_FULLFSYNC (SQLite's fullfsync, for commits and
// checkpoints) waits until it is on the disk. Go's File.Sync, which the
// key header, backups and exports use, already asks for F_FULLFSYNC.
var platformPragmas = []string{"fullfsync(1)", "checkpoint_fullfsync(1)"}
