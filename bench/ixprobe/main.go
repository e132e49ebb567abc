// Command ixprobe measures wenming's indexing alone: it indexes the first
// -articles articles of the simulation (as bench/search does) and prints the
// CPU time of the process during the build (getrusage), wall time and the
// size on disk before and after Close, and the peak of the live heap. Run it
// from the repository root:
//
//	go -C bench run ./ixprobe -articles 20000 [-cpuprofile FILE] [-heapprofile FILE] [-dir DIR]
//
// -heapprofile writes the heap profile taken when the live heap was at its
// largest (sampled every 100 ms): what a batch holds at its peak.
// -release releases the segments' maps as often as the indexing after a
// crawl does; -segments reports how many segment files were mapped and
// how much of them was resident (from /proc/self/smaps, every 100 ms), and
// -segtrace FILE writes every sample with the size and resident part of
// each mapped segment file.
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/proctest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// dirSize is proctest.DirSize, a failure ending the probe as the others do.
func dirSize(dir string) int64 {
	n, err := proctest.DirSize(dir)
	if err != nil {
		panic(err)
	}
	return n
}

func main() {
	n := flag.Int("articles", 20000, "")
	prof := flag.String("cpuprofile", "", "")
	memprof := flag.String("memprofile", "", "")
	heapprof := flag.String("heapprofile", "", "")
	keep := flag.String("dir", "", "")
	release := flag.Duration("release", 0, "release the segments' maps this often while indexing, as the indexing after a crawl does (0: never)")
	segTrace := flag.String("segtrace", "", "with -segments, write each sample (seconds, segments mapped, resident MB, then size/resident MB of each mapped segment file) to this file")
	segs := flag.Bool("segments", false, "sample the mapped segment files (/proc/self/smaps) every 100 ms and report how many were mapped and how much of them was resident (costs some CPU)")
	flag.Parse()
	sim := sitesim.New(sitesim.Options{Seed: 7, Articles: *n, Calm: true})
	var docs []index.Document
	var text int64
	sim.ForEachArticle(func(t sitesim.Truth) bool {
		lin := slices.Concat(t.Lineage, t.LineageHosts)
		id := "http://bench.invalid/" + strconv.Itoa(len(docs))
		docs = append(docs, index.Document{ID: id, URL: id, Title: t.Title, Body: t.Body,
			Site: lin[len(lin)-1], SiteName: lin[len(lin)/2-1], Lineage: lin, Published: t.Published})
		text += int64(len(t.Title) + len(t.Body))
		return true
	})
	dir := *keep
	if dir == "" {
		dir, _ = os.MkdirTemp("", "ixprobe-")
		defer os.RemoveAll(dir)
	}
	dir = filepath.Join(dir, "index")
	runtime.GC()
	if *prof != "" {
		f, _ := os.Create(*prof)
		pprof.StartCPUProfile(f)
	}
	peak := watchHeap(*heapprof)
	c0, t0 := proctest.CPUTime(), time.Now()
	ix, err := index.Open(dir)
	if err != nil {
		panic(err)
	}
	rss := watchRSS()
	var segments func() segmentMaps
	if *segs {
		segments = watchSegments(*segTrace)
	}
	if *release > 0 {
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			t := time.NewTicker(*release)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					ix.ReleaseMaps()
				}
			}
		}()
	}
	w := ix.NewWriter()
	for _, d := range docs {
		if err := w.Add(d); err != nil {
			panic(err)
		}
	}
	if err := w.Flush(); err != nil {
		panic(err)
	}
	c1, t1 := proctest.CPUTime(), time.Now()
	sizeOpen := dirSize(dir)
	if err := ix.Close(); err != nil {
		panic(err)
	}
	c2, t2 := proctest.CPUTime(), time.Now()
	if *prof != "" {
		pprof.StopCPUProfile()
	}
	if *memprof != "" {
		f, _ := os.Create(*memprof)
		pprof.Lookup("allocs").WriteTo(f, 0)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	size := dirSize(dir)
	fmt.Printf("articles %d text %.1f MB\n", len(docs), float64(text)/1e6)
	fmt.Printf("build: wall %.2fs cpu %.2fs  -> %.0f articles/s wall, %.0f articles per cpu-s; size before close %.1f MB (%.2fx)\n",
		t1.Sub(t0).Seconds(), (c1 - c0).Seconds(), float64(len(docs))/t1.Sub(t0).Seconds(), float64(len(docs))/(c1-c0).Seconds(), float64(sizeOpen)/1e6, float64(sizeOpen)/float64(text))
	fmt.Printf("peak live heap %d MB\n", peak()>>20)
	anon, file := rss()
	fmt.Printf("peak RSS while indexing: anonymous %.1f MB, file-backed %.1f MB (the documents of the probe are in the anonymous figure)\n", anon/1e6, file/1e6)
	if segments != nil {
		m := segments()
		fmt.Printf("segment maps: %d samples; segments mapped mean %.1f, max %d; resident mean %.1f MB, max %.1f MB\n",
			m.samples, m.meanCount, m.maxCount, m.meanRSS/1e6, m.maxRSS/1e6)
	}
	fmt.Printf("close: wall %.2fs cpu %.2fs; size %.1f MB (%.2fx); total cpu %.2fs; heap sys %d MB\n",
		t2.Sub(t1).Seconds(), (c2 - c1).Seconds(), float64(size)/1e6, float64(size)/float64(text), (c2 - c0).Seconds(), ms.HeapSys>>20)
}

