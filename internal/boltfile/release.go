package boltfile

import bolt "go.etcd.io/bbolt"

// Release drops the pages of tx's database that the process has mapped in
// from its resident set, without changing what they read: bbolt maps its
// file read-only and shared, so a page read again after Release comes back
// from the kernel's page cache (from the disk if the kernel has let it
// go). bbolt reads every page through that map, and a page once read stays
// counted in the process's resident memory until the map is replaced: a
// crawl that writes records all over the key space, or a walk over every
// record, would have the whole file resident in the end. Callers release
// now and then, after a given amount of reading or writing.
//
// The map does not move while a transaction is open (bbolt remaps only
// when no read transaction holds it), so Release is called inside one;
// the pages up to the transaction's size are released, all that it can
// read. Transactions reading or writing at the same time are unaffected
// beyond reading their pages in again. On systems without madvise(2)
// Release does nothing.
func Release(tx *bolt.Tx) error {
	info := tx.DB().Info()
	if info == nil || info.Data == 0 || tx.Size() <= 0 {
		return nil
	}
	return dontNeed(info.Data, uintptr(tx.Size()))
}
