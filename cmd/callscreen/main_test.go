package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

type classifyLine struct {
	Source  string  `json:"source"`
	Verdict string  `json:"verdict"`
	Risk    float64 `json:"risk"`
	Flags   []struct {
		Category string  `json:"category"`
		Text     string  `json:"text"`
		Start    float64 `json:"start"`
		End      float64 `json:"end"`
	} `json:"flags"`
	Advice     string   `json:"advice"`
	Transcript *string  `json:"transcript"`
	Duration   *float64 `json:"duration"`
	Engine     string   `json:"engine"`
	Narrowband *bool    `json:"narrowband"`
}

func parseLines(t *testing.T, out string) []classifyLine {
	t.Helper()
	var res []classifyLine
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var c classifyLine
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatalf("output line %q is not JSON: %v", l, err)
		}
		res = append(res, c)
	}
	return res
}

func TestClassifyCLIContract(t *testing.T) {
	scam := writeFile(t, "scam.txt", "Caller: Hi, this is Amazon security, there is a suspicious order on your account.\nCaller: To cancel it I need you to read me the verification code we just sent you.\n")
	legit := writeFile(t, "legit.txt", "hi grandma it's me just calling to say we'll be there for lunch on sunday\nlove you bye\n")
	huge := writeFile(t, "huge.txt", strings.Repeat("blah ", 300_000))
	binary := writeFile(t, "bin.txt", "\x00\x01\x02\xff\xfe binary")
	empty := writeFile(t, "empty.txt", "\n\n")
	// "Unicode" text as Windows Notepad saves it: UTF-16LE with a BOM.
	var u16 []byte
	for _, r := range "\uFEFFCaller: please read me the verification code we just sent you\r\n" {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	utf16File := writeFile(t, "utf16.txt", string(u16))

	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		verdicts []string // per output line
		stderr   string   // substring
	}{
		{"scam and legit files", "", []string{scam, legit}, 0, []string{"scam", "clean"}, ""},
		{"stdin", "read me the six digit code we sent to your phone please", nil, 0, []string{"scam"}, ""},
		{"dash is stdin", "your appointment is on tuesday at ten", []string{"-"}, 0, []string{"clean"}, ""},
		{"missing file still screens the rest", "", []string{filepath.Join(t.TempDir(), "nope.txt"), scam}, 2, []string{"scam"}, "nope.txt"},
		{"huge input", "", []string{huge}, 2, nil, "larger than"},
		{"binary input", "", []string{binary}, 2, nil, "binary"},
		{"utf-16 text", "", []string{utf16File}, 0, []string{"scam"}, ""},
		{"empty input", "", []string{empty}, 2, nil, "empty transcript"},
		{"bad flag", "", []string{"--bogus"}, 2, nil, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.stdin, append([]string{"classify", "--json"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, errOut)
			}
			if tt.stderr != "" && !strings.Contains(errOut, tt.stderr) {
				t.Fatalf("stderr %q does not mention %q", errOut, tt.stderr)
			}
			lines := parseLines(t, out)
			if len(lines) != len(tt.verdicts) {
				t.Fatalf("%d output lines, want %d: %s", len(lines), len(tt.verdicts), out)
			}
			for i, l := range lines {
				if l.Verdict != tt.verdicts[i] {
					t.Errorf("line %d verdict %q, want %q", i, l.Verdict, tt.verdicts[i])
				}
				if l.Flags == nil {
					t.Errorf("line %d: flags must be a list, not null", i)
				}
				if l.Advice == "" {
					t.Errorf("line %d: no advice", i)
				}
				if l.Verdict == "scam" && (len(l.Flags) == 0 || l.Flags[0].Category != "verification_code" || l.Flags[0].Text == "") {
					t.Errorf("line %d: scam without a verification_code flag with evidence: %+v", i, l.Flags)
				}
			}
		})
	}
}

// startNATS runs a real nats-server with JetStream on a loopback port.
func startNATS(t *testing.T) *server.Server {
	t.Helper()
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoSigs: true, NoLog: true})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server not ready")
	}
	t.Cleanup(s.Shutdown)
	return s
}