// watchHeap samples the live heap every 100 ms until the returned function
// is called, which returns the largest seen. With a file name, the heap
// profile is written there each time a new largest is seen.
func watchHeap(file string) func() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		var max uint64
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				result <- max
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > max {
				max = v
				if file != "" {
					if f, err := os.Create(file); err == nil {
						pprof.Lookup("heap").WriteTo(f, 0)
						f.Close()
					}
				}
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}

// watchRSS samples the process's anonymous and file-backed resident
// memory (/proc/self/status) every 50 ms until the returned function is
// called, which returns the largest of each seen.
func watchRSS() func() (anon, file float64) {
	done := make(chan struct{})
	result := make(chan [2]float64)
	go func() {
		var max [2]float64
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			b, _ := os.ReadFile("/proc/self/status")
			for _, line := range strings.Split(string(b), "\n") {
				f := strings.Fields(line)
				if len(f) < 2 {
					continue
				}
				kb, _ := strconv.ParseFloat(f[1], 64)
				switch f[0] {
				case "RssAnon:":
					max[0] = math.Max(max[0], kb*1024)
				case "RssFile:":
					max[1] = math.Max(max[1], kb*1024)
				}
			}
			select {
			case <-done:
				result <- max
				return
			case <-tick.C:
			}
		}
	}()
	return func() (float64, float64) {
		close(done)
		r := <-result
		return r[0], r[1]
	}
}

// segmentMaps summarises the samples of watchSegments.
type segmentMaps struct {
	samples         int
	meanCount       float64
	maxCount        int
	meanRSS, maxRSS float64
}

// watchSegments samples the process's maps of zap segment files
// (/proc/self/smaps) every 100 ms until the returned function is called,
// which returns how many were mapped and how much of them was resident.
func watchSegments(trace string) func() segmentMaps {
	var tw *os.File
	if trace != "" {
		tw, _ = os.Create(trace)
	}
	start := time.Now()
	done := make(chan struct{})
	result := make(chan segmentMaps)
	go func() {
		var m segmentMaps
		var sumCount, sumRSS float64
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			b, _ := os.ReadFile("/proc/self/smaps")
			count, rss, inZap := 0, 0.0, false
			var sizes []string
			var size float64 // of the segment file whose lines these are
			for _, line := range strings.Split(string(b), "\n") {
				f := strings.Fields(line)
				switch {
				case len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":"):
					// A map's header: an anonymous map (five fields)
					// ends the lines of the segment file before it.
					inZap = len(f) >= 6 && strings.HasSuffix(f[len(f)-1], ".zap")
					if inZap {
						count++
						var lo, hi uint64
						fmt.Sscanf(f[0], "%x-%x", &lo, &hi)
						size = float64(hi-lo) / 1e6
					}
				case inZap && len(f) >= 2 && f[0] == "Rss:":
					kb, _ := strconv.ParseFloat(f[1], 64)
					rss += kb * 1024
					sizes = append(sizes, fmt.Sprintf("%.1f/%.2f", size, kb*1024/1e6))
				}
			}
			if tw != nil {
				fmt.Fprintf(tw, "%.1f %d %.1f %s\n", time.Since(start).Seconds(), count, rss/1e6, strings.Join(sizes, " "))
			}
			m.samples++
			sumCount += float64(count)
			sumRSS += rss
			m.maxCount = max(m.maxCount, count)
			m.maxRSS = max(m.maxRSS, rss)
			select {
			case <-done:
				m.meanCount, m.meanRSS = sumCount/float64(m.samples), sumRSS/float64(m.samples)
				if tw != nil {
					tw.Close()
				}
				result <- m
				return
			case <-tick.C:
			}
		}
	}()
	return func() segmentMaps {
		close(done)
		return <-result
	}
}
