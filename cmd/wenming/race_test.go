//go:build race

package main

// raceDetector says whether this test binary runs under the race
// detector, whose shadow memory multiplies a process's resident set: the
// memory tests measure without it.
const raceDetector = true
