package callscreen

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

// Buckets of the review store. Call records live in a key-value bucket (key
// = call id) and voicemail audio in an object store, both on the same
// JetStream as the transcript streams, so one NATS deployment holds
// everything and one retention policy governs it.
const (
	CallBucket  = "callscreen_calls"
	AudioBucket = "callscreen_audio"
)

// Feedback values the callee (or a reviewer) can give on a call.
const (
	FeedbackScam    = "scam"
	FeedbackNotScam = "not_scam"
)

// VerdictPending is the filter value for calls without a verdict yet
// (in progress, or their worker has not judged them).
const VerdictPending = "pending"

// MaxAudioBytes caps one stored recording; a voicemail is minutes of
// compressed audio, far below it.
const MaxAudioBytes = 64 << 20

// Store errors.
var (
	// ErrNotFound means the call does not exist, or was deleted or expired.
	ErrNotFound = errors.New("callscreen: call not found")
	// ErrBadFeedback means a feedback value other than FeedbackScam,
	// FeedbackNotScam or "" (clear).
	ErrBadFeedback = errors.New("callscreen: feedback must be \"scam\" or \"not_scam\"")
	// ErrAudioTooLarge means a recording exceeds MaxAudioBytes.
	ErrAudioTooLarge = errors.New("callscreen: audio too large")
	// ErrBadFilter means a listing filter or cursor that cannot be used.
	ErrBadFilter = errors.New("callscreen: bad filter")
)

// CallRecord is what is kept about one screened call for review. Every text
// in it is redacted.
type CallRecord struct {
	ID         string     `json:"id"`
	Source     string     `json:"source,omitempty"` // bus.SourceLive, SourceVoicemail or SourceText
	Owner      string     `json:"owner,omitempty"`  // the user the call belongs to (Identity.User)
	Started    time.Time  `json:"started"`
	Ended      time.Time  `json:"ended,omitzero"`
	Duration   float64    `json:"duration"`          // seconds of call audio
	Verdict    string     `json:"verdict,omitempty"` // empty while the call is in progress
	Risk       float64    `json:"risk"`              // 0..1
	Categories []string   `json:"categories,omitempty"`
	Flags      []bus.Flag `json:"flags,omitempty"`
	Signals    []string   `json:"signals,omitempty"`
	Advice     string     `json:"advice,omitempty"`
	Feedback   string     `json:"feedback,omitempty"` // "", FeedbackScam or FeedbackNotScam
	FeedbackAt time.Time  `json:"feedback_at,omitzero"`
	HasAudio   bool       `json:"has_audio"`
	AudioType  string     `json:"audio_type,omitempty"`
}

// Flagged reports whether callscreen warned about the call: a scam or
// suspicious verdict, or a flag raised while it was in progress.
func (r *CallRecord) Flagged() bool {
	return r.Verdict == bus.VerdictScam || r.Verdict == bus.VerdictSuspicious || len(r.Flags) > 0
}

// StoreConfig configures the review store.
type StoreConfig struct {
	// Retention is how long anything about a call is kept (default 30
	// days). It should match the bus streams' retention.
	Retention time.Duration
	// Replicas of the buckets: 1 on one server, 3 on a cluster.
	Replicas int
	Logger   *slog.Logger
}

// Store keeps call records, voicemail audio, and reads transcripts and
// alerts back from the bus streams. An in-memory index of the records,
// kept current by watching the bucket, serves listings without reading
// every record per request, and stays consistent with other processes
// writing the same bucket.
type Store struct {
	conn  *bus.Conn
	kv    jetstream.KeyValue
	obs   jetstream.ObjectStore
	cfg   StoreConfig
	log   *slog.Logger
	stop  context.CancelFunc
	done  chan struct{}
	watch jetstream.KeyWatcher

	mu      sync.Mutex
	entries map[string]*indexEntry // live records; entries are immutable once indexed
	deleted map[string]uint64      // call id → revision of its delete marker
	sorted  []*indexEntry          // newest first; rebuilt lazily when dirty
	dirty   bool
	closed  bool
}

type indexEntry struct {
	rec CallRecord
	rev uint64
}

