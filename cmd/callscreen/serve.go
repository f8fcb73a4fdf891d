package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"sync"
	"time"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/callscreen"
	"github.com/callscreen/callscreen/classify"
)

func runServe(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", stderr)
	addr := fs.String("addr", env("CALLSCREEN_ADDR", "127.0.0.1:8080"), "HTTP listen address (env CALLSCREEN_ADDR)")
	dataDir := fs.String("data", env("CALLSCREEN_DATA", defaultDataDir()), "data directory (env CALLSCREEN_DATA)")
	token := fs.String("token", env("CALLSCREEN_TOKEN", ""), "API bearer token; generated and stored in the data dir when empty (env CALLSCREEN_TOKEN)")
	natsListen := fs.String("nats-listen", env("CALLSCREEN_NATS_LISTEN", ""), "also let external workers reach the embedded NATS here, e.g. 127.0.0.1:4222")
	logFormat := fs.String("log-format", env("CALLSCREEN_LOG_FORMAT", "text"), "log format: text or json")
	logLevel := fs.String("log-level", env("CALLSCREEN_LOG_LEVEL", "info"), "log level")
	var nf natsFlags
	nf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	log := newLogger(stderr, *logFormat, *logLevel)
	dir, err := filepath.Abs(*dataDir)
	if err != nil {
		return err
	}
	tok := *token
	if tok == "" {
		var created bool
		if tok, created, err = callscreen.LoadOrCreateToken(dir); err != nil {
			return err
		}
		if created {
			fmt.Fprintf(stdout, "callscreen: generated API token (stored in %s):\n%s\n", filepath.Join(dir, "token"), tok)
		}
	}

	bc := nf.config(dir, "callscreen-serve", log)
	bc.ListenAddr = *natsListen
	conn, err := bus.Connect(ctx, bc)
	if err != nil {
		return err
	}
	defer conn.Close()

	worker, err := callscreen.NewWorker(callscreen.WorkerConfig{Bus: conn, Detector: classify.New(), Logger: log})
	if err != nil {
		return err
	}
	srv, err := callscreen.NewServer(callscreen.ServerConfig{
		Addr: *addr, Token: tok, Logger: log,
		Ready: []callscreen.Check{{Name: "nats", Func: func(context.Context) error { return conn.Healthy() }}},
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("callscreen serving", "addr", ln.Addr().String(), "data", dir, "nats", bc.String())

	var wg sync.WaitGroup
	wctx, stopWorker := context.WithCancel(context.Background())
	defer stopWorker()
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := worker.Run(wctx); err != nil {
			log.Error("worker stopped", "err", err)
		}
	}()
	err = srv.Serve(ctx, ln, 30*time.Second)
	// HTTP has drained; calls are finished. Let the worker finish the
	// segments in hand, then drain NATS.
	stopWorker()
	wg.Wait()
	dctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if derr := conn.Drain(dctx); derr != nil && err == nil && !errors.Is(derr, context.Canceled) {
		err = derr
	}
	return err
}
