package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/callscreen"
	"github.com/callscreen/callscreen/classify"
)

func runWorker(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) error {
	fs := newFlagSet("worker", stderr)
	var nf natsFlags
	nf.register(fs)
	consumer := fs.String("consumer", env("CALLSCREEN_CONSUMER", "classifier"), "durable consumer (queue) name the workers share")
	logFormat := fs.String("log-format", env("CALLSCREEN_LOG_FORMAT", "text"), "log format: text or json")
	logLevel := fs.String("log-level", env("CALLSCREEN_LOG_LEVEL", "info"), "log level")
	addr := fs.String("addr", env("CALLSCREEN_ADDR", ""), "serve /healthz, /readyz and /metrics here, e.g. 0.0.0.0:8080; /metrics needs --token (env CALLSCREEN_ADDR)")
	token := fs.String("token", env("CALLSCREEN_TOKEN", ""), "bearer token for /metrics (env CALLSCREEN_TOKEN)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if nf.url == "" {
		fmt.Fprintln(stderr, "callscreen worker: --nats (or CALLSCREEN_NATS) is required")
		return errUsage
	}
	log := newLogger(stderr, *logFormat, *logLevel)
	conn, err := bus.Connect(ctx, nf.config("", "callscreen-worker", log))
	if err != nil {
		return err
	}
	defer conn.Close()
	w, err := callscreen.NewWorker(callscreen.WorkerConfig{Bus: conn, Detector: classify.New(), Logger: log, Consumer: *consumer})
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	if *addr != "" {
		tok := *token
		if tok == "" {
			tok = callscreen.NewCallID() // unguessable: /metrics stays closed without --token
		}
		srv, err := callscreen.NewServer(callscreen.ServerConfig{Addr: *addr, Token: tok, Logger: log})
		if err != nil {
			return err
		}
		srv.AddCheck(callscreen.Check{Name: "nats", Func: func(context.Context) error { return conn.Healthy() }})
		m := callscreen.NewMetrics(conn)
		m.AddWorker(w)
		srv.Mux().Handle("GET /metrics", srv.RequireAdmin(m.Handler()))
		ln, err := net.Listen("tcp", *addr)
		if err != nil {
			return fmt.Errorf("listen: %w", err)
		}
		log.Info("worker health and metrics", "addr", "http://"+ln.Addr().String())
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := srv.Serve(ctx, ln, 5*time.Second); err != nil {
				log.Error("http", "err", err)
			}
		}()
	}
	err = w.Run(ctx)
	wg.Wait()
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return conn.Drain(context.Background())
}
