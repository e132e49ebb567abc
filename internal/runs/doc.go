// Package runs keeps the account of crawl runs over one archive: a lock
// that lets only one run at a time work on an archive directory (and that
// a dead process never holds), and an append-only log of every run with
// its figures, which "wenming runs" lists.
//
// It imports only the standard library.
package runs
