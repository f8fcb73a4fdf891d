//go:build !unix

package audio

import "os/exec"

// setProcessGroup leaves cmd as it is: cancellation kills the process.
func setProcessGroup(cmd *exec.Cmd) {}
