package clustertest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/callscreen"
	"github.com/callscreen/callscreen/classify"
)

// globalAccount is the account JetStream assets live in when the servers
// run without accounts configured.
const globalAccount = server.DEFAULT_GLOBAL_ACCOUNT

// testLogger logs to stderr when CLUSTERTEST_LOG is set (e.g. "debug") and
// discards otherwise: the workers' warnings during a node kill are
// expected, and t.Log would race with goroutines that outlive a subtest.
func testLogger() *slog.Logger {
	lv := os.Getenv("CLUSTERTEST_LOG")
	if lv == "" {
		return slog.New(slog.DiscardHandler)
	}
	var level slog.Level
	_ = level.UnmarshalText([]byte(strings.ToUpper(lv)))
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
}

// cluster is n nats-servers in this process, clustered over loopback
// routes, each with its own JetStream store. A node can be shut down and
// started again on the same ports and store, as a restarted pod would be.
type cluster struct {
	tb         testing.TB
	name       string
	syncAlways bool
	dirs       []string
	client     []int // client ports
	route      []int // cluster (route) ports

	mu   sync.Mutex
	srvs []*server.Server // nil while a node is down
}

// startCluster starts n nodes (n == 1 is a standalone server) and waits
// until JetStream has a meta leader that every node follows.
func startCluster(tb testing.TB, n int, syncAlways bool) *cluster {
	tb.Helper()
	ports := freePorts(tb, 2*n)
	c := &cluster{
		tb: tb, name: "callscreen-test", syncAlways: syncAlways,
		client: ports[:n], route: ports[n:], srvs: make([]*server.Server, n),
	}
	for range n {
		c.dirs = append(c.dirs, tb.TempDir())
	}
	tb.Cleanup(c.shutdown)
	for i := range n {
		if err := c.start(i); err != nil {
			tb.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.waitMetaLeader(ctx); err != nil {
		tb.Fatal(err)
	}
	return c
}

// freePorts reserves n distinct loopback ports. They are released before
// the servers bind them, so another process could take one in between;
// on a shared machine that is rare enough to accept in a test.
func freePorts(tb testing.TB, n int) []int {
	tb.Helper()
	var ports []int
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			_ = l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			tb.Fatalf("reserve port: %v", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports
}

func (c *cluster) options(i int) *server.Options {
	o := &server.Options{
		ServerName: fmt.Sprintf("n%d", i+1),
		Host:       "127.0.0.1",
		Port:       c.client[i],
		NoLog:      true,
		NoSigs:     true,
		JetStream:  true,
		StoreDir:   c.dirs[i],
		SyncAlways: c.syncAlways,
		MaxPayload: 1 << 20,
	}
	if len(c.client) > 1 {
		var routes []string
		for j, p := range c.route {
			if j != i {
				routes = append(routes, fmt.Sprintf("nats://127.0.0.1:%d", p))
			}
		}
		o.Cluster = server.ClusterOpts{Name: c.name, Host: "127.0.0.1", Port: c.route[i]}
		o.Routes = server.RoutesFromStr(strings.Join(routes, ","))
	}
	return o
}

// start starts node i (again).
func (c *cluster) start(i int) error {
	s, err := server.NewServer(c.options(i))
	if err != nil {
		return fmt.Errorf("node %d: %w", i+1, err)
	}
	go s.Start() // the server owns this goroutine; Shutdown waits for it
	if !s.ReadyForConnections(20 * time.Second) {
		s.Shutdown()
		return fmt.Errorf("node %d not ready", i+1)
	}
	c.mu.Lock()
	c.srvs[i] = s
	c.mu.Unlock()
	return nil
}

// kill shuts node i down: its clients are disconnected at once and its
// JetStream replicas leave the quorum, as with a killed process.
func (c *cluster) kill(i int) {
	c.mu.Lock()
	s := c.srvs[i]
	c.srvs[i] = nil
	c.mu.Unlock()
	if s != nil {
		s.Shutdown()
		s.WaitForShutdown()
	}
}

func (c *cluster) shutdown() {
	for i := range c.srvs {
		c.kill(i)
	}
}

// URLs are the client URLs of every node, as seeds for bus.Config.URL.
func (c *cluster) URLs() string {
	var u []string
	for _, p := range c.client {
		u = append(u, fmt.Sprintf("nats://127.0.0.1:%d", p))
	}
	return strings.Join(u, ",")
}

func (c *cluster) running() []*server.Server {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*server.Server
	for _, s := range c.srvs {
		if s != nil {
			out = append(out, s)
		}
	}
	return out
}

// waitMetaLeader polls until one running node leads the JetStream meta
// group and every running node is current with it.
func (c *cluster) waitMetaLeader(ctx context.Context) error {
	return poll(ctx, 25*time.Millisecond, func() error {
		srvs := c.running()
		if len(srvs) == 1 && !srvs[0].JetStreamIsClustered() {
			if srvs[0].JetStreamEnabled() {
				return nil
			}
			return errors.New("jetstream not enabled")
		}
		leaders := 0
		for _, s := range srvs {
			if s.JetStreamIsLeader() {
				leaders++
			}
			if !s.JetStreamIsCurrent() {
				return fmt.Errorf("%s not current", s.Name())
			}
		}
		if leaders != 1 {
			return fmt.Errorf("%d meta leaders", leaders)
		}
		return nil
	})
}

// streamLeader returns the index of the node leading stream, or -1.
func (c *cluster) streamLeader(stream string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, s := range c.srvs {
		if s != nil && s.JetStreamIsStreamLeader(globalAccount, stream) {
			return i
		}
	}
	return -1
}

// poll calls f every interval until it returns nil or ctx ends, and then
// reports f's last error.
func poll(ctx context.Context, interval time.Duration, f func() error) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	var last error // the last error that says more than "ctx ended"
	for {
		err := f()
		if err == nil {
			return nil
		}
		if ctx.Err() == nil || last == nil {
			last = err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last: %v)", ctx.Err(), last)
		case <-t.C:
		}
	}
}

// connect opens a bus connection to the cluster with R replicas, closed
// when the test ends; bus.Connect also creates or updates the streams.
func connect(ctx context.Context, tb testing.TB, c *cluster, name string, replicas int) *bus.Conn {
	tb.Helper()
	// A freshly formed cluster can have a meta leader before every peer
	// is known to be online, and then refuses R3 placement for a moment.
	pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var conn *bus.Conn
	if err := poll(pctx, 100*time.Millisecond, func() error {
		var err error
		conn, err = bus.Connect(pctx, bus.Config{URL: c.URLs(), Name: name, Replicas: replicas, Logger: testLogger()})
		return err
	}); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(conn.Close)
	return conn
}

// runningWorker is a classifier worker on its own connection, run by the
// test; stop or kill it, and the test waits for it either way.
type runningWorker struct {
	w      *callscreen.Worker
	conn   *bus.Conn
	cancel context.CancelFunc
	done   chan error
}

func startWorker(tb testing.TB, conn *bus.Conn, det *classify.Detector, ackWait time.Duration) *runningWorker {
	tb.Helper()
	w, err := callscreen.NewWorker(callscreen.WorkerConfig{
		Bus: conn, Detector: det, Logger: testLogger(), AckWait: ackWait,
	})
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	rw := &runningWorker{w: w, conn: conn, cancel: cancel, done: make(chan error, 1)}
	go func() { rw.done <- w.Run(ctx) }()
	tb.Cleanup(func() {
		if err := rw.stop(30 * time.Second); err != nil {
			tb.Errorf("worker stop: %v", err)
		}
	})
	return rw
}

// stop cancels the worker, which drains, and waits for Run to return.
// Stopping twice is harmless.
func (rw *runningWorker) stop(timeout time.Duration) error {
	rw.cancel()
	select {
	case err, ok := <-rw.done:
		if ok {
			close(rw.done)
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("worker still running %s after cancel", timeout)
	}
}

// kill takes the worker away abruptly: its connection closes first, so
// nothing it holds gets acknowledged, then its context ends.
func (rw *runningWorker) kill(timeout time.Duration) error {
	rw.conn.Close()
	return rw.stop(timeout)
}

// script is one synthetic call: final segments and what a detector that
// sees the whole transcript at once says about it.
type script struct {
	id   string
	scam bool
	segs []bus.Segment
	want classify.Result
}

// Lines for synthetic calls. Each request line raises one category; the
// filler says nothing that the detector flags (checked by makeScripts).
// Pressure lines stay out of legitimate calls: next to a bank's "do not
// share this code" message they can read as a request.
var (
	scamIntros = []string{
		"hello this is david from the fraud department at your bank",
		"good morning this is amazon customer security",
		"hi i am calling from microsoft technical support about your computer",
	}
	scamRequests = [][]string{
		{"can you read me the verification code we just sent to your phone"},
		{"please download anydesk so i can connect to your computer"},
		{"go to walmart and buy google play cards"},
		{"you need to move your money to a safe account"},
		{"i need your online banking password to secure the account", "what is your social security number"},
	}
	scamFiller = []string{
		"we noticed a suspicious charge on your account this morning",
		"this is urgent you must act now or your account will be closed",
	}
	callerFiller = []string{
		"i understand it is confusing let me explain",
		"are you still there",
		"it will only take a minute",
		"the parcel will arrive on thursday between nine and twelve",
		"your appointment with doctor patel is tomorrow at ten",
		"the weather has been lovely this week",
	}
	calleeFiller = []string{
		"yes i am still here",
		"hold on let me find a pen",
		"could you repeat that please",
		"mm hmm",
		"okay",
		"i am not sure about this",
	}
	legitLines = []string{
		"hi mum it is me just calling to say i will be late for dinner",
		"your verification code is 4 8 2 9 do not share this code with anyone",
		"thanks for calling have a nice day",
		"okay thank you bye",
	}
)

// makeScripts builds n calls of segs final segments each; every third
// call is legitimate. A scam call opens with an impersonation and makes
// its request(s) in the middle, so that a node or worker killed mid-call
// meets calls on both sides of their alert.
func makeScripts(tb testing.TB, det *classify.Detector, prefix string, n, segs int, seed uint64) []script {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	var out []script
	for i := range n {
		s := script{id: fmt.Sprintf("%s-%02d", prefix, i), scam: i%3 != 2}
		var reqs []string
		if s.scam {
			reqs = scamRequests[i%len(scamRequests)]
		}
		at := segs/2 - len(reqs)/2
		t := 0.0
		for seq := 1; seq <= segs; seq++ {
			track, text := bus.TrackCaller, pick(callerFiller)
			switch {
			case s.scam && seq == 1:
				text = scamIntros[i%len(scamIntros)]
			case s.scam && seq >= at && seq < at+len(reqs):
				text = reqs[seq-at]
			case s.scam && seq%3 == 0:
				text = pick(scamFiller)
			case !s.scam && seq%5 == 0:
				text = pick(legitLines)
			case seq%2 == 0:
				track, text = bus.TrackCallee, pick(calleeFiller)
			}
			dur := 1.5 + rng.Float64()*2
			s.segs = append(s.segs, bus.Segment{
				CallID: s.id, Seq: uint64(seq), Track: track,
				Start: t, End: t + dur, Text: text, Final: true,
			})
			t += dur + 0.2
		}
		s.want = det.Classify(s.segs)
		if s.scam != (len(s.want.Flags) > 0) {
			var lines []string
			for _, seg := range s.segs {
				lines = append(lines, seg.Track+": "+seg.Text)
			}
			tb.Fatalf("detector judges synthetic call %s (scam=%v) as %s %v: the test's scripts need updating for the current rules; transcript:\n%s",
				s.id, s.scam, s.want.Verdict, s.want.Flags, strings.Join(lines, "\n"))
		}
		out = append(out, s)
	}
	return out
}

// wantCategories is the set of categories a call must alert, each once.
func (s script) wantCategories() []string {
	var c []string
	for _, f := range s.want.Flags {
		c = append(c, f.Category)
	}
	slices.Sort(c)
	return slices.Compact(c)
}

// produce plays a call into its own outbox, as the media role does: a
// start event, the final segments at the given pace, an end event with
// the last seq, then waits until the outbox has stored everything.
// progress counts segments handed to the outbox.
func produce(ctx context.Context, conn *bus.Conn, s script, pace func() time.Duration, progress *atomic.Int64) error {
	ob := conn.NewOutbox(256)
	err := func() error {
		if err := ob.PublishEvent(bus.Event{CallID: s.id, Type: bus.EventStart, Source: bus.SourceLive, Time: time.Now()}); err != nil {
			return err
		}
		for _, seg := range s.segs {
			if err := ob.PublishSegment(seg); err != nil {
				return err
			}
			progress.Add(1)
			if d := pace(); d > 0 {
				select {
				case <-time.After(d):
				case <-ctx.Done():
					return ctx.Err()
				}
			}
		}
		last := s.segs[len(s.segs)-1].Seq
		return ob.PublishEvent(bus.Event{CallID: s.id, Type: bus.EventEnd, Source: bus.SourceLive, LastSeq: last, Time: time.Now()})
	}()
	if cerr := ob.Close(ctx); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("call %s: %w", s.id, err)
	}
	return nil
}

// stored is one message read back from a stream.
type stored struct {
	subject string
	data    []byte
}

// readStream reads every message of stream matching filter, in stream
// order, through an ordered consumer, retrying while the cluster settles
// (a client that was on a killed node may still be reconnecting).
func readStream(ctx context.Context, js jetstream.JetStream, stream, filter string) ([]stored, error) {
	var out []stored
	err := poll(ctx, 200*time.Millisecond, func() error {
		var err error
		out, err = readStreamOnce(ctx, js, stream, filter)
		return err
	})
	return out, err
}

func readStreamOnce(ctx context.Context, js jetstream.JetStream, stream, filter string) ([]stored, error) {
	cons, err := js.OrderedConsumer(ctx, stream, jetstream.OrderedConsumerConfig{FilterSubjects: []string{filter}})
	if err != nil {
		return nil, err
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return nil, err
	}
	want := int(info.NumPending)
	var out []stored
	for len(out) < want {
		batch, err := cons.Fetch(min(want-len(out), 500), jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			return nil, err
		}
		n := 0
		for m := range batch.Messages() {
			out = append(out, stored{m.Subject(), m.Data()})
			n++
		}
		if err := batch.Error(); err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, fmt.Errorf("read %s %s: got %d of %d messages", stream, filter, len(out), want)
		}
	}
	return out, nil
}

