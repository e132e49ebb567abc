package crawl

import "slices"

// hashSet is a set of 64-bit hashes kept compact: a sorted slice of the
// older ones and a small map of those added since the last merge. A map
// alone costs 24–32 bytes a hash; the slice costs 8. The articles listed
// by each list pattern (see patterns.observe) are held for the whole run,
// and at 100,000 articles they made 9 MB of the heap as maps.
//
// The zero hashSet is empty and ready to use. It is not safe for
// concurrent use.
type hashSet struct {
	sorted []uint64
	recent map[uint64]struct{}
}

// minMerge is the fewest recent hashes merged into the sorted slice at
// once; more are kept when the slice is larger (an eighth of it), so an
// add costs amortised constant time.
const minMerge = 256

// has reports whether h is in the set.
func (s *hashSet) has(h uint64) bool {
	if _, ok := s.recent[h]; ok {
		return true
	}
	_, ok := slices.BinarySearch(s.sorted, h)
	return ok
}

// add puts h in the set.
func (s *hashSet) add(h uint64) {
	if s.has(h) {
		return
	}
	if s.recent == nil {
		s.recent = map[uint64]struct{}{}
	}
	s.recent[h] = struct{}{}
	if len(s.recent) >= max(minMerge, len(s.sorted)/8) {
		s.merge()
	}
}

// len is the number of hashes in the set.
func (s *hashSet) len() int { return len(s.sorted) + len(s.recent) }

// merge moves the recent hashes into the sorted slice, which is made
// anew to the size it needs.
func (s *hashSet) merge() {
	merged := make([]uint64, 0, len(s.sorted)+len(s.recent))
	merged = append(merged, s.sorted...)
	for h := range s.recent {
		merged = append(merged, h)
	}
	slices.Sort(merged)
	s.sorted = merged
	clear(s.recent)
}
