//go:build cgo

package audio_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/callscreen/callscreen/transcribe"
	"github.com/callscreen/callscreen/transcribe/audio"
)

// TestFFmpegSpeechSurvives speaks a scam request with flite, encodes it the
// way phones and browsers send voicemail, decodes it through the ffmpeg
// fallback and checks the embedded recogniser still finds the requests for
// a verification code and a password.
func TestFFmpegSpeechSurvives(t *testing.T) {
	if testing.Short() {
		t.Skip("recognition takes ≈ 15 s of CPU; not in -short")
	}
	for _, tool := range []string{"ffmpeg", "sox", "flite"} {
		if _, err := exec.LookPath(tool); err != nil {
			skipOrFail(t, tool, err)
		}
	}
	eng, err := transcribe.NewSphinx(transcribe.SphinxConfig{
		Keywords: map[string]string{"verification code": "code", "password": "credential"},
		PoolSize: 2,
	})
	if err != nil {
		skipOrFail(t, "PocketSphinx model", err)
	}
	defer eng.Close()

	dir := t.TempDir()
	ref := filepath.Join(dir, "ref.wav")
	text := "Hello, this is the fraud team at your bank. Please read me the verification code we just sent you. Then tell me your password."
	runTool(t, "flite", "-voice", "rms", "-t", text, "-o", ref)
	formats := []struct {
		name, file string
		cmd        []string // {input} and {output} are substituted
	}{
		{"wav (native, baseline)", "ref.wav", nil},
		{"m4a aac", "v.m4a", []string{"ffmpeg", "-nostdin", "-loglevel", "error", "-i", "{input}", "-c:a", "aac", "-b:a", "32k", "{output}"}},
		{"amr-nb 8 kHz", "v.amr", []string{"sox", "{input}", "-r", "8000", "-t", "amr-nb", "-C", "7", "{output}"}},
		{"flac", "v.flac", []string{"ffmpeg", "-nostdin", "-loglevel", "error", "-i", "{input}", "{output}"}},
		{"webm opus", "v.webm", []string{"ffmpeg", "-nostdin", "-loglevel", "error", "-i", "{input}", "-c:a", "libopus", "-b:a", "24k", "{output}"}},
		{"mp3 8 kHz", "v8k.mp3", []string{"ffmpeg", "-nostdin", "-loglevel", "error", "-i", "{input}", "-ar", "8000", "-c:a", "libmp3lame", "-b:a", "32k", "{output}"}},
	}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			path := filepath.Join(dir, f.file)
			if f.cmd != nil {
				args := slices.Clone(f.cmd)
				for i, a := range args {
					args[i] = strings.NewReplacer("{input}", ref, "{output}", path).Replace(a)
				}
				runTool(t, args[0], args[1:]...)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			pcm, info, err := audio.Decode(context.Background(), bytes.NewReader(data), "", audio.DefaultLimits())
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			segs, err := transcribe.TranscribePCM(context.Background(), eng, pcm, nil)
			if err != nil {
				t.Fatal(err)
			}
			var words []string
			found := map[string]bool{}
			for _, s := range segs {
				words = append(words, s.Text)
				for _, k := range s.Keywords {
					found[k] = true
				}
			}
			heard := strings.Join(words, " ")
			t.Logf("%s %s %.2f s: %q, keywords %v", info.Format, info.Codec, info.Duration, heard, found)
			for _, k := range []string{"verification code", "password"} {
				if !found[k] && !strings.Contains(heard, k) {
					t.Errorf("%q not recognised", k)
				}
			}
		})
	}
}

// skipOrFail skips when a prerequisite is missing, except in CI (CI=true),
// where it is installed and absence is a bug.
func skipOrFail(t *testing.T, what string, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s unavailable in CI: %v", what, err)
	}
	t.Skipf("%s unavailable (apt-get install ffmpeg sox flite pocketsphinx-en-us): %v", what, err)
}

func runTool(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}