// subjectCount is the number of distinct subjects matching filter that
// hold at least one message.
func subjectCount(ctx context.Context, js jetstream.JetStream, stream, filter string) (int, error) {
	st, err := js.Stream(ctx, stream)
	if err != nil {
		return 0, err
	}
	info, err := st.Info(ctx, jetstream.WithSubjectFilter(filter))
	if err != nil {
		return 0, err
	}
	return len(info.State.Subjects), nil
}

// waitDone polls until every call has a verdict and the classifier
// consumer has nothing pending or unacknowledged: after that no worker
// can still publish anything.
func waitDone(ctx context.Context, js jetstream.JetStream, calls int) error {
	// A fine interval: the benchmark times the workers by this wait.
	return poll(ctx, 10*time.Millisecond, func() error {
		// Each attempt gets its own deadline: a request that went to a
		// node killed a moment ago would otherwise hang until the test's.
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		n, err := subjectCount(actx, js, bus.AlertStream, bus.VerdictPrefix+"*")
		if err != nil {
			return err
		}
		if n < calls {
			return fmt.Errorf("%d of %d verdicts", n, calls)
		}
		cons, err := js.Consumer(actx, bus.SegmentStream, "classifier")
		if err != nil {
			return err
		}
		ci, err := cons.Info(actx)
		if err != nil {
			return err
		}
		if ci.NumPending > 0 || ci.NumAckPending > 0 {
			return fmt.Errorf("classifier consumer: %d pending, %d unacknowledged", ci.NumPending, ci.NumAckPending)
		}
		return nil
	})
}

