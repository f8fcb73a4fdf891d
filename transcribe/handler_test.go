package transcribe

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/callscreen/callscreen/transcribe/audio"
)

const hBoundary = "callscreen-test-boundary"

// hForm streams a multipart body without building it in memory: fields
// first, then the file part (if file is not nil), then any extra readers
// as further fields.
func hForm(fields [][2]string, file io.Reader, fileName string) io.Reader {
	var head bytes.Buffer
	for _, f := range fields {
		fmt.Fprintf(&head, "--%s\r\nContent-Disposition: form-data; name=%q\r\n\r\n%s\r\n", hBoundary, f[0], f[1])
	}
	readers := []io.Reader{&head}
	if file != nil {
		readers = append(readers,
			strings.NewReader(fmt.Sprintf("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=%q\r\nContent-Type: application/octet-stream\r\n\r\n", hBoundary, fileName)),
			file, strings.NewReader("\r\n"))
	}
	readers = append(readers, strings.NewReader("--"+hBoundary+"--\r\n"))
	return io.MultiReader(readers...)
}

// zeroReader yields zeros forever, for big uploads without big buffers.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// hBigWAV is a WAV upload of n samples of silence, generated as it is read.
func hBigWAV(samples int64) io.Reader {
	h := openaiWAV(nil)
	binary.LittleEndian.PutUint32(h[4:], uint32(min(36+2*samples, 0xFFFFFFFF)))
	binary.LittleEndian.PutUint32(h[40:], uint32(min(2*samples, 0xFFFFFFFF)))
	return io.MultiReader(bytes.NewReader(h), io.LimitReader(zeroReader{}, 2*samples))
}

func hPost(t *testing.T, url string, body io.Reader, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "multipart/form-data; boundary="+hBoundary)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading answer: %v", err)
	}
	return resp, b
}

// hCannedEngine is a real openai engine on a scripted endpoint, so the
// Handler tests that need no recogniser run without the model.
func hCannedEngine(t *testing.T) Engine {
	srv := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) { oaAnswerOK(w) })
	e, err := NewOpenAI(OpenAIConfig{BaseURL: srv.BaseURL()})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// hCheckError asserts OpenAI's error shape.
func hCheckError(t *testing.T, body []byte, wantParam string) string {
	t.Helper()
	var v map[string]map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("error body %q is not JSON: %v", body, err)
	}
	e, ok := v["error"]
	if !ok || len(v) != 1 {
		t.Fatalf("error body %s: want a single \"error\" object", body)
	}
	if got := slices.Sorted(maps.Keys(e)); !slices.Equal(got, []string{"code", "message", "param", "type"}) {
		t.Errorf("error keys %v", got)
	}
	msg, _ := e["message"].(string)
	if msg == "" || e["code"] != nil {
		t.Errorf("error %s: want a message and a null code", body)
	}
	if typ := e["type"]; typ != "invalid_request_error" {
		t.Errorf("error type %v", typ)
	}
	if wantParam == "" && e["param"] != nil || wantParam != "" && e["param"] != wantParam {
		t.Errorf("param %v, want %q", e["param"], wantParam)
	}
	return msg
}

