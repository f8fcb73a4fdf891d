package callscreen

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/callscreen/callscreen/bus"
)

// recorderHelperEnv names the data dir of the helper process; set, it
// makes TestRecorderHelperProcess run a recorder instead of skipping.
const recorderHelperEnv = "CALLSCREEN_RECORDER_HELPER_DIR"

// TestRecorderHelperProcess is not a test: TestRecorderSurvivesKill runs
// the test binary again with only this function, as the process it kills.
// It serves an embedded NATS on a data dir, publishes calls and records
// them, logging every stored write (JSON on stdout) until it is killed.
func TestRecorderHelperProcess(t *testing.T) {
	dir := os.Getenv(recorderHelperEnv)
	if dir == "" {
		t.Skip("helper process for TestRecorderSurvivesKill")
	}
	log := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx := context.Background()
	conn, err := bus.Connect(ctx, bus.Config{DataDir: dir})
	if err != nil {
		fmt.Println("helper:", err)
		os.Exit(2)
	}
	st, err := OpenStore(ctx, conn, StoreConfig{Logger: log})
	if err != nil {
		fmt.Println("helper:", err)
		os.Exit(2)
	}
	rc, _ := NewRecorder(RecorderConfig{Bus: conn, Store: st, Logger: log})
	go func() { _ = rc.Run(ctx) }() // runs until the process is killed
	for i := 0; ; i++ {
		id := fmt.Sprintf("kill-%05d", i)
		c := scamCall(id, time.Now())
		for _, err := range []error{
			conn.PublishEvent(ctx, bus.Event{CallID: id, Type: bus.EventStart, Source: bus.SourceVoicemail, Time: c.started}),
			conn.PublishAlert(ctx, bus.Alert{CallID: id, Flag: c.alerts[0].Flag, Risk: 0.8, Seq: 2, Time: c.started}),
			conn.PublishEvent(ctx, bus.Event{CallID: id, Type: bus.EventEnd, Time: c.started.Add(time.Second)}),
			conn.PublishVerdict(ctx, bus.Verdict{CallID: id, Verdict: bus.VerdictScam, Risk: 0.9, Flags: c.verdict.Flags, Time: c.started.Add(time.Second)}),
		} {
			if err != nil {
				fmt.Println("helper:", err)
				os.Exit(2)
			}
		}
		log.Info("published", "call", id)
	}
}

// TestRecorderSurvivesKill runs the recorder in a separate process,
// SIGKILLs it while it is writing, and reopens the data dir: every record
// whose write was acknowledged is there and readable, the store opens
// cleanly, and a new recorder completes every call that was published,
// since unacknowledged messages are redelivered.
func TestRecorderSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestRecorderHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), recorderHelperEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	type logLine struct {
		Msg, Call, Subject string
	}
	recorded := map[string][]string{} // call → subjects whose write was acknowledged
	published := map[string]bool{}
	killed := false
	timer := time.AfterFunc(60*time.Second, func() { _ = cmd.Process.Kill() })
	defer timer.Stop()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		var l logLine
		if json.Unmarshal(sc.Bytes(), &l) != nil {
			t.Logf("helper: %s", sc.Text())
			continue
		}
		switch l.Msg {
		case "recorded":
			recorded[l.Call] = append(recorded[l.Call], l.Subject)
		case "published":
			published[l.Call] = true
		}
		// Kill while calls are still arriving and being written.
		if !killed && len(recorded) >= 150 {
			killed = true
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
		}
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatalf("helper stopped before the kill, having recorded %d calls", len(recorded))
	}
	t.Logf("killed after %d calls recorded, %d published", len(recorded), len(published))

	e := &storeEnv{t: t, dir: dir, ret: 30 * 24 * time.Hour}
	e.open()
	t.Cleanup(e.close)
	ctx := context.Background()
	for id, subjects := range recorded {
		r, err := e.store.Call(ctx, id)
		if err != nil {
			t.Fatalf("acknowledged record %s lost: %v", id, err)
		}
		for _, s := range subjects {
			if strings.HasPrefix(s, bus.VerdictPrefix) && r.Verdict != bus.VerdictScam {
				t.Fatalf("%s: verdict write acknowledged but record says %+v", id, r)
			}
			if strings.HasPrefix(s, bus.AlertPrefix) && len(r.Flags) == 0 {
				t.Fatalf("%s: alert write acknowledged but record has no flag", id)
			}
		}
	}
	if e.store.Count("") < len(recorded) {
		t.Fatalf("index holds %d calls, %d were recorded", e.store.Count(""), len(recorded))
	}
	// A new recorder picks up where the killed one stopped; messages the
	// dead one had in hand come back after the ack wait.
	e.runRecorderWith(RecorderConfig{AckWait: 2 * time.Second})
	for id := range published {
		e.waitRecord(id, func(r CallRecord) bool {
			return r.Verdict == bus.VerdictScam && r.Source == bus.SourceVoicemail && len(r.Flags) == 1 && !r.Ended.IsZero()
		})
	}
}