// checkOutcome compares what the streams hold with the scripts: every
// segment stored once and in order, one alert per expected category, no
// alert on a legitimate call, and one verdict per call that agrees with
// the whole-transcript judgement.
func checkOutcome(ctx context.Context, tb testing.TB, js jetstream.JetStream, scripts []script) {
	tb.Helper()
	segs, err := readStream(ctx, js, bus.SegmentStream, bus.SegmentPrefix+"*")
	if err != nil {
		tb.Fatalf("read segments: %v", err)
	}
	events, err := readStream(ctx, js, bus.SegmentStream, bus.EventPrefix+"*")
	if err != nil {
		tb.Fatalf("read events: %v", err)
	}
	alerts, err := readStream(ctx, js, bus.AlertStream, bus.AlertPrefix+"*")
	if err != nil {
		tb.Fatalf("read alerts: %v", err)
	}
	verdicts, err := readStream(ctx, js, bus.AlertStream, bus.VerdictPrefix+"*")
	if err != nil {
		tb.Fatalf("read verdicts: %v", err)
	}

	gotSeqs := map[string][]uint64{}
	for _, m := range segs {
		s, err := bus.DecodeSegment(m.data)
		if err != nil {
			tb.Errorf("stored segment on %s: %v", m.subject, err)
			continue
		}
		gotSeqs[s.CallID] = append(gotSeqs[s.CallID], s.Seq)
	}
	gotEvents := map[string][]string{}
	for _, m := range events {
		e, err := bus.DecodeEvent(m.data)
		if err != nil {
			tb.Errorf("stored event on %s: %v", m.subject, err)
			continue
		}
		gotEvents[e.CallID] = append(gotEvents[e.CallID], e.Type)
	}
	gotAlerts := map[string]map[string]int{}
	for _, m := range alerts {
		a, err := bus.DecodeAlert(m.data)
		if err != nil {
			tb.Errorf("stored alert on %s: %v", m.subject, err)
			continue
		}
		if gotAlerts[a.CallID] == nil {
			gotAlerts[a.CallID] = map[string]int{}
		}
		gotAlerts[a.CallID][a.Flag.Category]++
	}
	gotVerdicts := map[string][]bus.Verdict{}
	for _, m := range verdicts {
		v, err := bus.DecodeVerdict(m.data)
		if err != nil {
			tb.Errorf("stored verdict on %s: %v", m.subject, err)
			continue
		}
		gotVerdicts[v.CallID] = append(gotVerdicts[v.CallID], v)
	}

	for _, s := range scripts {
		var want []uint64
		for _, seg := range s.segs {
			want = append(want, seg.Seq)
		}
		if got := gotSeqs[s.id]; !slices.Equal(got, want) {
			tb.Errorf("call %s: stored segment seqs %v, want 1..%d once each in order", s.id, got, len(want))
		}
		if got := gotEvents[s.id]; !slices.Equal(got, []string{bus.EventStart, bus.EventEnd}) {
			tb.Errorf("call %s: stored events %v, want [start end]", s.id, got)
		}
		wantCats := map[string]int{}
		for _, c := range s.wantCategories() {
			wantCats[c] = 1
		}
		got := gotAlerts[s.id]
		if got == nil {
			got = map[string]int{}
		}
		if fmt.Sprint(got) != fmt.Sprint(wantCats) {
			tb.Errorf("call %s (scam=%v): alerts per category %v, want %v", s.id, s.scam, got, wantCats)
		}
		switch vs := gotVerdicts[s.id]; {
		case len(vs) != 1:
			tb.Errorf("call %s: %d verdicts, want 1", s.id, len(vs))
		case vs[0].Verdict != s.want.Verdict || vs[0].Segments != len(s.segs):
			tb.Errorf("call %s: verdict %s over %d segments, want %s over %d",
				s.id, vs[0].Verdict, vs[0].Segments, s.want.Verdict, len(s.segs))
		}
	}
	if len(gotSeqs) != len(scripts) || len(gotVerdicts) != len(scripts) {
		tb.Errorf("streams hold %d calls' segments and %d calls' verdicts, want %d", len(gotSeqs), len(gotVerdicts), len(scripts))
	}
}
