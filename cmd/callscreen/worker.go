package main

import (
	"context"
	"errors"
	"fmt"
	"io"

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
	if err := w.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return conn.Drain(context.Background())
}