// OpenStore creates (or opens) the buckets and loads the index. Close
// releases it.
func OpenStore(ctx context.Context, conn *bus.Conn, cfg StoreConfig) (*Store, error) {
	if conn == nil {
		return nil, errors.New("callscreen: store needs a bus connection")
	}
	if cfg.Retention <= 0 {
		cfg.Retention = 30 * 24 * time.Hour
	}
	if cfg.Replicas <= 0 {
		cfg.Replicas = 1
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// On a cluster that is still forming the buckets cannot be created
	// yet: Retry waits for it (until ctx ends).
	var (
		kv  jetstream.KeyValue
		obs jetstream.ObjectStore
	)
	err := conn.Retry(ctx, "call bucket", func(ctx context.Context) (err error) {
		actx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		kv, err = conn.JS.CreateOrUpdateKeyValue(actx, jetstream.KeyValueConfig{
			Bucket:       CallBucket,
			Description:  "callscreen call records for review (redacted)",
			History:      1,
			TTL:          cfg.Retention,
			MaxValueSize: 1 << 20,
			Storage:      jetstream.FileStorage,
			Replicas:     cfg.Replicas,
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("callscreen: call bucket: %w", err)
	}
	err = conn.Retry(ctx, "audio bucket", func(ctx context.Context) (err error) {
		actx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		obs, err = conn.JS.CreateOrUpdateObjectStore(actx, jetstream.ObjectStoreConfig{
			Bucket:      AudioBucket,
			Description: "callscreen voicemail audio",
			TTL:         cfg.Retention,
			Storage:     jetstream.FileStorage,
			Replicas:    cfg.Replicas,
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("callscreen: audio bucket: %w", err)
	}
	s := &Store{
		conn: conn, kv: kv, obs: obs, cfg: cfg, log: log.With("role", "store"),
		entries: make(map[string]*indexEntry), deleted: make(map[string]uint64),
		done: make(chan struct{}),
	}
	// The watcher lives as long as the store, not as long as ctx.
	wctx, stop := context.WithCancel(context.Background())
	w, err := kv.WatchAll(wctx)
	if err != nil {
		stop()
		return nil, fmt.Errorf("callscreen: watch call bucket: %w", err)
	}
	// Load the initial values before returning, so that a fresh store
	// lists every existing call at once.
	if err := s.loadInitial(ctx, w); err != nil {
		_ = w.Stop()
		stop()
		return nil, err
	}
	s.stop, s.watch = stop, w
	go s.follow(w)
	return s, nil
}

func (s *Store) loadInitial(ctx context.Context, w jetstream.KeyWatcher) error {
	for {
		select {
		case e, ok := <-w.Updates():
			if !ok {
				return fmt.Errorf("callscreen: call bucket watcher closed")
			}
			if e == nil {
				return nil
			}
			s.applyEntry(e)
		case <-ctx.Done():
			return fmt.Errorf("callscreen: loading call index: %w", ctx.Err())
		}
	}
}

// follow applies the bucket's changes to the index until the watcher
// closes. The store owns it; Close waits for it.
func (s *Store) follow(w jetstream.KeyWatcher) {
	defer close(s.done)
	for e := range w.Updates() {
		if e != nil {
			s.applyEntry(e)
		}
	}
}

func (s *Store) applyEntry(e jetstream.KeyValueEntry) {
	if e.Operation() != jetstream.KeyValuePut {
		s.indexDelete(e.Key(), e.Revision())
		return
	}
	var rec CallRecord
	if err := json.Unmarshal(e.Value(), &rec); err != nil || rec.ID != e.Key() {
		s.log.Warn("skipping unreadable call record", "key", e.Key(), "revision", e.Revision(), "err", err)
		return
	}
	s.indexPut(rec, e.Revision())
}

func (s *Store) indexPut(rec CallRecord, rev uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.entries[rec.ID]; old != nil && old.rev >= rev {
		return // an older revision arriving after a newer one
	}
	if drev, ok := s.deleted[rec.ID]; ok {
		if drev >= rev {
			return
		}
		delete(s.deleted, rec.ID)
	}
	s.entries[rec.ID] = &indexEntry{rec: rec, rev: rev}
	s.dirty = true
}

func (s *Store) indexDelete(id string, rev uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.entries[id]; old != nil {
		if old.rev > rev {
			return
		}
		delete(s.entries, id)
		s.dirty = true
	}
	if s.deleted[id] < rev {
		s.deleted[id] = rev
	}
}

// snapshot returns the index newest first. The slice and its entries are
// never modified afterwards, so callers may read them without the lock.
func (s *Store) snapshot() []*indexEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dirty || s.sorted == nil {
		list := make([]*indexEntry, 0, len(s.entries))
		for _, e := range s.entries {
			list = append(list, e)
		}
		slices.SortFunc(list, func(a, b *indexEntry) int { return compareNewestFirst(&a.rec, &b.rec) })
		s.sorted, s.dirty = list, false
	}
	return s.sorted
}

// compareNewestFirst orders records by start time, newest first, then by
// id so that the order is total and paging cursors are stable.
func compareNewestFirst(a, b *CallRecord) int {
	if c := b.Started.Compare(a.Started); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// Close stops following the bucket. It does not close the bus connection.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	err := s.watch.Stop()
	s.stop()
	<-s.done
	if err != nil && !errors.Is(err, nats.ErrConnectionClosed) && !errors.Is(err, nats.ErrBadSubscription) {
		return fmt.Errorf("callscreen: stop watcher: %w", err)
	}
	return nil
}

// Retention is how long the store keeps a call.
func (s *Store) Retention() time.Duration { return s.cfg.Retention }

// Call returns one call's record.
func (s *Store) Call(ctx context.Context, id string) (CallRecord, error) {
	if bus.ValidateCallID(id) != nil {
		return CallRecord{}, ErrNotFound
	}
	e, err := s.kv.Get(ctx, id)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return CallRecord{}, ErrNotFound
	}
	if err != nil {
		return CallRecord{}, fmt.Errorf("callscreen: get call %s: %w", id, err)
	}
	var rec CallRecord
	if err := json.Unmarshal(e.Value(), &rec); err != nil {
		return CallRecord{}, fmt.Errorf("callscreen: call %s: corrupt record: %w", id, err)
	}
	s.indexPut(rec, e.Revision())
	return rec, nil
}

// Update applies fn to a call's record and stores the result with a
// compare-and-set, retrying on a concurrent change. When the call has no
// record, create decides whether fn starts a new one or ErrNotFound is
// returned; a call that was deleted is never recreated. fn reports whether
// it changed anything: nothing is written when it did not, which makes
// replaying a message free. Every text field is redacted before writing.
func (s *Store) Update(ctx context.Context, id string, create bool, fn func(*CallRecord) bool) (CallRecord, error) {
	if err := bus.ValidateCallID(id); err != nil {
		return CallRecord{}, fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	for attempt := 0; ; attempt++ {
		var rec CallRecord
		var rev uint64
		e, err := s.kv.Get(ctx, id)
		switch {
		case err == nil:
			if err := json.Unmarshal(e.Value(), &rec); err != nil {
				// A corrupt record cannot be merged into; start it afresh
				// from what the bus still holds rather than wedge the call.
				s.log.Warn("replacing unreadable call record", "call", id, "err", err)
				rec = CallRecord{}
			}
			rev = e.Revision()
		case errors.Is(err, jetstream.ErrKeyNotFound):
			if !create {
				return CallRecord{}, ErrNotFound
			}
		default:
			return CallRecord{}, fmt.Errorf("callscreen: get call %s: %w", id, err)
		}
		rec.ID = id
		if !fn(&rec) && rev != 0 {
			return rec, nil
		}
		redactRecord(&rec)
		b, err := json.Marshal(&rec)
		if err != nil {
			return CallRecord{}, fmt.Errorf("callscreen: encode call %s: %w", id, err)
		}
		// Revision 0 means "no message for this key at all": it fails
		// over a delete marker, which is how a deleted call stays deleted
		// when a late alert or verdict for it arrives.
		nrev, err := s.kv.Update(ctx, id, b, rev)
		if err == nil {
			s.indexPut(rec, nrev)
			return rec, nil
		}
		if !errors.Is(err, jetstream.ErrKeyRevisionMismatch) && !errors.Is(err, jetstream.ErrKeyExists) {
			return CallRecord{}, fmt.Errorf("callscreen: put call %s: %w", id, err)
		}
		if rev == 0 {
			if _, gerr := s.kv.Get(ctx, id); errors.Is(gerr, jetstream.ErrKeyNotFound) {
				return CallRecord{}, fmt.Errorf("%w: %s was deleted", ErrNotFound, id)
			}
		}
		if attempt >= 20 {
			return CallRecord{}, fmt.Errorf("callscreen: put call %s: too much contention: %w", id, err)
		}
		if err := ctx.Err(); err != nil {
			return CallRecord{}, err
		}
	}
}

// redactRecord re-applies redaction to every text field. Producers redact
// already; doing it again at the store costs little and means a producer
// bug cannot leak a card number into what is kept for a month.
func redactRecord(r *CallRecord) {
	for i := range r.Flags {
		r.Flags[i].Text = classify.Redact(r.Flags[i].Text)
	}
	for i := range r.Signals {
		r.Signals[i] = classify.Redact(r.Signals[i])
	}
	for i := range r.Categories {
		r.Categories[i] = classify.Redact(r.Categories[i])
	}
	r.Advice = classify.Redact(r.Advice)
}

// SetFeedback records whether the call really was a scam: FeedbackScam,
// FeedbackNotScam, or "" to clear it.
func (s *Store) SetFeedback(ctx context.Context, id, value string) (CallRecord, error) {
	if value != FeedbackScam && value != FeedbackNotScam && value != "" {
		return CallRecord{}, ErrBadFeedback
	}
	now := time.Now().UTC()
	return s.Update(ctx, id, false, func(r *CallRecord) bool {
		if r.Feedback == value {
			return false
		}
		r.Feedback = value
		r.FeedbackAt = now
		if value == "" {
			r.FeedbackAt = time.Time{}
		}
		return true
	})
}

// Filter selects calls for Calls. Zero fields match everything.
type Filter struct {
	Verdict  string    // bus.VerdictScam, VerdictSuspicious, VerdictClean or VerdictPending
	Category string    // a classify category
	Source   string    // bus.SourceLive, SourceVoicemail or SourceText
	Owner    string    // the user the calls belong to
	From     time.Time // calls started at or after From
	To       time.Time // calls started before To
	Limit    int       // page size; DefaultPageSize when 0
	Cursor   string    // from the previous page's next; "" for the newest
}

// Page sizes.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

func (f *Filter) match(r *CallRecord) bool {
	if f.Verdict != "" {
		v := r.Verdict
		if v == "" {
			v = VerdictPending
		}
		if v != f.Verdict {
			return false
		}
	}
	if f.Category != "" && !slices.Contains(r.Categories, f.Category) {
		return false
	}
	if f.Source != "" && r.Source != f.Source {
		return false
	}
	if f.Owner != "" && r.Owner != f.Owner {
		return false
	}
	if !f.From.IsZero() && r.Started.Before(f.From) {
		return false
	}
	if !f.To.IsZero() && !r.Started.Before(f.To) {
		return false
	}
	return true
}

// Calls lists the calls that match f, newest first, a page at a time. next
// is the cursor of the following page, "" on the last page.
func (s *Store) Calls(ctx context.Context, f Filter) (calls []CallRecord, next string, err error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	limit = min(limit, MaxPageSize)
	list := s.snapshot()
	start := 0
	if f.Cursor != "" {
		after, err := decodeCursor(f.Cursor)
		if err != nil {
			return nil, "", err
		}
		start, _ = slices.BinarySearchFunc(list, &after, func(e *indexEntry, t *CallRecord) int {
			return compareNewestFirst(&e.rec, t)
		})
		if start < len(list) && list[start].rec.ID == after.ID && list[start].rec.Started.Equal(after.Started) {
			start++
		}
	}
	for i := start; i < len(list); i++ {
		r := &list[i].rec
		if !f.match(r) {
			continue
		}
		if len(calls) == limit {
			last := &calls[len(calls)-1]
			return calls, encodeCursor(last), nil
		}
		calls = append(calls, cloneRecord(r))
	}
	return calls, "", nil
}

// encodeCursor names the position after r. It is opaque to clients.
func encodeCursor(r *CallRecord) string {
	return base64.RawURLEncoding.EncodeToString([]byte(r.Started.UTC().Format(time.RFC3339Nano) + " " + r.ID))
}

func decodeCursor(c string) (CallRecord, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(c) > 200 {
		return CallRecord{}, fmt.Errorf("%w: cursor", ErrBadFilter)
	}
	ts, id, ok := strings.Cut(string(b), " ")
	if !ok || bus.ValidateCallID(id) != nil {
		return CallRecord{}, fmt.Errorf("%w: cursor", ErrBadFilter)
	}
	t, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil {
		return CallRecord{}, fmt.Errorf("%w: cursor time", ErrBadFilter)
	}
	return CallRecord{ID: id, Started: t}, nil
}

// Count is the number of calls in the index.
// Count returns how many calls are kept for owner; everyone's when owner
// is "".
func (s *Store) Count(owner string) int {
	if owner == "" {
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.entries)
	}
	n := 0
	for _, e := range s.snapshot() {
		if e.rec.Owner == owner {
			n++
		}
	}
	return n
}

func cloneRecord(r *CallRecord) CallRecord {
	c := *r
	c.Categories = slices.Clone(r.Categories)
	c.Flags = slices.Clone(r.Flags)
	c.Signals = slices.Clone(r.Signals)
	return c
}

// Precision summarises the feedback on flagged calls.
type Precision struct {
	Flagged   int     `json:"flagged"`   // calls callscreen warned about
	Reviewed  int     `json:"reviewed"`  // flagged calls with feedback
	Confirmed int     `json:"confirmed"` // flagged calls confirmed as scams
	Missed    int     `json:"missed"`    // unflagged calls marked as scams
	Value     float64 `json:"value"`     // Confirmed / Reviewed; 0 without feedback
}

// Precision computes how often a warning was right, from the feedback
// given so far on owner's calls (everyone's when owner is "").
func (s *Store) Precision(owner string) Precision {
	var p Precision
	for _, e := range s.snapshot() {
		r := &e.rec
		if owner != "" && r.Owner != owner {
			continue
		}
		if !r.Flagged() {
			if r.Feedback == FeedbackScam {
				p.Missed++
			}
			continue
		}
		p.Flagged++
		if r.Feedback != "" {
			p.Reviewed++
			if r.Feedback == FeedbackScam {
				p.Confirmed++
			}
		}
	}
	if p.Reviewed > 0 {
		p.Value = float64(p.Confirmed) / float64(p.Reviewed)
	}
	return p
}

// Transcript reads a call's final segments from the segment stream, in
// order, with their text redacted again (see redactRecord).
func (s *Store) Transcript(ctx context.Context, id string) ([]bus.Segment, error) {
	if bus.ValidateCallID(id) != nil {
		return nil, ErrNotFound
	}
	var segs []bus.Segment
	seen := make(map[uint64]bool)
	err := s.readSubject(ctx, bus.SegmentStream, bus.SegmentSubject(id), func(data []byte) {
		seg, err := bus.DecodeSegment(data)
		if err != nil || seen[seg.Seq] {
			return
		}
		seen[seg.Seq] = true
		seg.Text = classify.Redact(seg.Text)
		for i := range seg.Keywords {
			seg.Keywords[i] = classify.Redact(seg.Keywords[i])
		}
		segs = append(segs, seg)
	})
	if err != nil {
		return nil, fmt.Errorf("callscreen: transcript %s: %w", id, err)
	}
	slices.SortStableFunc(segs, func(a, b bus.Segment) int {
		if a.Seq < b.Seq {
			return -1
		}
		if a.Seq > b.Seq {
			return 1
		}
		return 0
	})
	return segs, nil
}

// Alerts reads the alerts raised on a call, in the order raised.
func (s *Store) Alerts(ctx context.Context, id string) ([]bus.Alert, error) {
	if bus.ValidateCallID(id) != nil {
		return nil, ErrNotFound
	}
	var alerts []bus.Alert
	err := s.readSubject(ctx, bus.AlertStream, bus.AlertSubject(id), func(data []byte) {
		a, err := bus.DecodeAlert(data)
		if err != nil {
			return
		}
		a.Flag.Text = classify.Redact(a.Flag.Text)
		a.Advice = classify.Redact(a.Advice)
		alerts = append(alerts, a)
	})
	if err != nil {
		return nil, fmt.Errorf("callscreen: alerts %s: %w", id, err)
	}
	return alerts, nil
}

// readSubject passes every stored message on subject to fn, oldest first,
// using an ordered consumer (no server-side state left behind).
func (s *Store) readSubject(ctx context.Context, stream, subject string, fn func([]byte)) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cons, err := s.conn.JS.OrderedConsumer(ctx, stream, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{subject},
	})
	if err != nil {
		return err
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return err
	}
	pending := info.NumPending
	for pending > 0 {
		batch, err := cons.Fetch(int(min(pending, 256)), jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			return err
		}
		n := 0
		for m := range batch.Messages() {
			n++
			fn(m.Data())
		}
		if err := batch.Error(); err != nil {
			return err
		}
		if n == 0 {
			break // purged meanwhile
		}
		pending -= min(pending, uint64(n))
	}
	return nil
}

// PutAudio stores a call's recording (a voicemail) and marks its record,
// creating the record if the call is not known yet. contentType should be
// an audio/* type; anything else is served as application/octet-stream.
func (s *Store) PutAudio(ctx context.Context, callID, contentType string, r io.Reader) error {
	if err := bus.ValidateCallID(callID); err != nil {
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	contentType = audioContentType(contentType)
	lr := &io.LimitedReader{R: r, N: MaxAudioBytes + 1}
	meta := jetstream.ObjectMeta{
		Name:    callID,
		Headers: nats.Header{"Content-Type": []string{contentType}},
	}
	info, err := s.obs.Put(ctx, meta, lr)
	if err != nil {
		return fmt.Errorf("callscreen: put audio %s: %w", callID, err)
	}
	if info.Size > MaxAudioBytes {
		_ = s.obs.Delete(ctx, callID)
		return fmt.Errorf("%w: more than %d bytes", ErrAudioTooLarge, MaxAudioBytes)
	}
	_, err = s.Update(ctx, callID, true, func(rec *CallRecord) bool {
		if rec.HasAudio && rec.AudioType == contentType {
			return false
		}
		rec.HasAudio, rec.AudioType = true, contentType
		if rec.Started.IsZero() {
			rec.Started = time.Now().UTC()
		}
		if rec.Source == "" {
			rec.Source = bus.SourceVoicemail
		}
		return true
	})
	if errors.Is(err, ErrNotFound) {
		// The call was deleted while its audio was uploading: do not keep
		// audio nobody can see or delete.
		_ = s.obs.Delete(context.WithoutCancel(ctx), callID)
	}
	return err
}

// audioContentType keeps a stored type harmless to serve: only audio types
// pass, so a recording can never be served as a page.
func audioContentType(ct string) string {
	ct = strings.ToLower(strings.TrimSpace(ct))
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = strings.TrimSpace(ct[:i])
	}
	if !strings.HasPrefix(ct, "audio/") || len(ct) > 64 || strings.ContainsAny(ct, " \t\r\n\"'<>\\") {
		return "application/octet-stream"
	}
	return ct
}

// Audio opens a call's recording. The caller closes it.
func (s *Store) Audio(ctx context.Context, callID string) (io.ReadCloser, string, error) {
	if bus.ValidateCallID(callID) != nil {
		return nil, "", ErrNotFound
	}
	res, err := s.obs.Get(ctx, callID)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return nil, "", ErrNotFound
	}
	if err != nil {
		return nil, "", fmt.Errorf("callscreen: get audio %s: %w", callID, err)
	}
	info, err := res.Info()
	if err != nil {
		res.Close()
		return nil, "", fmt.Errorf("callscreen: audio %s info: %w", callID, err)
	}
	ct := "application/octet-stream"
	if info.Headers != nil {
		ct = audioContentType(info.Headers.Get("Content-Type"))
	}
	return res, ct, nil
}

// ReadAudio reads a whole recording into memory, for serving with ranges.
func (s *Store) ReadAudio(ctx context.Context, callID string) ([]byte, string, error) {
	rc, ct, err := s.Audio(ctx, callID)
	if err != nil {
		return nil, "", err
	}
	defer rc.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, io.LimitReader(rc, MaxAudioBytes+1)); err != nil {
		return nil, "", fmt.Errorf("callscreen: read audio %s: %w", callID, err)
	}
	return buf.Bytes(), ct, nil
}

// Delete removes everything about a call: its record, its audio, and its
// segments, events, alerts and verdicts from the streams. What remains is a
// delete marker holding only the call id, which keeps late messages from
// recreating the record and expires with the retention. It returns
// ErrNotFound when there was no record, after removing anything else.
func (s *Store) Delete(ctx context.Context, id string) error {
	if bus.ValidateCallID(id) != nil {
		return ErrNotFound
	}
	_, gerr := s.kv.Get(ctx, id)
	existed := gerr == nil
	if gerr != nil && !errors.Is(gerr, jetstream.ErrKeyNotFound) {
		return fmt.Errorf("callscreen: delete %s: %w", id, gerr)
	}
	// The marker goes first: from here on the recorder drops anything that
	// still arrives for the call.
	if err := s.kv.Purge(ctx, id); err != nil {
		return fmt.Errorf("callscreen: delete %s record: %w", id, err)
	}
	if rev, err := s.lastRevision(ctx, id); err == nil {
		s.indexDelete(id, rev)
	} else {
		s.indexDelete(id, ^uint64(0)>>1)
	}
	if err := s.obs.Delete(ctx, id); err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
		return fmt.Errorf("callscreen: delete %s audio: %w", id, err)
	}
	purges := []struct{ stream, subject string }{
		{bus.SegmentStream, bus.SegmentSubject(id)},
		{bus.SegmentStream, bus.EventSubject(id)},
		{bus.AlertStream, bus.AlertSubject(id)},
		{bus.AlertStream, bus.VerdictSubject(id)},
	}
	for _, p := range purges {
		st, err := s.conn.JS.Stream(ctx, p.stream)
		if err != nil {
			return fmt.Errorf("callscreen: delete %s: stream %s: %w", id, p.stream, err)
		}
		if err := st.Purge(ctx, jetstream.WithPurgeSubject(p.subject)); err != nil {
			return fmt.Errorf("callscreen: delete %s: purge %s: %w", id, p.subject, err)
		}
	}
	if !existed {
		return ErrNotFound
	}
	s.log.Info("call deleted", "call", id)
	return nil
}

