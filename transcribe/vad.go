package transcribe

import (
	"math"
	"time"
)

// VADConfig tunes a VAD. The zero value of every field selects its default.
type VADConfig struct {
	// ThresholdDB is how far above the noise floor a frame's energy must be
	// to count as speech. Default 10 dB.
	ThresholdDB float64
	// MinDB is the absolute energy (dB relative to one LSB²) below which a
	// frame is never speech, so digital silence or a very quiet line does
	// not make every breath "speech". Default 40 dB (RMS ≈ 100).
	MinDB float64
	// Hangover keeps the speech state on for this long after the energy
	// drops, so word-final consonants and short gaps inside words are not
	// cut. Default 100 ms.
	Hangover time.Duration
}

func (c VADConfig) withDefaults() VADConfig {
	if c.ThresholdDB == 0 {
		c.ThresholdDB = 10
	}
	if c.MinDB == 0 {
		c.MinDB = 40
	}
	if c.Hangover == 0 {
		c.Hangover = 100 * time.Millisecond
	}
	return c
}

// The noise floor follows the minimum frame energy of the last few seconds
// ("minimum statistics"): speech has pauses between words, so the minimum
// over a window longer than any word is the background level, even when the
// stream starts loud. The floor falls at once towards quieter frames and
// rises slowly towards the window minimum, more slowly while the frames are
// speech, so a stream that starts with speech is not absorbed at once.
const (
	vadFloorDown      = 0.2
	vadFloorUpSilence = 0.05
	vadFloorUpSpeech  = 0.01
	vadInitialFloorDB = 30.0
	vadBlockFrames    = 25 // 0.5 s blocks of the minimum window
	vadBlocks         = 8  // 4 s window
	vadFrameDur       = time.Second / 50
)

// VAD is an energy voice activity detector with an adaptive noise floor and
// a hangover. Feed it consecutive frames (normally FrameSamples long). A
// VAD is not safe for concurrent use.
type VAD struct {
	cfg       VADConfig
	floorDB   float64
	hangover  int // frames of hangover configured
	hangLeft  int // frames of hangover remaining
	lastDB    float64
	rawSpeech bool

	// Minimum statistics: the minima of the last vadBlocks whole blocks
	// and of the block in progress.
	blockMin float64
	blockN   int
	mins     [vadBlocks]float64
	nMins    int
	minIdx   int
}

// NewVAD returns a VAD tuned by cfg.
func NewVAD(cfg VADConfig) *VAD {
	v := &VAD{cfg: cfg.withDefaults()}
	v.hangover = int(v.cfg.Hangover / vadFrameDur)
	v.Reset()
	return v
}

// Reset forgets the noise floor and speech state, as for a new source.
func (v *VAD) Reset() {
	v.floorDB = vadInitialFloorDB
	v.hangLeft = 0
	v.lastDB = 0
	v.rawSpeech = false
	v.blockMin = math.Inf(1)
	v.blockN = 0
	v.nMins = 0
	v.minIdx = 0
}

// windowMin returns the minimum energy of the last few seconds, db
// (the current frame) included.
func (v *VAD) windowMin(db float64) float64 {
	v.blockMin = min(v.blockMin, db)
	v.blockN++
	m := v.blockMin
	for i := 0; i < v.nMins; i++ {
		m = min(m, v.mins[i])
	}
	if v.blockN == vadBlockFrames {
		v.mins[v.minIdx] = v.blockMin
		v.minIdx = (v.minIdx + 1) % vadBlocks
		v.nMins = min(v.nMins+1, vadBlocks)
		v.blockMin = math.Inf(1)
		v.blockN = 0
	}
	return m
}

// vadFrameDB is the frame's mean energy in dB relative to one LSB².
func vadFrameDB(frame []int16) float64 {
	if len(frame) == 0 {
		return 0
	}
	var sum int64
	for _, s := range frame {
		x := int64(s)
		sum += x * x
	}
	return 10 * math.Log10(float64(sum)/float64(len(frame))+1)
}

