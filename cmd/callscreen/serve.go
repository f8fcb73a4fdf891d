package main

import (
	"context"
	"fmt"
	"io"
)

func runServe(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	return runRole(ctx, "serve", roles{worker: true, media: true, web: true}, args, stdout, stderr)
}

func runMedia(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	return runRole(ctx, "media", roles{media: true}, args, stdout, stderr)
}

func runWeb(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	return runRole(ctx, "web", roles{web: true}, args, stdout, stderr)
}

func runRole(ctx context.Context, name string, r roles, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet(name, stderr)
	var n nodeFlags
	n.register(fs, r)
	if err := parse(fs, args); err != nil {
		return err
	}
	if name != "serve" && n.nats.url == "" {
		fmt.Fprintf(stderr, "callscreen %s: --nats (or CALLSCREEN_NATS) is required; `callscreen serve` runs every role with an embedded server\n", name)
		return errUsage
	}
	return runNode(ctx, name, r, &n, stdout, stderr)
}
