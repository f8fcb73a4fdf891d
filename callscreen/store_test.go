package callscreen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

// storeEnv is a real embedded NATS with the review store on a data dir.
type storeEnv struct {
	t     testing.TB
	dir   string
	conn  *bus.Conn
	store *Store
	ret   time.Duration
}

func newStoreEnv(t testing.TB) *storeEnv {
	t.Helper()
	e := &storeEnv{t: t, dir: t.TempDir(), ret: 30 * 24 * time.Hour}
	e.open()
	t.Cleanup(e.close)
	return e
}

func (e *storeEnv) open() {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := bus.Connect(ctx, bus.Config{DataDir: e.dir, Retention: e.ret})
	if err != nil {
		e.t.Fatal(err)
	}
	st, err := OpenStore(ctx, conn, StoreConfig{Retention: e.ret})
	if err != nil {
		conn.Close()
		e.t.Fatal(err)
	}
	e.conn, e.store = conn, st
}

func (e *storeEnv) close() {
	if e.store != nil {
		if err := e.store.Close(); err != nil {
			e.t.Errorf("store close: %v", err)
		}
		e.store = nil
	}
	if e.conn != nil {
		e.conn.Close()
		e.conn = nil
	}
}

// reopen stops the embedded server and starts a new one on the same data
// dir, as a restart of callscreen serve would.
func (e *storeEnv) reopen() {
	e.t.Helper()
	e.close()
	e.open()
}

// runRecorder runs a recorder until the test ends.
func (e *storeEnv) runRecorder() { e.runRecorderWith(RecorderConfig{}) }

func (e *storeEnv) runRecorderWith(cfg RecorderConfig) {
	e.t.Helper()
	cfg.Bus, cfg.Store = e.conn, e.store
	rc, err := NewRecorder(cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := rc.Run(ctx); err != nil {
			e.t.Errorf("recorder: %v", err)
		}
	}()
	// Registered after the store's cleanup, so it runs first.
	e.t.Cleanup(func() { cancel(); wg.Wait() })
}

// call describes a test call published through the bus as producers and
// the worker would.
type testCall struct {
	id      string
	source  string
	owner   string
	started time.Time
	segs    []bus.Segment
	alerts  []bus.Alert
	verdict *bus.Verdict
}

func (e *storeEnv) publish(c testCall) {
	e.t.Helper()
	ctx := context.Background()
	if c.source == "" {
		c.source = bus.SourceLive
	}
	if c.started.IsZero() {
		c.started = time.Now()
	}
	must := func(err error) {
		e.t.Helper()
		if err != nil {
			e.t.Fatal(err)
		}
	}
	must(e.conn.PublishEvent(ctx, bus.Event{CallID: c.id, Type: bus.EventStart, Source: c.source, Owner: c.owner, Time: c.started}))
	var last uint64
	for _, s := range c.segs {
		s.CallID = c.id
		must(e.conn.PublishSegment(ctx, s))
		last = s.Seq
	}
	for _, a := range c.alerts {
		a.CallID = c.id
		must(e.conn.PublishAlert(ctx, a))
	}
	if c.verdict != nil {
		must(e.conn.PublishEvent(ctx, bus.Event{CallID: c.id, Type: bus.EventEnd, Source: c.source, LastSeq: last, Time: c.started.Add(time.Minute)}))
		v := *c.verdict
		v.CallID = c.id
		if v.Time.IsZero() {
			v.Time = c.started.Add(time.Minute)
		}
		must(e.conn.PublishVerdict(ctx, v))
	}
}