// Frame classifies one frame and reports whether it is speech, hangover
// included. An empty frame is silence and does not move the floor.
func (v *VAD) Frame(frame []int16) bool {
	if len(frame) == 0 {
		v.rawSpeech = false
		return v.decide(false)
	}
	db := vadFrameDB(frame)
	v.lastDB = db
	speech := db >= v.cfg.MinDB && db >= v.floorDB+v.cfg.ThresholdDB
	v.rawSpeech = speech
	if db < v.floorDB {
		v.floorDB += (db - v.floorDB) * vadFloorDown
	}
	if m := v.windowMin(db); m > v.floorDB {
		rate := vadFloorUpSilence
		if speech {
			rate = vadFloorUpSpeech
		}
		v.floorDB += (m - v.floorDB) * rate
	}
	return v.decide(speech)
}

func (v *VAD) decide(speech bool) bool {
	if speech {
		v.hangLeft = v.hangover
		return true
	}
	if v.hangLeft > 0 {
		v.hangLeft--
		return true
	}
	return false
}

// Energy returns the last frame's energy in dB (relative to one LSB²).
func (v *VAD) Energy() float64 { return v.lastDB }

// NoiseFloor returns the current noise floor estimate in dB.
func (v *VAD) NoiseFloor() float64 { return v.floorDB }

// ChunkerConfig tunes a Chunker. The zero value of every field selects its
// default.
type ChunkerConfig struct {
	VAD VADConfig
	// MinSilence is the pause (after the VAD's hangover) that ends a chunk.
	// Default 400 ms.
	MinSilence time.Duration
	// MinChunk is the shortest chunk cut at a pause; shorter speech waits
	// for the next pause so the endpoint gets enough context. Default 1 s.
	MinChunk time.Duration
	// MaxChunk bounds a chunk: continuous speech is cut at the quietest
	// frame of its last seconds. Default 15 s.
	MaxChunk time.Duration
	// PreRoll is the audio kept before speech onset so the first phoneme is
	// not clipped. Default 200 ms.
	PreRoll time.Duration
}

func (c ChunkerConfig) withDefaults() ChunkerConfig {
	if c.MinSilence == 0 {
		c.MinSilence = 400 * time.Millisecond
	}
	if c.MinChunk == 0 {
		c.MinChunk = time.Second
	}
	if c.MaxChunk == 0 {
		c.MaxChunk = 15 * time.Second
	}
	if c.PreRoll == 0 {
		c.PreRoll = 200 * time.Millisecond
	}
	if c.MaxChunk < c.MinChunk {
		c.MaxChunk = c.MinChunk
	}
	return c
}

// Chunk is a span of speech cut by a Chunker.
type Chunk struct {
	// Start is the sample offset of PCM[0] in the stream.
	Start int64
	// PCM holds the chunk's samples; the Chunker does not reuse it.
	PCM []int16
}

// StartSeconds is the chunk's start in stream seconds.
func (c Chunk) StartSeconds() float64 { return float64(c.Start) / SampleRate }

// Duration is the chunk's length.
func (c Chunk) Duration() time.Duration { return vadSamplesDur(len(c.PCM)) }

func vadSamplesDur(n int) time.Duration {
	return time.Duration(n) * time.Second / SampleRate
}

func vadDurSamples(d time.Duration) int {
	return int(d * SampleRate / time.Second)
}

func vadDurFrames(d time.Duration) int {
	return int((d + vadFrameDur - 1) / vadFrameDur)
}

// Chunker cuts a stream of PCM into speech chunks at pauses, using a VAD on
// 20 ms frames. Silence between chunks is dropped (only PreRoll of it is
// kept), so a silent line costs no requests. It is not safe for concurrent
// use.
type Chunker struct {
	cfg        ChunkerConfig
	vad        *VAD
	pos        int64   // stream sample offset of buf[0]
	buf        []int16 // current chunk, whole frames only
	dbs        []float64
	partial    []int16 // samples of an incomplete frame
	hasSpeech  bool
	silentRun  int // consecutive non-speech frames at the end of buf
	minSilence int // frames
	minChunk   int // frames
	maxChunk   int // frames
	preRoll    int // frames
}