func TestHandlerErrors(t *testing.T) {
	eng := hCannedEngine(t)
	const key = "serve-token"
	auth := map[string]string{"Authorization": "Bearer " + key}
	tone := openaiWAV(oaTone(1))
	manyFields := func() io.Reader {
		var fs [][2]string
		for i := range 40 {
			fs = append(fs, [2]string{fmt.Sprintf("f%d", i), strings.Repeat("x", 60<<10)})
		}
		return hForm(fs, bytes.NewReader(tone), "a.wav")
	}
	tests := []struct {
		name      string
		method    string
		path      string
		header    map[string]string
		ctype     string
		body      func() io.Reader
		limits    audio.Limits
		want      int
		wantParam string
		wantMsg   string
	}{
		{name: "get", method: "GET", want: 405},
		{name: "wrong path", path: "/v1/audio/translations", want: 404},
		{name: "no auth", header: map[string]string{}, body: func() io.Reader { return hForm(nil, bytes.NewReader(tone), "a.wav") }, want: 401},
		{name: "wrong key", header: map[string]string{"Authorization": "Bearer nope"}, want: 401},
		{name: "not multipart", ctype: "application/json", body: func() io.Reader { return strings.NewReader(`{"file":"x"}`) }, want: 400},
		{name: "missing file", body: func() io.Reader { return hForm([][2]string{{"model", "whisper-1"}}, nil, "") }, want: 400, wantParam: "file", wantMsg: "file"},
		{name: "garbage audio", body: func() io.Reader {
			return hForm(nil, strings.NewReader("this is a text file, not a recording of anything"), "a.wav")
		}, want: 415, wantParam: "file", wantMsg: "Unsupported"},
		{name: "corrupt wav", body: func() io.Reader {
			return hForm(nil, bytes.NewReader(append([]byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x07\x00"), make([]byte, 30)...)), "a.wav")
		}, want: 0, wantParam: "file"}, // 400 or 415: the decoder decides which
		{name: "empty file", body: func() io.Reader { return hForm(nil, strings.NewReader(""), "a.wav") }, want: 400, wantParam: "file"},
		{name: "srt", body: func() io.Reader {
			return hForm([][2]string{{"response_format", "srt"}}, bytes.NewReader(tone), "a.wav")
		}, want: 400, wantParam: "response_format", wantMsg: "srt"},
		{name: "unknown format", body: func() io.Reader {
			return hForm([][2]string{{"response_format", "xml"}}, bytes.NewReader(tone), "a.wav")
		}, want: 400, wantParam: "response_format"},
		{name: "oversize upload", limits: audio.Limits{MaxBytes: 1 << 20, MaxDuration: time.Hour}, body: func() io.Reader {
			return hForm(nil, hBigWAV(64<<20), "big.wav") // 128 MiB, generated
		}, want: 413, wantParam: "file"},
		{name: "too long", limits: audio.Limits{MaxDuration: 2 * time.Second}, body: func() io.Reader {
			return hForm(nil, hBigWAV(5*SampleRate), "long.wav")
		}, want: 413, wantParam: "file", wantMsg: "longer"},
		{name: "form too large", limits: audio.Limits{MaxBytes: 1 << 20}, body: manyFields, want: 413},
		{name: "field too long", body: func() io.Reader {
			return hForm([][2]string{{"prompt", strings.Repeat("p", 100<<10)}}, bytes.NewReader(tone), "a.wav")
		}, want: 400, wantParam: "prompt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(NewHandler(HandlerConfig{Engine: eng, Auth: oaBearer(key), Limits: tt.limits}))
			defer srv.Close()
			method, path := orDefault(tt.method, "POST"), orDefault(tt.path, TranscriptionsPath)
			var body io.Reader = http.NoBody
			if tt.body != nil {
				body = tt.body()
			}
			req, _ := http.NewRequest(method, srv.URL+path, body)
			req.Header.Set("Content-Type", orDefault(tt.ctype, "multipart/form-data; boundary="+hBoundary))
			h := auth
			if tt.header != nil {
				h = tt.header
			}
			for k, v := range h {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if tt.want != 0 && resp.StatusCode != tt.want || tt.want == 0 && resp.StatusCode != 400 && resp.StatusCode != 415 {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.want, b)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			msg := hCheckError(t, b, tt.wantParam)
			if !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("message %q does not mention %q", msg, tt.wantMsg)
			}
			switch resp.StatusCode {
			case 405:
				if resp.Header.Get("Allow") != "POST" {
					t.Errorf("405 without Allow: POST")
				}
			case 401:
				if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("401 without WWW-Authenticate: Bearer")
				}
			}
		})
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// TestHandlerVerboseJSONShape checks the answer field by field against
// OpenAI's verbose_json.
func TestHandlerVerboseJSONShape(t *testing.T) {
	srv := httptest.NewServer(NewHandler(HandlerConfig{Engine: hCannedEngine(t)}))
	defer srv.Close()
	pcm := oaTone(1.5)
	for _, words := range []bool{false, true} {
		fields := [][2]string{{"model", "whisper-1"}, {"response_format", "verbose_json"}, {"language", "en"}}
		if words {
			fields = append(fields, [2]string{"timestamp_granularities[]", "word"})
		}
		resp, b := hPost(t, srv.URL+TranscriptionsPath, hForm(fields, bytes.NewReader(openaiWAV(pcm)), "a.wav"), nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
			t.Fatalf("status %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
		}
		var v map[string]json.RawMessage
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		want := []string{"duration", "language", "segments", "task", "text"}
		if words {
			want = []string{"duration", "language", "segments", "task", "text", "words"}
		}
		if got := slices.Sorted(maps.Keys(v)); !slices.Equal(got, want) {
			t.Errorf("keys %v, want %v", got, want)
		}
		var top struct {
			Task     string
			Language string
			Duration float64
			Text     string
			Segments []map[string]any
		}
		if err := json.Unmarshal(b, &top); err != nil {
			t.Fatal(err)
		}
		if top.Task != "transcribe" || top.Language != "english" || top.Text != "hello world" {
			t.Errorf("task %q language %q text %q", top.Task, top.Language, top.Text)
		}
		if d := float64(len(pcm)) / SampleRate; top.Duration != roundMillis(d) {
			t.Errorf("duration %v, want %v", top.Duration, d)
		}
		if len(top.Segments) != 1 {
			t.Fatalf("segments %v", top.Segments)
		}
		seg := top.Segments[0]
		if got := slices.Sorted(maps.Keys(seg)); !slices.Equal(got, []string{"avg_logprob", "compression_ratio", "end", "id", "no_speech_prob", "seek", "start", "temperature", "text", "tokens"}) {
			t.Errorf("segment keys %v", got)
		}
		if toks, ok := seg["tokens"].([]any); !ok || len(toks) != 0 {
			t.Errorf("tokens %v, want []", seg["tokens"])
		}
		if seg["id"] != 0.0 || seg["text"] != "hello world" || seg["avg_logprob"].(float64) >= 0 || seg["start"].(float64) <= 0 {
			t.Errorf("segment %v", seg)
		}
	}
}

// TestHandlerGoOpenAIClient: go-openai's own client against the Handler on
// the real embedded engine, in every supported format.
func TestHandlerGoOpenAIClient(t *testing.T) {
	sx := oaSphinx(t)
	const said = "please read me the security code on the back of your card"
	pcm, _ := oaUtterances(t, 0.5, said)
	wav := openaiWAV(pcm)
	const key = "serve-token"
	srv := httptest.NewServer(NewHandler(HandlerConfig{Engine: sx, Auth: oaBearer(key)}))
	defer srv.Close()
	cc := openai.DefaultConfig(key)
	cc.BaseURL = srv.URL + "/v1"
	client := openai.NewClientWithConfig(cc)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req := func(format openai.AudioResponseFormat) openai.AudioRequest {
		return openai.AudioRequest{Model: openai.Whisper1, FilePath: "call.wav", Reader: bytes.NewReader(wav), Format: format,
			TimestampGranularities: []openai.TranscriptionTimestampGranularity{openai.TranscriptionTimestampGranularityWord}}
	}
	for _, format := range []openai.AudioResponseFormat{openai.AudioResponseFormatJSON, openai.AudioResponseFormatText, openai.AudioResponseFormatVerboseJSON} {
		resp, err := client.CreateTranscription(ctx, req(format))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if r := oaWordRecall(said, resp.Text); r < 0.5 {
			t.Errorf("%s: text %q, want close to %q", format, resp.Text, said)
		}
		if format == openai.AudioResponseFormatText && !strings.HasSuffix(resp.Text, "\n") {
			t.Errorf("text answer %q without the trailing newline OpenAI sends", resp.Text)
		}
		if format != openai.AudioResponseFormatVerboseJSON {
			continue
		}
		if resp.Task != "transcribe" || resp.Language != "english" || len(resp.Segments) == 0 || len(resp.Words) == 0 {
			t.Errorf("verbose_json: task %q language %q %d segments %d words", resp.Task, resp.Language, len(resp.Segments), len(resp.Words))
		}
		if d := float64(len(pcm)) / SampleRate; resp.Duration < d-0.01 || resp.Duration > d+0.01 {
			t.Errorf("duration %.3f, want %.3f", resp.Duration, d)
		}
		for i, s := range resp.Segments {
			if s.Start < 0 || s.End < s.Start || s.End > resp.Duration+0.01 || s.ID != i {
				t.Errorf("segment %d: %+v", i, s)
			}
		}
	}
	// Errors come back as *openai.APIError with status and type.
	_, err := client.CreateTranscription(ctx, req(openai.AudioResponseFormatSRT))
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 400 || apiErr.Type != "invalid_request_error" || apiErr.Param == nil || *apiErr.Param != "response_format" {
		t.Errorf("srt: %v, want a 400 APIError on response_format", err)
	}
	wrong := openai.DefaultConfig("wrong")
	wrong.BaseURL = srv.URL + "/v1"
	_, err = openai.NewClientWithConfig(wrong).CreateTranscription(ctx, req(openai.AudioResponseFormatJSON))
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 401 {
		t.Errorf("wrong key: %v, want a 401 APIError", err)
	}
}

// TestTranscribePCM checks the helper's ordering and progress reports.
func TestTranscribePCM(t *testing.T) {
	eng := hCannedEngine(t)
	pcm := append(oaTone(1.5), oaTone(1.5)...)
	var calls [][2]int
	segs, err := TranscribePCM(context.Background(), eng, pcm, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	if len(segs) != 2 || segs[0].Start >= segs[1].Start {
		t.Errorf("segments %+v, want two in order", segs)
	}
	if len(calls) < 5 || calls[len(calls)-1] != [2]int{len(pcm), len(pcm)} {
		t.Fatalf("progress %v", calls)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] <= calls[i-1][0] || calls[i][1] != len(pcm) {
			t.Fatalf("progress not increasing: %v", calls)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := TranscribePCM(ctx, eng, pcm, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestHandlerClientDisconnect: a client that gives up cancels the
// transcription, down to the upstream request of an openai engine.
func TestHandlerClientDisconnect(t *testing.T) {
	upstreamGone := make(chan struct{})
	var once sync.Once
	up := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
		once.Do(func() { close(upstreamGone) })
	})
	eng, _ := NewOpenAI(OpenAIConfig{BaseURL: up.BaseURL()})
	srv := httptest.NewServer(NewHandler(HandlerConfig{Engine: eng}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+TranscriptionsPath, hForm(nil, bytes.NewReader(openaiWAV(oaTone(1.5))), "a.wav"))
	req.Header.Set("Content-Type", "multipart/form-data; boundary="+hBoundary)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("got %s from a hanging upstream", resp.Status)
	}
	select {
	case <-upstreamGone:
	case <-time.After(5 * time.Second):
		t.Fatal("upstream request still open 5 s after the client left")
	}
}