func TestClassifyThroughExternalWorker(t *testing.T) {
	ns := startNATS(t)
	url := ns.ClientURL()
	in := "please read me the card number and the three digit security code on the back"

	// No worker yet: a clear error after the timeout.
	code, _, errOut := run(t, in, "classify", "--json", "--nats", url, "--timeout", "1s")
	if code == 0 || !strings.Contains(errOut, "worker") {
		t.Fatalf("without a worker: exit %d, stderr %q; want a failure naming the missing worker", code, errOut)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var errb syncBuffer
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := runWorker(ctx, []string{"--nats", url, "--addr", "127.0.0.1:0", "--token", "wt"}, nil, nil, &errb); err != nil {
			t.Errorf("worker: %v: %s", err, errb.String())
		}
	}()
	defer func() { cancel(); wg.Wait() }()

	code, out, errOut := run(t, in, "classify", "--json", "--nats", url, "--timeout", "20s")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := parseLines(t, out)
	if len(lines) != 1 || lines[0].Verdict != "scam" || lines[0].Flags[0].Category != "banking_details" {
		t.Fatalf("got %+v, want a banking_details scam", lines)
	}

	// The worker's own health and metrics endpoint.
	m := regexp.MustCompile(`addr=(http://127\.0\.0\.1:\d+)`).FindStringSubmatch(errb.String())
	if m == nil {
		t.Fatalf("worker did not report its address: %s", errb.String())
	}
	for _, c := range []struct {
		path, token string
		status      int
		body        string
	}{
		{"/readyz", "", 200, `"nats":"ok"`},
		{"/metrics", "", 401, ""},
		// 2: the call sent while no worker ran was stored, and judged once one came.
		{"/metrics", "wt", 200, `callscreen_alerts_total{category="banking_details"} 2`},
	} {
		req, _ := http.NewRequest("GET", m[1]+c.path, nil)
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || !strings.Contains(string(body), c.body) {
			t.Errorf("GET %s: %d %q, want %d containing %q", c.path, resp.StatusCode, body, c.status, c.body)
		}
	}
}

func TestWorkerNeedsNATS(t *testing.T) {
	code, _, errOut := run(t, "", "worker")
	if code != 2 || !strings.Contains(errOut, "--nats") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"help"}, {"frobnicate"}} {
		code, _, errOut := run(t, "", args...)
		if code != 2 || !strings.Contains(errOut, "classify") {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestScreenVoicemail screens real synthesized speech with the embedded
// recogniser, and checks that spoken digits never reach the output.
func TestScreenVoicemail(t *testing.T) {
	flite, err := exec.LookPath("flite")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("flite missing in CI")
		}
		t.Skip("flite not installed")
	}
	dir := t.TempDir()
	scam := filepath.Join(dir, "scam.wav")
	say := "hello this is your bank's fraud department. your account has been locked. to unlock it please tell me your card number and the pin. my reference is four one one one one one one one one one"
	if out, err := exec.Command(flite, "-voice", "rms", "-t", say, "-o", scam).CombinedOutput(); err != nil {
		t.Fatalf("flite: %v: %s", err, out)
	}
	garbage := writeFile(t, "garbage.wav", "RIFF\xff\xff\xff\xffWAVEfmt garbage")
	code, out, errOut := run(t, "", "screen", "--json", scam, garbage)
	if code != 2 || !strings.Contains(errOut, "garbage.wav") {
		t.Fatalf("exit %d (want 2 for the bad file), stderr %q", code, errOut)
	}
	lines := parseLines(t, out)
	if len(lines) != 1 {
		t.Fatalf("want one result line, got %q", out)
	}
	l := lines[0]
	if l.Verdict != "scam" || l.Transcript == nil || l.Duration == nil || *l.Duration < 5 || l.Engine != "sphinx" || l.Narrowband == nil || *l.Narrowband {
		t.Fatalf("unexpected result %+v", l)
	}
	digits := regexp.MustCompile(`\d{4}|(one|four)( (one|four)){3}`)
	for _, text := range []string{*l.Transcript, l.Flags[0].Text} {
		if digits.MatchString(text) {
			t.Fatalf("digits survived redaction: %q", text)
		}
	}
}
