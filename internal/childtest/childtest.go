// Package childtest runs a test of the running test binary again in a
// child process, for the tests that need a second process: one to kill at
// a chosen moment, one that holds a lock or an archive while the test
// looks on, one whose crash must not take the test process down.
//
// The parent test makes the child's command with Command, which passes
// the child what it needs (a directory, a command line, a struct) as JSON
// in an environment variable; the child test reads it with Child, which
// reports false in an ordinary test run, where the child test skips or
// plays the parent. Start, StartLines and StartReady start a child that
// runs while the test goes on, and kill it at the end of the test if it still runs.
package childtest

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Command is the command that runs the test named test of this test
// binary, alone and once, with spec as JSON in the environment variable
// env; flags are further test flags (such as -test.v).
func Command(t testing.TB, test, env string, spec any, flags ...string) *exec.Cmd {
	t.Helper()
	raw, err := json.Marshal(spec)
	if err != nil {
		t.Fatalf("the spec of child %s: %v", test, err)
	}
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^" + test + "$", "-test.count=1"}, flags...)...)
	cmd.Env = append(os.Environ(), env+"="+string(raw))
	return cmd
}

// Child reports whether this process is a child started by Command with
// the variable env, and reads the spec the parent gave it into spec.
func Child(t testing.TB, env string, spec any) bool {
	t.Helper()
	raw := os.Getenv(env)
	if raw == "" {
		return false
	}
	if err := json.Unmarshal([]byte(raw), spec); err != nil {
		t.Fatalf("the spec in %s: %v", env, err)
	}
	return true
}

// Start starts cmd and returns its standard output. A child still running
// at the end of the test is killed then.
func Start(t testing.TB, cmd *exec.Cmd) *bufio.Reader {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return bufio.NewReader(out)
}

// StartLines starts cmd as Start does and returns its standard output
// line by line, each without its newline; the channel is closed when the
// output ends (the child exited or was killed).
func StartLines(t testing.TB, cmd *exec.Cmd) <-chan string {
	t.Helper()
	out := Start(t, cmd)
	lines := make(chan string, 1000)
	go func() {
		defer close(lines)
		for {
			line, err := out.ReadString('\n')
			if line != "" {
				lines <- strings.TrimSuffix(line, "\n")
			}
			if err != nil {
				return
			}
		}
	}()
	return lines
}

// StartReady starts cmd as Start does and returns once the child has
// printed the line ready: it holds then what the test wants to see held,
// and is for the test to kill (or the end of the test).
func StartReady(t testing.TB, cmd *exec.Cmd, ready string) {
	t.Helper()
	line, err := Start(t, cmd).ReadString('\n')
	if line != ready+"\n" {
		t.Fatalf("the child did not get ready: it said %q (%v)", line, err)
	}
}
