// Package schedule runs crawls on cron expressions (robfig/cron v3) in
// China time. A job whose previous run is still going is skipped, never
// run twice at once; stopping the scheduler lets the running job finish
// its pages in flight before it returns.
//
// The package knows nothing of crawling: it calls a Runner.
package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/wenming-archive/wenming/internal/article"
)

// Job is one scheduled crawl.
type Job struct {
	Name string
	// Spec is a cron expression: five fields (minute hour day month
	// weekday), an optional leading seconds field, or a descriptor such
	// as @daily or @every 6h.
	Spec string
	// Sites are the hosts of the site group the job crawls; empty means
	// the whole hierarchy.
	Sites []string
}

// Runner runs one job. It must return soon after ctx is cancelled.
type Runner func(ctx context.Context, job Job) error

// parser reads the cron expressions the scheduler accepts; config
// validates with it too (Validate).
var parser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Validate checks a cron expression.
func Validate(spec string) error {
	if _, err := parser.Parse(spec); err != nil {
		return fmt.Errorf("cron expression %q: %w", spec, err)
	}
	return nil
}

// Next returns when a job with this spec runs next after t (China time).
func Next(spec string, t time.Time) (time.Time, error) {
	s, err := parser.Parse("CRON_TZ=Asia/Shanghai " + spec)
	if err != nil {
		return time.Time{}, fmt.Errorf("cron expression %q: %w", spec, err)
	}
	return s.Next(t.In(article.China)), nil
}

// Run schedules the jobs and blocks until ctx is cancelled; then it waits
// for a running job to finish and returns nil. Jobs never overlap: one
// that fires while any job is still running is skipped and logged, since
// all jobs share one archive.
func Run(ctx context.Context, jobs []Job, run Runner, log *slog.Logger) error {
	if len(jobs) == 0 {
		return errors.New("no scheduled jobs: add a schedule: section to the config")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := cron.New(cron.WithLocation(article.China), cron.WithParser(parser))
	var busy sync.Mutex
	var wg sync.WaitGroup
	for _, j := range jobs {
		j := j
		_, err := c.AddFunc(j.Spec, func() {
			if !busy.TryLock() {
				log.Warn("skipped: the previous run is still going", "job", j.Name)
				return
			}
			defer busy.Unlock()
			if ctx.Err() != nil {
				return
			}
			wg.Add(1)
			defer wg.Done()
			log.Info("run started", "job", j.Name)
			start := time.Now()
			if err := run(ctx, j); err != nil && !errors.Is(err, context.Canceled) {
				log.Error("run failed", "job", j.Name, "err", err, "took", time.Since(start).Round(time.Millisecond))
				return
			}
			log.Info("run finished", "job", j.Name, "took", time.Since(start).Round(time.Millisecond))
		})
		if err != nil {
			return fmt.Errorf("job %s: cron expression %q: %w", j.Name, j.Spec, err)
		}
	}
	c.Start()
	for _, e := range c.Entries() {
		log.Info("scheduled", "next", e.Next.In(article.China).Format(time.RFC3339), "in", time.Until(e.Next).Round(time.Second))
	}
	<-ctx.Done()
	<-c.Stop().Done() // jobs in progress finish (they see ctx cancelled)
	wg.Wait()
	return nil
}
