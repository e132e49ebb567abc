package crawl

// committers run the articles' commits apart from the workers (see
// Crawler.process), each on a goroutine that then waits for the next
// commit instead of ending. A commit goes deep (the sink's store, bbolt's
// transaction, the frontier's), and a goroutine started for each grew its
// stack from the smallest again and again: copying stacks was 0.7% of a
// crawl's CPU. A commit that finds no committer waiting starts one, so a
// commit never waits for another to end, and no more goroutines are kept
// than were ever committing at once (the scheduler bounds those:
// maxCommitting). close ends the waiting committers once nothing more
// is run.
type committers struct {
	next chan func() // unbuffered: a send reaches a committer that waits
}

func newCommitters() *committers {
	return &committers{next: make(chan func())}
}

// run runs commit on a waiting committer, or on a new one. It is safe for
// concurrent use.
func (p *committers) run(commit func()) {
	select {
	case p.next <- commit:
	default:
		go p.serve(commit)
	}
}

// serve runs commit, then the commits handed to it, until close.
func (p *committers) serve(commit func()) {
	for ok := true; ok; commit, ok = <-p.next {
		commit()
	}
}

// close ends the waiting committers. Nothing may be run after it.
func (p *committers) close() {
	close(p.next)
}