// lastRevision is the stream sequence of the newest message for a key,
// delete markers included.
func (s *Store) lastRevision(ctx context.Context, id string) (uint64, error) {
	st, err := s.conn.JS.Stream(ctx, "KV_"+CallBucket)
	if err != nil {
		return 0, err
	}
	m, err := st.GetLastMsgForSubject(ctx, "$KV."+CallBucket+"."+id)
	if err != nil {
		return 0, err
	}
	return m.Sequence, nil
}

// Purge deletes every call that started longer than the retention before
// now, with its audio and stream messages, and reports how many. The
// buckets' and streams' own age limits remove most data; this catches a
// record kept alive by a late update (feedback) and audio stored late. The
// owner runs it periodically (RunJanitor).
func (s *Store) Purge(ctx context.Context, now time.Time) (int, error) {
	cutoff := now.Add(-s.cfg.Retention)
	var old []string
	for _, e := range s.snapshot() {
		if !e.rec.Started.After(cutoff) {
			old = append(old, e.rec.ID)
		}
	}
	n := 0
	for _, id := range old {
		if err := s.Delete(ctx, id); err != nil && !errors.Is(err, ErrNotFound) {
			return n, fmt.Errorf("callscreen: retention purge: %w", err)
		}
		n++
	}
	if n > 0 {
		s.log.Info("retention purge", "deleted", n, "cutoff", cutoff)
	}
	return n, nil
}

// RunJanitor runs Purge every interval until ctx ends.
func (s *Store) RunJanitor(ctx context.Context, interval time.Duration) error {
	if interval <= 0 {
		interval = time.Hour
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.Purge(ctx, time.Now()); err != nil && ctx.Err() == nil {
			s.log.Warn("retention purge failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
