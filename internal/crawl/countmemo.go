package crawl

import "sync"

// countMemo keeps the view counts read lately, by counter URL, so that an
// article met again under another URL in the same run (its dynamic or
// mobile form, which load the same counter) costs no second request — and
// does not add a second view to counters that count each request
// (JEECMS's content_view.jspx, DedeCMS's count.php?view=yes). It keeps the
// last maxMemoCounts in two generations: a lookup finds the current one
// or the one before.
type countMemo struct {
	mu        sync.Mutex
	cur, prev map[uint64]int64
}

// maxMemoCounts bounds each generation of the memo (16 bytes a count and
// the map's overhead: a few hundred KB at most).
const maxMemoCounts = 4096

func (m *countMemo) get(counterURL string) (int64, bool) {
	h := hashURL(counterURL)
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.cur[h]; ok {
		return v, true
	}
	v, ok := m.prev[h]
	return v, ok
}

func (m *countMemo) put(counterURL string, v int64) {
	h := hashURL(counterURL)
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.cur) >= maxMemoCounts {
		m.prev, m.cur = m.cur, nil
	}
	if m.cur == nil {
		m.cur = make(map[uint64]int64, 64)
	}
	m.cur[h] = v
}