// NewChunker returns a Chunker tuned by cfg.
func NewChunker(cfg ChunkerConfig) *Chunker {
	cfg = cfg.withDefaults()
	c := &Chunker{
		cfg:        cfg,
		vad:        NewVAD(cfg.VAD),
		minSilence: vadDurFrames(cfg.MinSilence),
		minChunk:   vadDurFrames(cfg.MinChunk),
		maxChunk:   vadDurFrames(cfg.MaxChunk),
		preRoll:    vadDurFrames(cfg.PreRoll),
		partial:    make([]int16, 0, FrameSamples),
	}
	c.buf = make([]int16, 0, c.maxChunk*FrameSamples)
	c.dbs = make([]float64, 0, c.maxChunk)
	return c
}

// Write feeds samples and calls cut for every chunk completed by them.
func (c *Chunker) Write(pcm []int16, cut func(Chunk)) {
	if len(c.partial) > 0 {
		n := min(FrameSamples-len(c.partial), len(pcm))
		c.partial = append(c.partial, pcm[:n]...)
		pcm = pcm[n:]
		if len(c.partial) < FrameSamples {
			return
		}
		c.frame(c.partial, cut)
		c.partial = c.partial[:0]
	}
	for len(pcm) >= FrameSamples {
		c.frame(pcm[:FrameSamples], cut)
		pcm = pcm[FrameSamples:]
	}
	c.partial = append(c.partial, pcm...)
}

func (c *Chunker) frame(f []int16, cut func(Chunk)) {
	speech := c.vad.Frame(f)
	if !c.hasSpeech && !speech {
		// Leading silence: keep only the pre-roll.
		if len(c.dbs) >= c.preRoll {
			c.dropFront(len(c.dbs) - c.preRoll + 1)
		}
		c.buf = append(c.buf, f...)
		c.dbs = append(c.dbs, c.vad.Energy())
		return
	}
	c.buf = append(c.buf, f...)
	c.dbs = append(c.dbs, c.vad.Energy())
	if speech {
		c.hasSpeech = true
		c.silentRun = 0
	} else {
		c.silentRun++
	}
	frames := len(c.dbs)
	switch {
	case c.silentRun >= c.minSilence && frames >= c.minChunk:
		c.cutAt(frames, cut)
	case frames >= c.maxChunk:
		c.cutAt(c.quietestCut(), cut)
	}
}

// quietestCut picks where to split continuous speech: the quietest frame in
// the last third of the chunk, so a word is less likely to be split.
func (c *Chunker) quietestCut() int {
	n := len(c.dbs)
	from := n - n/3
	best := n
	bestDB := math.Inf(1)
	for i := from; i < n; i++ {
		if c.dbs[i] < bestDB {
			best, bestDB = i+1, c.dbs[i]
		}
	}
	return best
}

// cutAt emits the first frames of the buffer as a chunk and keeps the rest.
func (c *Chunker) cutAt(frames int, cut func(Chunk)) {
	n := frames * FrameSamples
	out := Chunk{Start: c.pos, PCM: append([]int16(nil), c.buf[:n]...)}
	c.dropFront(frames)
	// Whatever remains after a forced cut is the tail of ongoing speech.
	c.hasSpeech = len(c.dbs) > 0
	c.silentRun = 0
	cut(out)
}

func (c *Chunker) dropFront(frames int) {
	n := frames * FrameSamples
	c.pos += int64(n)
	c.buf = c.buf[:copy(c.buf, c.buf[n:])]
	c.dbs = c.dbs[:copy(c.dbs, c.dbs[frames:])]
}

// Flush returns the chunk in progress, including any incomplete frame, if
// it holds speech, and resets the chunker's buffer (the VAD keeps its
// noise floor).
func (c *Chunker) Flush() (Chunk, bool) {
	speech := c.hasSpeech
	if len(c.partial) > 0 && !speech && c.vad.Frame(c.partial) {
		speech = true
	}
	out := Chunk{Start: c.pos, PCM: append(append([]int16(nil), c.buf...), c.partial...)}
	c.pos += int64(len(out.PCM))
	c.buf = c.buf[:0]
	c.dbs = c.dbs[:0]
	c.partial = c.partial[:0]
	c.hasSpeech = false
	c.silentRun = 0
	if !speech || len(out.PCM) == 0 {
		return Chunk{}, false
	}
	return out, true
}

// Buffered is the audio held for the chunk in progress.
func (c *Chunker) Buffered() time.Duration {
	return vadSamplesDur(len(c.buf) + len(c.partial))
}
