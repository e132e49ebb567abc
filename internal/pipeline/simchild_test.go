package pipeline_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/childtest"
	"github.com/wenming-archive/wenming/internal/proctest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// simChildEnv carries the settings of TestSimChild, a simChildSpec.
const simChildEnv = "WENMING_SIM_CHILD"

// simChildSpec is the simulation TestSimChild serves.
type simChildSpec struct {
	Seed     int64
	Articles int
	Sites    int // sitesim.Options.Sites: 0 for the fixed 18
	Calm     bool
}

// simUsage is what the simulation process has done: its CPU time (user
// and system, all threads) and the requests it answered, in all and the
// pages among them (GETs of the hierarchy's sites answered 200).
type simUsage struct {
	CPU             time.Duration
	Pages, Requests int64
}

// TestSimChild is the simulation process of the crawl benchmarks (see
// startSimProcess). It does nothing unless started by them: it serves
// the simulation on a free loopback port, prints its URL, answers every
// line read from its standard input with its simUsage, and ends when its
// standard input does.
func TestSimChild(t *testing.T) {
	var s simChildSpec
	if !childtest.Child(t, simChildEnv, &s) {
		t.Skip("run by the crawl benchmarks")
	}
	var pages, requests atomic.Int64
	sim := sitesim.New(sitesim.Options{Seed: s.Seed, Articles: s.Articles, Sites: s.Sites, Calm: s.Calm, Log: func(r sitesim.Request) {
		requests.Add(1)
		if r.Method == http.MethodGet && r.Status == http.StatusOK && !r.Outside {
			pages.Add(1)
		}
	}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: sim}
	go srv.Serve(ln)
	defer srv.Close()
	fmt.Printf("http://%s\n", ln.Addr())
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		fmt.Printf("%d %d %d\n", proctest.CPUTime(), pages.Load(), requests.Load())
	}
}

// simProcess is a simulation served by a process of its own (this test
// binary again, as TestSimChild), so that the memory of the process that
// crawls it is the crawler's alone, as a peer's (wget's) is its own.
type simProcess struct {
	URL  string
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	done bool
	mu   sync.Mutex // serialises the questions of Usage
}

// startSimProcess starts the simulation spec in a child process and
// returns once it serves. The child ends at Close, or with the benchmark.
func startSimProcess(b *testing.B, spec simChildSpec) *simProcess {
	b.Helper()
	cmd := childtest.Command(b, "TestSimChild", simChildEnv, spec)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	out := childtest.Start(b, cmd)
	line, err := out.ReadString('\n')
	if !strings.HasPrefix(line, "http://") {
		b.Fatalf("the simulation process did not start: it said %q (%v)", line, err)
	}
	return &simProcess{URL: strings.TrimSpace(line), cmd: cmd, in: in, out: out}
}

// Usage asks the simulation process what it has done so far.
func (p *simProcess) Usage(b *testing.B) simUsage {
	b.Helper()
	u, err := p.usage()
	if err != nil {
		b.Fatal(err)
	}
	return u
}

// usage is Usage for any goroutine: it returns what went wrong.
func (p *simProcess) usage() (simUsage, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := io.WriteString(p.in, "usage\n"); err != nil {
		return simUsage{}, fmt.Errorf("the simulation process: %w", err)
	}
	line, err := p.out.ReadString('\n')
	var u simUsage
	var cpu int64
	if _, serr := fmt.Sscanf(line, "%d %d %d", &cpu, &u.Pages, &u.Requests); serr != nil {
		return simUsage{}, fmt.Errorf("the simulation process answered %q (%v): %w", line, err, serr)
	}
	u.CPU = time.Duration(cpu)
	return u, nil
}

// Close ends the simulation process and returns its peak RSS in bytes (0
// where unknown).
func (p *simProcess) Close(b *testing.B) uint64 {
	b.Helper()
	if p.done {
		return 0
	}
	p.done = true
	p.mu.Lock()
	p.in.Close()
	p.mu.Unlock()
	if err := p.cmd.Wait(); err != nil {
		b.Errorf("the simulation process: %v", err)
	}
	return peakRSSOf(p.cmd.ProcessState)
}