// waitRecord polls until the call's record satisfies ok.
func (e *storeEnv) waitRecord(id string, ok func(CallRecord) bool) CallRecord {
	e.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		r, err := e.store.Call(context.Background(), id)
		if err == nil && ok(r) {
			return r
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("call %s: record not as expected after 15s: %+v (err %v)", id, r, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// recorded reports whether both of the recorder's consumers have reached
// the call: the verdict comes on the alert stream, the start event (the
// only carrier of Source and Owner) on the segment stream, in either order.
func recorded(r CallRecord) bool { return r.Verdict != "" && r.Source != "" }

func scamCall(id string, started time.Time) testCall {
	flag := bus.Flag{Category: classify.CategoryVerificationCode, Text: "read me the code we sent", Start: 3, End: 5.5, Track: bus.TrackCaller}
	return testCall{
		id: id, started: started,
		segs: []bus.Segment{
			{Seq: 1, Track: bus.TrackCaller, Start: 0, End: 2.5, Text: "hello this is your bank security team"},
			{Seq: 2, Track: bus.TrackCaller, Start: 3, End: 5.5, Text: "please read me the code we sent"},
			{Seq: 3, Track: bus.TrackCallee, Start: 6, End: 7, Text: "why do you need it"},
		},
		alerts: []bus.Alert{{Flag: flag, Advice: classify.Advice(flag.Category), Risk: 0.8, Seq: 2, Time: started.Add(5 * time.Second)}},
		verdict: &bus.Verdict{Verdict: bus.VerdictScam, Risk: 0.9, Flags: []bus.Flag{flag},
			Signals: []string{"impersonation:bank"}, Advice: classify.Advice(flag.Category), Segments: 3},
	}
}

func TestStoreRecorderBuildsRecord(t *testing.T) {
	e := newStoreEnv(t)
	e.runRecorder()
	start := time.Now().Add(-time.Hour).UTC().Truncate(time.Millisecond)
	e.publish(scamCall("scam-1", start))
	r := e.waitRecord("scam-1", func(r CallRecord) bool { return r.Verdict != "" && r.Duration > 0 })
	if r.Source != bus.SourceLive || !r.Started.Equal(start) || r.Verdict != bus.VerdictScam || r.Risk != 0.9 {
		t.Fatalf("record %+v", r)
	}
	if len(r.Flags) != 1 || len(r.Categories) != 1 || r.Categories[0] != classify.CategoryVerificationCode {
		t.Fatalf("flags %+v categories %v: alert and verdict flags not merged into one", r.Flags, r.Categories)
	}
	if r.Duration != 7 || !r.Ended.Equal(start.Add(time.Minute)) {
		t.Fatalf("duration %v ended %v", r.Duration, r.Ended)
	}
	segs, err := e.store.Transcript(context.Background(), "scam-1")
	if err != nil || len(segs) != 3 || segs[1].Text != "please read me the code we sent" {
		t.Fatalf("transcript %+v, %v", segs, err)
	}
	alerts, err := e.store.Alerts(context.Background(), "scam-1")
	if err != nil || len(alerts) != 1 || alerts[0].Seq != 2 {
		t.Fatalf("alerts %+v, %v", alerts, err)
	}
}

// TestStoreRecorderShowsCallInProgress: an alert alone (no verdict yet)
// makes the call appear with its flag and risk.
func TestStoreRecorderShowsCallInProgress(t *testing.T) {
	e := newStoreEnv(t)
	e.runRecorder()
	c := scamCall("live-1", time.Now())
	c.verdict = nil
	e.publish(c)
	r := e.waitRecord("live-1", func(r CallRecord) bool { return len(r.Flags) == 1 })
	if r.Verdict != "" || r.Risk != 0.8 || r.Source != bus.SourceLive {
		t.Fatalf("in-progress record %+v", r)
	}
	calls, _, err := e.store.Calls(context.Background(), Filter{Verdict: VerdictPending})
	if err != nil || len(calls) != 1 {
		t.Fatalf("pending calls %v, %v", calls, err)
	}
}

func TestStoreUpdateIsIdempotent(t *testing.T) {
	e := newStoreEnv(t)
	ctx := context.Background()
	c := scamCall("idem", time.Now())
	v := *c.verdict
	v.CallID = "idem"
	var revs []uint64
	for range 3 {
		if _, err := e.store.Update(ctx, "idem", true, func(r *CallRecord) bool { return mergeVerdict(r, v) }); err != nil {
			t.Fatal(err)
		}
		ent, err := e.store.kv.Get(ctx, "idem")
		if err != nil {
			t.Fatal(err)
		}
		revs = append(revs, ent.Revision())
	}
	if revs[0] != revs[2] {
		t.Fatalf("replaying a verdict rewrote the record: revisions %v", revs)
	}
}

func TestStoreFeedbackRoundTrip(t *testing.T) {
	e := newStoreEnv(t)
	ctx := context.Background()
	e.runRecorder()
	e.publish(scamCall("fb", time.Now()))
	e.waitRecord("fb", recorded)
	tests := []struct {
		value string
		err   error
		prec  float64
	}{
		{FeedbackScam, nil, 1},
		{FeedbackNotScam, nil, 0},
		{"maybe", ErrBadFeedback, 0},
		{"", nil, 0},
	}
	for _, tt := range tests {
		r, err := e.store.SetFeedback(ctx, "fb", tt.value)
		if !errors.Is(err, tt.err) {
			t.Fatalf("SetFeedback(%q) = %v, want %v", tt.value, err, tt.err)
		}
		if err != nil {
			continue
		}
		if r.Feedback != tt.value {
			t.Fatalf("feedback %q, want %q", r.Feedback, tt.value)
		}
		got, _ := e.store.Call(ctx, "fb")
		if got.Feedback != tt.value {
			t.Fatalf("stored feedback %q, want %q", got.Feedback, tt.value)
		}
		if p := e.store.Precision(""); p.Value != tt.prec {
			t.Fatalf("precision after %q: %+v", tt.value, p)
		}
	}
	if _, err := e.store.SetFeedback(ctx, "nope", FeedbackScam); !errors.Is(err, ErrNotFound) {
		t.Fatalf("feedback on unknown call: %v", err)
	}
}

func TestStoreCallsFilterAndPaging(t *testing.T) {
	e := newStoreEnv(t)
	ctx := context.Background()
	base := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	verdicts := []string{bus.VerdictScam, bus.VerdictClean, bus.VerdictSuspicious, ""}
	sources := []string{bus.SourceLive, bus.SourceVoicemail, bus.SourceText}
	const n = 120
	for i := range n {
		id := fmt.Sprintf("c%03d", i)
		_, err := e.store.Update(ctx, id, true, func(r *CallRecord) bool {
			r.Started = base.Add(time.Duration(i) * time.Hour)
			r.Verdict = verdicts[i%len(verdicts)]
			r.Source = sources[i%len(sources)]
			if r.Verdict == bus.VerdictScam {
				r.Categories = []string{classify.CategoryGiftCard}
			}
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		f    Filter
		want int
	}{
		{"all", Filter{}, n},
		{"scam", Filter{Verdict: bus.VerdictScam}, n / 4},
		{"pending", Filter{Verdict: VerdictPending}, n / 4},
		{"category", Filter{Category: classify.CategoryGiftCard}, n / 4},
		{"category none", Filter{Category: classify.CategoryRemoteAccess}, 0},
		{"voicemail", Filter{Source: bus.SourceVoicemail}, n / 3},
		{"range", Filter{From: base.Add(10 * time.Hour), To: base.Add(20 * time.Hour)}, 10},
		{"scam voicemail", Filter{Verdict: bus.VerdictScam, Source: bus.SourceVoicemail}, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.f
			f.Limit = 7
			var got []CallRecord
			for pages := 0; ; pages++ {
				calls, next, err := e.store.Calls(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if len(calls) > 7 || pages > n {
					t.Fatalf("page of %d", len(calls))
				}
				got = append(got, calls...)
				if next == "" {
					break
				}
				f.Cursor = next
			}
			if len(got) != tt.want {
				t.Fatalf("got %d calls, want %d", len(got), tt.want)
			}
			for i := 1; i < len(got); i++ {
				if !got[i].Started.Before(got[i-1].Started) {
					t.Fatalf("not newest first at %d: %v then %v", i, got[i-1].Started, got[i].Started)
				}
			}
			for _, r := range got {
				if !tt.f.match(&r) {
					t.Fatalf("%s does not match the filter", r.ID)
				}
			}
		})
	}
	if _, _, err := e.store.Calls(ctx, Filter{Cursor: "!!"}); !errors.Is(err, ErrBadFilter) {
		t.Fatalf("bad cursor: %v", err)
	}
}

func TestStoreAudioRoundTrip(t *testing.T) {
	e := newStoreEnv(t)
	ctx := context.Background()
	audio := bytes.Repeat([]byte("RIFF-not-really-a-wav "), 20000) // several object chunks
	tests := []struct {
		id, ct, want string
	}{
		{"vm-1", "audio/wav", "audio/wav"},
		{"vm-2", "audio/ogg; codecs=opus", "audio/ogg"},
		{"vm-3", "text/html", "application/octet-stream"},
	}
	for _, tt := range tests {
		if err := e.store.PutAudio(ctx, tt.id, tt.ct, bytes.NewReader(audio)); err != nil {
			t.Fatal(err)
		}
		rc, ct, err := e.store.Audio(ctx, tt.id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, audio) || ct != tt.want {
			t.Fatalf("%s: %d bytes, type %q (want %q), err %v", tt.id, len(got), ct, tt.want, err)
		}
		r, err := e.store.Call(ctx, tt.id)
		if err != nil || !r.HasAudio || r.AudioType != tt.want || r.Source != bus.SourceVoicemail {
			t.Fatalf("record %+v, %v", r, err)
		}
	}
	if _, _, err := e.store.Audio(ctx, "none"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing audio: %v", err)
	}
}

func TestStoreDeleteRemovesEverything(t *testing.T) {
	e := newStoreEnv(t)
	ctx := context.Background()
	e.runRecorder()
	e.publish(scamCall("del", time.Now()))
	e.publish(scamCall("keep", time.Now()))
	e.waitRecord("del", recorded)
	e.waitRecord("keep", recorded)
	if err := e.store.PutAudio(ctx, "del", "audio/wav", strings.NewReader("audio")); err != nil {
		t.Fatal(err)
	}
	if err := e.store.Delete(ctx, "del"); err != nil {
		t.Fatal(err)
	}
	e.assertGone("del")
	// A late verdict for the deleted call must not bring it back.
	c := scamCall("del", time.Now())
	e.publish(testCall{id: "del", verdict: c.verdict})
	e.waitRecord("keep", func(CallRecord) bool { return true })
	time.Sleep(300 * time.Millisecond)
	if _, err := e.store.Call(ctx, "del"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted call came back: %v", err)
	}
	if err := e.store.Delete(ctx, "del"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	if segs, _ := e.store.Transcript(ctx, "keep"); len(segs) != 3 {
		t.Fatalf("deleting one call touched another: %d segments left", len(segs))
	}
	// The deletion holds across a restart.
	e.reopen()
	e.assertGone("del")
}

// assertGone checks that nothing about id can be read any more.
func (e *storeEnv) assertGone(id string) {
	e.t.Helper()
	ctx := context.Background()
	if _, err := e.store.Call(ctx, id); !errors.Is(err, ErrNotFound) {
		e.t.Fatalf("record still there: %v", err)
	}
	if segs, err := e.store.Transcript(ctx, id); err != nil || len(segs) != 0 {
		e.t.Fatalf("transcript still there: %d segments, %v", len(segs), err)
	}
	if alerts, err := e.store.Alerts(ctx, id); err != nil || len(alerts) != 0 {
		e.t.Fatalf("alerts still there: %d, %v", len(alerts), err)
	}
	if _, _, err := e.store.Audio(ctx, id); !errors.Is(err, ErrNotFound) {
		e.t.Fatalf("audio still there: %v", err)
	}
	for _, subj := range []string{bus.EventSubject(id), bus.VerdictSubject(id)} {
		stream := bus.SegmentStream
		if strings.HasPrefix(subj, bus.VerdictPrefix) {
			stream = bus.AlertStream
		}
		st, err := e.conn.JS.Stream(ctx, stream)
		if err != nil {
			e.t.Fatal(err)
		}
		if _, err := st.GetLastMsgForSubject(ctx, subj); err == nil {
			e.t.Fatalf("%s still holds a message", subj)
		}
	}
	calls, _, _ := e.store.Calls(ctx, Filter{Limit: MaxPageSize})
	for _, c := range calls {
		if c.ID == id {
			e.t.Fatalf("%s still listed", id)
		}
	}
}

func TestStoreRetentionPurge(t *testing.T) {
	e := newStoreEnv(t)
	ctx := context.Background()
	e.runRecorder()
	now := time.Now()
	e.publish(scamCall("old", now.Add(-2*time.Hour)))
	e.publish(scamCall("new", now))
	e.waitRecord("old", recorded)
	e.waitRecord("new", recorded)
	if err := e.store.PutAudio(ctx, "old", "audio/wav", strings.NewReader("audio")); err != nil {
		t.Fatal(err)
	}
	// Nothing is old enough yet.
	if n, err := e.store.Purge(ctx, now); err != nil || n != 0 {
		t.Fatalf("Purge(now) = %d, %v", n, err)
	}
	// A month and an hour later, the old call is past retention, the new
	// one not quite.
	n, err := e.store.Purge(ctx, now.Add(e.ret-time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("Purge = %d, %v; want 1", n, err)
	}
	e.assertGone("old")
	if _, err := e.store.Call(ctx, "new"); err != nil {
		t.Fatalf("new call purged: %v", err)
	}
	if n, err := e.store.Purge(ctx, now.Add(e.ret+time.Second)); err != nil || n != 1 {
		t.Fatalf("second Purge = %d, %v", n, err)
	}
	e.assertGone("new")
}

// TestStoreSurvivesRestart closes the embedded server and opens a new one
// on the same data dir: records, transcripts, alerts and audio are all
// still there, and the index is rebuilt.
func TestStoreSurvivesRestart(t *testing.T) {
	e := newStoreEnv(t)
	ctx := context.Background()
	rc, _ := NewRecorder(RecorderConfig{Bus: e.conn, Store: e.store})
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- rc.Run(rctx) }()
	for i := range 5 {
		e.publish(scamCall(fmt.Sprint("r", i), time.Now().Add(time.Duration(i)*time.Second)))
	}
	for i := range 5 {
		e.waitRecord(fmt.Sprint("r", i), func(r CallRecord) bool { return r.Verdict != "" && r.Duration > 0 })
	}
	audio := bytes.Repeat([]byte{1, 2, 3}, 100000)
	if err := e.store.PutAudio(ctx, "r2", "audio/mpeg", bytes.NewReader(audio)); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.SetFeedback(ctx, "r3", FeedbackScam); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	e.reopen()
	if e.store.Count("") != 5 {
		t.Fatalf("index after restart holds %d calls", e.store.Count(""))
	}
	for i := range 5 {
		id := fmt.Sprint("r", i)
		r, err := e.store.Call(ctx, id)
		if err != nil || r.Verdict != bus.VerdictScam {
			t.Fatalf("%s after restart: %+v, %v", id, r, err)
		}
		segs, err := e.store.Transcript(ctx, id)
		if err != nil || len(segs) != 3 {
			t.Fatalf("%s transcript after restart: %d, %v", id, len(segs), err)
		}
		alerts, err := e.store.Alerts(ctx, id)
		if err != nil || len(alerts) != 1 {
			t.Fatalf("%s alerts after restart: %d, %v", id, len(alerts), err)
		}
	}
	got, ct, err := e.store.ReadAudio(ctx, "r2")
	if err != nil || !bytes.Equal(got, audio) || ct != "audio/mpeg" {
		t.Fatalf("audio after restart: %d bytes %q %v", len(got), ct, err)
	}
	if p := e.store.Precision(""); p.Confirmed != 1 || p.Reviewed != 1 || p.Flagged != 5 {
		t.Fatalf("precision after restart %+v", p)
	}
	// The recorder resumes where it stopped: a new call is recorded once.
	e.runRecorder()
	e.publish(scamCall("after", time.Now()))
	e.waitRecord("after", recorded)
}

// TestStoreIndexFollowsOtherProcesses: a second store on the same bucket
// (another callscreen process) sees writes and deletes of the first.
func TestStoreIndexFollowsOtherProcesses(t *testing.T) {
	e := newStoreEnv(t)
	ctx := context.Background()
	other, err := OpenStore(ctx, e.conn, StoreConfig{Retention: e.ret})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := e.store.Update(ctx, "x1", true, func(r *CallRecord) bool { r.Started = time.Now(); return true }); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "other index sees the call", 5*time.Second, func() bool { return other.Count("") == 1 })
	if err := e.store.Delete(ctx, "x1"); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "other index sees the delete", 5*time.Second, func() bool { return other.Count("") == 0 })
}

func waitUntil(t testing.TB, what string, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// digitRun finds four or more digits or spoken digit words in a row:
// anything that could be a card number, code or PIN.
var digitRun = regexp.MustCompile(`(?i)\d{4,}|(\b(zero|oh|one|two|three|four|five|six|seven|eight|nine)\b[\s,.-]*){4,}`)

// recordTexts joins every free text of a call (timestamps and scores left
// out: they are digits by nature).
func recordTexts(r CallRecord, tr []bus.Segment, alerts []bus.Alert) string {
	var b strings.Builder
	add := func(s ...string) {
		for _, x := range s {
			b.WriteString(x)
			b.WriteString(" | ")
		}
	}
	add(r.ID, r.Source, r.Verdict, r.Advice, r.Feedback, r.AudioType)
	add(r.Categories...)
	add(r.Signals...)
	for _, f := range r.Flags {
		add(f.Category, f.Text, f.Track)
	}
	for _, s := range tr {
		add(s.Text, s.Track)
		add(s.Keywords...)
	}
	for _, a := range alerts {
		add(a.Flag.Text, a.Flag.Category, a.Advice)
	}
	return b.String()
}

// TestRecorderRedactsSpokenDigits sends a caller's spoken card number
// through the real path (bus → worker → alert/verdict → recorder → store)
// with a producer that forgot to redact: nothing the store returns holds
// the digits.
func TestRecorderRedactsSpokenDigits(t *testing.T) {
	e := newStoreEnv(t)
	e.runRecorder()
	w, err := NewWorker(WorkerConfig{Bus: e.conn, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	defer func() { cancel(); <-done }()
	spoken := "my card number is four one one one one one one one one one one one one one one one"
	segs := []bus.Segment{
		{Seq: 1, Track: bus.TrackCaller, Start: 0, End: 3, Text: "this is your bank, please read me your card number"},
		{Seq: 2, Track: bus.TrackCallee, Start: 3, End: 9, Text: spoken},
		{Seq: 3, Track: bus.TrackCaller, Start: 9, End: 12, Text: "and the code 4111 1111 1111 1111 on the back"},
	}
	ctx := context.Background()
	if err := e.conn.PublishEvent(ctx, bus.Event{CallID: "digits", Type: bus.EventStart, Source: bus.SourceLive, Time: time.Now()}); err != nil {
		t.Fatal(err)
	}
	for _, s := range segs {
		s.CallID = "digits"
		if err := e.conn.PublishSegment(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.conn.PublishEvent(ctx, bus.Event{CallID: "digits", Type: bus.EventEnd, LastSeq: 3, Time: time.Now()}); err != nil {
		t.Fatal(err)
	}
	r := e.waitRecord("digits", recorded)
	tr, err := e.store.Transcript(ctx, "digits")
	if err != nil || len(tr) != 3 {
		t.Fatalf("transcript %d, %v", len(tr), err)
	}
	alerts, err := e.store.Alerts(ctx, "digits")
	if err != nil {
		t.Fatal(err)
	}
	everything := recordTexts(r, tr, alerts)
	if m := digitRun.FindString(everything); m != "" {
		t.Fatalf("stored data holds digits %q:\n%s", m, everything)
	}
	if !strings.Contains(tr[1].Text, "[CARD]") {
		t.Fatalf("spoken card number not labelled: %q", tr[1].Text)
	}
	if os.Getenv("CALLSCREEN_DEBUG") != "" {
		t.Log(everything)
	}
}

// The store keeps voicemail recordings for the voicemail handler.
var _ AudioStore = (*Store)(nil)

// TestStoreCloseAfterConnClosed: shutting down in either order does not
// hang (the watcher ends with the connection).
func TestStoreCloseAfterConnClosed(t *testing.T) {
	conn, err := bus.Connect(context.Background(), bus.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	st, err := OpenStore(context.Background(), conn, StoreConfig{})
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
	done := make(chan error, 1)
	go func() { done <- st.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Close: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close hangs after the connection closed")
	}
}
