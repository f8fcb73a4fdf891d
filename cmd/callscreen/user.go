package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/callscreen/callscreen/callscreen"
)

// runUser manages the users file: `callscreen user add NAME` creates a
// user and prints their token once. Running servers pick the change up
// within a second; deleting the user's line revokes the token.
func runUser(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("user", stderr)
	dataDir := fs.String("data", env("CALLSCREEN_DATA", defaultDataDir()), "data directory whose users file to use (env CALLSCREEN_DATA)")
	users := fs.String("users", env("CALLSCREEN_USERS", ""), "users file; default <data>/users (env CALLSCREEN_USERS)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: callscreen user add [--data DIR | --users FILE] NAME")
		fs.PrintDefaults()
	}
	if len(args) == 0 || args[0] != "add" {
		fs.Usage()
		return errUsage
	}
	// Flags may come before or after the name.
	var names []string
	for rest := args[1:]; ; {
		if err := parse(fs, rest); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		names, rest = append(names, fs.Arg(0)), fs.Args()[1:]
	}
	if len(names) != 1 {
		fs.Usage()
		return errUsage
	}
	path := *users
	if path == "" {
		path = filepath.Join(*dataDir, "users")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	name := names[0]
	tok, err := callscreen.AddUser(path, name)
	if err != nil {
		fmt.Fprintf(stderr, "callscreen user: %v\n", err)
		return errUsage
	}
	fmt.Fprintf(stdout, "callscreen: added user %s to %s; their token (shown only now):\n%s\n", name, path, tok)
	return nil
}
