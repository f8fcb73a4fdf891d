package callscreen

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/callscreen/callscreen/transcribe"
	"github.com/callscreen/callscreen/transcribe/audio"
)

// memAudio is an AudioStore that keeps recordings in memory.
type memAudio struct {
	mu   sync.Mutex
	data map[string][]byte
}

func (m *memAudio) PutAudio(_ context.Context, id, _ string, r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.data[id] = b
	return nil
}

func TestVoicemailAPI(t *testing.T) {
	eng := mediaSphinx(t)
	e := newWorkerEnv(t, 1)
	srv, err := NewServer(ServerConfig{Token: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	kept := &memAudio{data: map[string][]byte{}}
	sc := &Screener{Bus: e.conn, Engine: eng, Limits: audio.Limits{MaxBytes: 2 << 20}}
	srv.Mux().Handle("POST /v1/voicemails", srv.RequireToken(NewVoicemailHandler(VoicemailConfig{Screener: sc, Audio: kept})))
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()

	scam, err := os.ReadFile(mediaSynthWAV(t, "hello this is the fraud department at your bank. we have frozen your account. to unlock it please tell me the pin for your card. my number is four one one one one one one one one"))
	if err != nil {
		t.Fatal(err)
	}
	legit, err := os.ReadFile(mediaSynthWAV(t, "hi it is the library calling. the book you reserved has arrived and you can pick it up any time this week."))
	if err != nil {
		t.Fatal(err)
	}
	multipartBody := func(b []byte) (io.Reader, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("note", "forwarded by grandma")
		fw, _ := mw.CreateFormFile("file", "vm.wav")
		fw.Write(b)
		mw.Close()
		return &buf, mw.FormDataContentType()
	}
	mpScam, mpType := multipartBody(scam)
	// A streamed WAV (data size 0xFFFFFFFF) that goes on past the cap.
	i := bytes.Index(scam, []byte("data"))
	endless := append(append([]byte(nil), scam[:i+4]...), 0xff, 0xff, 0xff, 0xff)
	tests := []struct {
		name    string
		token   string
		body    io.Reader
		ctype   string
		status  int
		verdict string
	}{
		{"raw wav scam", "secret", bytes.NewReader(scam), "audio/wav", 200, "scam"},
		{"multipart scam", "secret", mpScam, mpType, 200, "scam"},
		{"legit", "secret", bytes.NewReader(legit), "audio/wav", 200, "clean"},
		{"no token", "", bytes.NewReader(scam), "audio/wav", 401, ""},
		{"wrong token", "nope", bytes.NewReader(scam), "audio/wav", 401, ""},
		{"garbage", "secret", strings.NewReader(strings.Repeat("garbage!", 100)), "audio/wav", 415, ""},
		{"truncated wav", "secret", bytes.NewReader(scam[:40]), "audio/wav", 400, ""},
		{"too large", "secret", io.MultiReader(bytes.NewReader(endless), io.LimitReader(zeroReader{}, 3<<20)), "audio/wav", 413, ""},
		{"multipart without file", "secret", strings.NewReader("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"), "multipart/form-data; boundary=x", 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", hs.URL+"/v1/voicemails", tt.body)
			req.Header.Set("Content-Type", tt.ctype)
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if tt.status != 200 {
				var e apiError
				if json.Unmarshal(body, &e) != nil || e.Error == "" {
					t.Fatalf("error body %q is not a JSON error with a reason", body)
				}
				return
			}
			var vr VoicemailResponse
			if err := json.Unmarshal(body, &vr); err != nil {
				t.Fatal(err)
			}
			if vr.Verdict != tt.verdict || vr.ID == "" || vr.Duration < 3 || vr.Engine != "sphinx" || vr.Transcript == "" {
				t.Fatalf("unexpected response %+v", vr)
			}
			if tt.verdict == "scam" && (len(vr.Flags) == 0 || vr.Flags[0].Category != "banking_details") {
				t.Fatalf("flags %+v, want banking_details", vr.Flags)
			}
			if regexp.MustCompile(`\d{4}|(one|four)( (one|four)){3}`).MatchString(vr.Transcript) {
				t.Fatalf("digits survived redaction: %q", vr.Transcript)
			}
			kept.mu.Lock()
			n := len(kept.data[vr.ID])
			kept.mu.Unlock()
			if n == 0 {
				t.Fatalf("recording %s not kept", vr.ID)
			}
		})
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestScreenRoutesNarrowband: Screen gives telephone audio the engine's
// narrowband decoders whatever rate the file is stored at (by its rate, or
// else by its band-limited content), and keeps wideband speech on the
// wideband ones.
func TestScreenRoutesNarrowband(t *testing.T) {
	needMediaTools(t, "flite", "sox")
	eng, ok := mediaSphinx(t).(*transcribe.Sphinx)
	if !ok {
		t.Skip("needs the sphinx engine")
	}
	e := newWorkerEnv(t, 1)
	sc := &Screener{Bus: e.conn, Engine: eng, Limits: audio.DefaultLimits()}
	wide := mediaSynthWAV(t, mediaScamText)
	dir := t.TempDir()
	// tel is the voicemail eval's telephone channel: 300–3400 Hz, 8 kHz μ-law.
	tel := filepath.Join(dir, "tel.wav")
	if out, err := exec.Command("sox", wide, "-r", "8000", "-e", "u-law", tel, "sinc", "300-3400").CombinedOutput(); err != nil {
		t.Fatalf("sox: %v: %s", err, out)
	}
	// stored writes the telephone audio back at a wideband rate, as a call
	// recorder or a phone's export does.
	stored := func(rate string) string {
		p := filepath.Join(dir, "tel-"+rate+".wav")
		if out, err := exec.Command("sox", tel, "-r", rate, "-e", "signed-integer", "-b", "16", p).CombinedOutput(); err != nil {
			t.Fatalf("sox: %v: %s", err, out)
		}
		return p
	}
	tests := []struct {
		name string
		path string
		want bool
	}{
		{"wideband speech at 16 kHz", wide, false},
		{"telephone audio at 8 kHz", tel, true},
		{"telephone audio stored at 16 kHz", stored("16000"), true},
		{"telephone audio stored at 48 kHz", stored("48000"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := os.Open(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			before := eng.Stats()
			res, err := sc.Screen(context.Background(), NewCallID(), f, "audio/wav", nil)
			if err != nil {
				t.Fatal(err)
			}
			after := eng.Stats()
			streams, nb := after.Streams-before.Streams, after.NarrowbandStreams-before.NarrowbandStreams
			if res.Narrowband != tt.want || streams != 1 || nb != map[bool]int64{false: 0, true: 1}[tt.want] {
				t.Errorf("Narrowband = %v, %d stream(s) of which %d narrowband; want narrowband %v", res.Narrowband, streams, nb, tt.want)
			}
			if res.Transcript == "" {
				t.Error("empty transcript")
			}
			t.Logf("narrowband %v, verdict %s: %q", res.Narrowband, res.Verdict.Verdict, res.Transcript)
		})
	}
}
