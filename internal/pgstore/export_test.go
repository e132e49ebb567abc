package pgstore

import "sync"

// PauseRenewals stops f's renewals of its leases, as a process stalled
// (or cut off from the database) stops them, until resume.
func (f *Frontier) PauseRenewals() (resume func()) {
	f.stopOnce.Do(func() { close(f.stop) })
	f.wg.Wait()
	return func() {
		f.stop, f.stopOnce = make(chan struct{}), sync.Once{}
		f.wg.Add(1)
		go f.renew()
	}
}
