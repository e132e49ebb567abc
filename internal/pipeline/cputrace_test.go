package pipeline_test

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/proctest"
)

// cpuSample is what a crawl benchmark's process and its simulation had
// used at one moment: the CPU time of each (user and system), the Go
// runtime's idle time of this process's Ps (its processors with no
// goroutine to run; /cpu/classes/idle, an estimate the machine's load
// moves little, since a P stalled by the kernel is not idle; the runtime
// brings it up to date at each collection only), the total
// time of its Ps (GOMAXPROCS × the wall clock) and the pages the
// simulation had answered.
type cpuSample struct {
	at            time.Time
	cpu, simCPU   time.Duration
	idleP, totalP float64 // seconds
	simPages      int64
}

// cpuTrace samples a crawl benchmark's CPU use every interval, to tell
// the stretches of a crawl when the cores are not both busy (the start,
// one site at a time down the hierarchy, the last hosts, the tail). With
// WENMING_BENCH_CPUTRACE=FILE it writes the samples to FILE, one line an
// interval: seconds since the start, this process's and the simulation's
// CPU in cores, the share of this process's Ps idle, and the
// simulation's pages a second.
type cpuTrace struct {
	sim     *simProcess
	mu      sync.Mutex
	samples []cpuSample
	end     int // the index of the crawl's end sample; -1 until marked
}

func startCPUTrace(sim *simProcess, interval time.Duration, stop <-chan struct{}) *cpuTrace {
	t := &cpuTrace{sim: sim, end: -1}
	t.sample()
	go func() {
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				t.sample()
			case <-stop:
				return
			}
		}
	}()
	return t
}

// sample appends the present sample.
func (t *cpuTrace) sample() {
	s := cpuSample{at: time.Now(), cpu: proctest.CPUTime()}
	m := []metrics.Sample{{Name: "/cpu/classes/idle:cpu-seconds"}, {Name: "/cpu/classes/total:cpu-seconds"}}
	metrics.Read(m)
	if m[0].Value.Kind() == metrics.KindFloat64 && m[1].Value.Kind() == metrics.KindFloat64 {
		s.idleP, s.totalP = m[0].Value.Float64(), m[1].Value.Float64()
	}
	// A simulation that does not answer counts as idle: the crawl
	// fails on it anyway.
	if u, err := t.sim.usage(); err == nil {
		s.simCPU, s.simPages = u.CPU, u.Pages
	}
	t.mu.Lock()
	t.samples = append(t.samples, s)
	t.mu.Unlock()
}

// markEnd samples the crawl's end.
func (t *cpuTrace) markEnd() {
	t.sample()
	t.mu.Lock()
	t.end = len(t.samples) - 1
	t.mu.Unlock()
}

// report reports the crawl's idle-core share (the part of the
// machine's cores, runtime.NumCPU, that neither this process nor the
// simulation used from the crawl's start to its end: other processes'
// load counts as idle, so only a quiet machine's figure means what it
// says) and its idle-P share (the runtime's idle time of this process's
// Ps over their total: the crawler having nothing to run, whatever the
// load), and writes the trace to WENMING_BENCH_CPUTRACE when set.
func (t *cpuTrace) report(b *testing.B) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.end < 1 {
		return
	}
	first, last := t.samples[0], t.samples[t.end]
	wall := last.at.Sub(first.at).Seconds()
	used := (last.cpu - first.cpu + last.simCPU - first.simCPU).Seconds()
	if wall > 0 {
		b.ReportMetric(1-used/(wall*float64(runtime.NumCPU())), "crawl-idle-core-share")
	}
	if total := last.totalP - first.totalP; total > 0 {
		b.ReportMetric((last.idleP-first.idleP)/total, "crawl-idle-P-share")
	}
	path := os.Getenv("WENMING_BENCH_CPUTRACE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		b.Error(err)
		return
	}
	defer f.Close()
	if err := t.write(f); err != nil {
		b.Error(err)
	}
}

// write writes the samples of the crawl, one line an interval.
func (t *cpuTrace) write(w io.Writer) error {
	if _, err := fmt.Fprintln(w, "# seconds crawler-cores sim-cores idle-P-share sim-pages/s"); err != nil {
		return err
	}
	for i := 1; i <= t.end; i++ {
		a, z := t.samples[i-1], t.samples[i]
		dt := z.at.Sub(a.at).Seconds()
		if dt <= 0 {
			continue
		}
		idle := 0.0
		if tp := z.totalP - a.totalP; tp > 0 {
			idle = (z.idleP - a.idleP) / tp
		}
		if _, err := fmt.Fprintf(w, "%.2f %.3f %.3f %.3f %.0f\n", z.at.Sub(t.samples[0].at).Seconds(),
			(z.cpu-a.cpu).Seconds()/dt, (z.simCPU-a.simCPU).Seconds()/dt, idle, float64(z.simPages-a.simPages)/dt); err != nil {
			return err
		}
	}
	return nil
}
