package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"log/slog"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
)

// The titles bucket lists every record with a title key (titleKey) so
// that a Put of a new URL finds the records that may hold its article
// without a scan of the archive, and reads only those (see recognise).
// Each such record has two entries of its own under its title key T:
//
//	T 'b' body hash (8 bytes) URL → nothing
//	T 'd' day published (4 bytes) URL → its bodyPrint
//
// Recognise takes a record of the title for the article when the bodies
// are the same text, whatever the days (the 'b' entries of the article's
// body hash find those), or when they were published the same day (or
// either has no date) with bodies of similar length (the 'd' entries of
// the article's day and of no day, their prints telling the lengths).
//
// One key per record, not one value per title listing all of its
// records: a site that gives thousands of pages one title (a report that
// recurs each week, a CMS that titles every page with the site's name)
// rewrote the whole list at each Put of one of them, and read every
// record's print (schema 2: the Put of the 10,001st article under one
// title took 13.4 ms, BenchmarkPutUnderOneTitle).
const (
	titleByBody = 'b'
	titleByDay  = 'd'
)

// titleEntries returns the keys of rec's two entries in the titles
// bucket and the value of its 'd' entry; nil keys for a record without a
// title key (or none).
func titleEntries(rec *article.Article) (byBody, byDay, print []byte) {
	if rec == nil {
		return nil, nil, nil
	}
	tk := titleKey(rec)
	if tk == nil {
		return nil, nil, nil
	}
	p := bodyPrintOf(rec)
	byBody = make([]byte, 0, len(tk)+9+len(rec.URL))
	byBody = append(byBody, tk...)
	byBody = append(byBody, titleByBody)
	byBody = binary.BigEndian.AppendUint64(byBody, p.hash)
	byBody = append(byBody, rec.URL...)
	byDay = make([]byte, 0, len(tk)+5+len(rec.URL))
	byDay = append(byDay, tk...)
	byDay = append(byDay, titleByDay)
	byDay = binary.BigEndian.AppendUint32(byDay, p.day)
	byDay = append(byDay, rec.URL...)
	return byBody, byDay, p.encode()
}

// listTitle writes rec's entries in the titles bucket, first deleting
// old's (the content rec replaces; nil for a new record) where they
// differ; a nil rec leaves none.
func listTitle(tx *bolt.Tx, old, rec *article.Article) error {
	b := tx.Bucket(bucketTitles)
	oldBody, oldDay, oldPrint := titleEntries(old)
	newBody, newDay, newPrint := titleEntries(rec)
	if bytes.Equal(oldBody, newBody) && bytes.Equal(oldDay, newDay) && bytes.Equal(oldPrint, newPrint) {
		return nil
	}
	for _, k := range [][]byte{oldBody, oldDay} {
		if k != nil {
			if err := b.Delete(k); err != nil {
				return fmt.Errorf("titles: %w", err)
			}
		}
	}
	if newBody == nil {
		return nil
	}
	if err := b.Put(newBody, nil); err != nil {
		return fmt.Errorf("titles: %w", err)
	}
	if err := b.Put(newDay, newPrint); err != nil {
		return fmt.Errorf("titles: %w", err)
	}
	return nil
}

// unlistTitle deletes rec's entries from the titles bucket.
func unlistTitle(tx *bolt.Tx, rec *article.Article) error { return listTitle(tx, rec, nil) }

// titleCandidates returns, in URL order, the URLs of the records of a's
// title key tk that Recognise may take for a by their prints (see
// bodyPrint.mayMatch), a's own URL left out.
func titleCandidates(tx *bolt.Tx, a *article.Article, tk []byte) []string {
	mine := bodyPrintOf(a)
	c := tx.Bucket(bucketTitles).Cursor()
	var urls []string
	add := func(url []byte) {
		if string(url) != a.URL {
			urls = append(urls, string(url))
		}
	}
	// The same text, any day.
	prefix := binary.BigEndian.AppendUint64(append(slices.Clip(tk), titleByBody), mine.hash)
	for k, _ := c.Seek(prefix); bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		add(k[len(prefix):])
	}
	// Similar length, published the same day or either without a day.
	scan := func(prefix []byte) {
		for k, v := c.Seek(prefix); bytes.HasPrefix(k, prefix); k, v = c.Next() {
			p, ok := decodeBodyPrint(v)
			if !ok || p.mayMatch(mine) {
				add(k[len(tk)+5:])
			}
		}
	}
	byDay := append(slices.Clip(tk), titleByDay)
	if mine.day == 0 {
		scan(byDay)
	} else {
		scan(binary.BigEndian.AppendUint32(slices.Clip(byDay), 0))
		scan(binary.BigEndian.AppendUint32(slices.Clip(byDay), mine.day))
	}
	slices.Sort(urls)
	return slices.Compact(urls)
}

