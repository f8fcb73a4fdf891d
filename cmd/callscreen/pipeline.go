package main

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/callscreen"
	"github.com/callscreen/callscreen/classify"
)

// pipeline is the NATS path a one-shot command (classify, screen) sends its
// calls through: an external NATS with running workers, or an embedded
// server with an in-process worker in a throwaway directory.
type pipeline struct {
	conn   *bus.Conn
	stop   context.CancelFunc
	wg     sync.WaitGroup
	tmpDir string
}

func openPipeline(ctx context.Context, nf natsFlags, log *slog.Logger) (*pipeline, error) {
	p := &pipeline{stop: func() {}}
	dir := ""
	if nf.url == "" {
		var err error
		if dir, err = os.MkdirTemp("", "callscreen-*"); err != nil {
			return nil, err
		}
		p.tmpDir = dir
	}
	conn, err := bus.Connect(ctx, nf.config(dir, "callscreen-cli", log))
	if err != nil {
		p.Close()
		return nil, err
	}
	p.conn = conn
	if nf.url == "" {
		w, err := callscreen.NewWorker(callscreen.WorkerConfig{Bus: conn, Detector: classify.New(), Logger: log})
		if err != nil {
			p.Close()
			return nil, err
		}
		wctx, cancel := context.WithCancel(context.Background())
		p.stop = cancel
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			if err := w.Run(wctx); err != nil {
				log.Error("worker", "err", err)
			}
		}()
	}
	return p, nil
}

// judge sends one call's segments and waits for its verdict.
func (p *pipeline) judge(ctx context.Context, source string, segs []bus.Segment, timeout time.Duration) (string, bus.Verdict, error) {
	id := callscreen.NewCallID()
	v, err := callscreen.Judge(ctx, p.conn, id, source, segs, timeout)
	return id, v, err
}

func (p *pipeline) Close() {
	p.stop()
	p.wg.Wait()
	if p.conn != nil {
		p.conn.Close()
	}
	if p.tmpDir != "" {
		os.RemoveAll(p.tmpDir)
	}
}
