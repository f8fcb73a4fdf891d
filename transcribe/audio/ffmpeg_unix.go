//go:build unix

package audio

import (
	"os/exec"
	"syscall"
)

// setProcessGroup starts cmd in a process group of its own and makes
// cancellation kill the whole group, so nothing ffmpeg started outlives it.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		// The leader is not reaped before Wait, so its pid still names
		// the group.
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
