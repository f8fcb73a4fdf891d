// Command callscreen screens phone calls for scam requests. It is one
// binary with a subcommand per role; `callscreen serve` runs everything in
// one process on embedded defaults.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// exitUsage is the exit status for usage and input errors.
const exitUsage = 2

var commands = map[string]struct {
	run  func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
	help string
}{
	"serve":    {runServe, "run everything: embedded NATS, classifier worker, recogniser, web UI and API"},
	"worker":   {runWorker, "run a classifier worker against a NATS server"},
	"media":    {runMedia, "run the live-call (WHIP) and voicemail role against a NATS server"},
	"web":      {runWeb, "run the review UI and API role against a NATS server"},
	"classify": {runClassify, "classify transcripts (files or stdin) through the NATS path"},
	"screen":   {runScreen, "transcribe and classify audio files (voicemails)"},
	"user":     {runUser, "add a user: a token of their own that sees only their own calls"},
}

func main() {
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Main runs a subcommand and returns the process exit status. The first
// SIGINT/SIGTERM cancels the command's context so it drains; a second one
// exits at once.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		return exitUsage
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "callscreen: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; !ok {
			return
		}
		fmt.Fprintln(stderr, "callscreen: draining; signal again to stop now")
		cancel()
		if _, ok := <-sigs; ok {
			os.Exit(1)
		}
	}()
	err := cmd.run(ctx, args[1:], stdin, stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return exitUsage
	default:
		var ee exitError
		if errors.As(err, &ee) {
			return int(ee) // the command has reported why
		}
		fmt.Fprintf(stderr, "callscreen %s: %v\n", args[0], err)
		return 1
	}
}

// errUsage marks a usage error that has already been reported.
var errUsage = errors.New("usage")

// exitError carries a specific exit status.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: callscreen <command> [flags]\n\ncommands:")
	for _, name := range []string{"serve", "media", "worker", "web", "classify", "screen", "user"} {
		fmt.Fprintf(w, "  %-9s %s\n", name, commands[name].help)
	}
	fmt.Fprintln(w, "\nRun 'callscreen <command> -h' for a command's flags.")
}