// defaultTitlesPerTx is how many records buildTitles lists a
// transaction (Store.titlesPerTx): the pages a transaction writes are
// held in memory until it commits, and an archive of millions of records
// listed in one would hold gigabytes.
const defaultTitlesPerTx = 10_000

// buildTitles makes the titles bucket anew from the records when the file
// is of an older schema (or new, or its last build was cut short), and
// brings its schema up to date: an archive written before the bucket had
// its present form (schema 3) gets it on open, in one pass over the
// records (about 3 s of CPU for 50,065 records, 2026-12-07).
//
// The first transaction empties the bucket, marks the build under way
// (keyTitlesBuilding) and writes the new schema, so that an older wenming
// refuses the file from then on; the records are listed s.titlesPerTx a
// transaction, the map's pages released after each; the last transaction
// removes the mark. A build cut short (a crash, a full disk) leaves the
// mark, and the next Open builds the bucket again from the start.
//
// It logs on log the build of a file that holds records: what it does at
// the start, how far it has come every ten seconds, and when it is done.
func (s *Store) buildTitles(log *slog.Logger) error {
	var (
		need    bool
		records int
		from    byte // the schema upgraded from
	)
	err := s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		v := meta.Get(keySchema)
		need = tx.Bucket(bucketTitles) == nil || len(v) != 1 || v[0] < SchemaVersion || meta.Get(keyTitlesBuilding) != nil
		if len(v) == 1 {
			from = v[0]
		}
		if need {
			records = tx.Bucket(bucketArticles).Stats().KeyN
		}
		return nil
	})
	if err != nil || !need {
		return err
	}
	start, said := time.Now(), time.Now()
	if records > 0 {
		log.Info("upgrading the archive's records: building the index of their titles, once", "path", s.path, "records", records, "schema_from", from, "schema_to", SchemaVersion)
	}
	err = s.update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketTitles, bucketBodiesV2} {
			if tx.Bucket(name) == nil {
				continue
			}
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket(bucketTitles); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keyTitlesBuilding, []byte{1}); err != nil {
			return err
		}
		return meta.Put(keySchema, []byte{SchemaVersion})
	})
	if err != nil {
		return fmt.Errorf("titles bucket: %w", err)
	}
	var (
		after  []byte // the last record listed
		listed int
	)
	for done := false; !done; {
		err := s.update(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketArticles).Cursor()
			k, v := c.First()
			if after != nil {
				if k, v = c.Seek(after); bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			for n := 0; k != nil && n < s.titlesPerTx; k, v = c.Next() {
				a, err := decode(v)
				if err != nil {
					return fmt.Errorf("index title of %s: %w", k, err)
				}
				// Not under its own key: Check reports that; list it
				// where Put looks.
				if err := listTitle(tx, nil, a); err != nil {
					return fmt.Errorf("index title of %s: %w", k, err)
				}
				after = bytes.Clone(k)
				n++
				listed++
			}
			done = k == nil
			return nil
		})
		if err != nil {
			return err
		}
		s.releaseMap()
		if !done && time.Since(said) >= 10*time.Second {
			said = time.Now()
			log.Info("upgrading the archive's records", "path", s.path, "records_done", listed, "records", records)
		}
	}
	err = s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyTitlesBuilding) })
	if err == nil && records > 0 {
		log.Info("the archive's records are upgraded", "path", s.path, "records", listed, "elapsed", time.Since(start))
	}
	return err
}

// checkTitleEntries checks that rec, stored under key k, has its two
// entries in the titles bucket tb, with its print.
func checkTitleEntries(tb *bolt.Bucket, k []byte, rec *article.Article, errs *[]error) {
	byBody, byDay, print := titleEntries(rec)
	if byBody == nil {
		return
	}
	if tb.Get(byBody) == nil || !bytes.Equal(tb.Get(byDay), print) {
		*errs = append(*errs, fmt.Errorf("record %s: not listed under its title and body: %w", k, ErrCorrupt))
	}
}

// checkTitleBucket checks that the titles bucket holds two entries for
// each record that has a title (titled), and nothing else.
func checkTitleBucket(tb *bolt.Bucket, titled int, errs *[]error) {
	entries := 0
	c := tb.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		entries++
	}
	if entries != 2*titled {
		*errs = append(*errs, fmt.Errorf("%d title entries, %d records have a title (two each): %w", entries, titled, ErrCorrupt))
	}
}
