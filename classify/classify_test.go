package classify

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/callscreen/callscreen/bus"
)

func flagCats(fs []bus.Flag) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Category)
	}
	return out
}

func TestClassifyText(t *testing.T) {
	d := New()
	tests := []struct {
		name    string
		text    string
		want    []string
		verdict string
	}{
		{"read me the code", "read me the code we just sent", []string{CategoryVerificationCode}, bus.VerdictScam},
		{"code delivery", "your amazon verification code is 4 8 2 9 do not share this code with anyone", nil, ""},
		{"never ask", "we will never ask for your pin", nil, bus.VerdictClean},
		{"don't give", "don't give anyone your password", nil, bus.VerdictClean},
		{"will send", "I'll send you a code", nil, bus.VerdictClean},
		{"what's the code you got", "what's the code you got", []string{CategoryVerificationCode}, bus.VerdictScam},
		{"split request", "can you read me the\nsix digit code we sent", []string{CategoryVerificationCode}, bus.VerdictScam},
		{"wifi password", "mum what's the wifi password", nil, bus.VerdictClean},
		{"grandparent gift card", "grandma I'm in jail send money by gift card", []string{CategoryPaymentTransfer, CategoryGiftCard}, bus.VerdictScam},
		{"fraud alert", "did you make a purchase of 500 dollars at walmart press 1 for yes", nil, bus.VerdictSuspicious},
		{"driver", "I'm outside with your parcel, which door", nil, bus.VerdictClean},
		{"customer volunteers", "Customer: my card number is 4111 1111 1111 1111\nAgent: thanks, how can I help you today", nil, bus.VerdictClean},
		{"bank agent", "Agent: how can I help you today", nil, bus.VerdictClean},
		{"remote", "Caller: this is microsoft, download anydesk so I can connect", []string{CategoryRemoteAccess}, bus.VerdictScam},
		{"safe account", "your account is compromised, move your money to a safe account", []string{CategoryPaymentTransfer}, bus.VerdictScam},
		{"ssn", "can I have your social security number", []string{CategoryPersonalID}, bus.VerdictScam},
		{"maiden name", "what's your mother's maiden name", []string{CategoryCredentials}, bus.VerdictScam},
		{"cvv", "what are the three digits on the back of your card", []string{CategoryBankingDetails}, bus.VerdictScam},
		{"recogniser style", "uh hi this is amazon um can you verify cation code tell me the code we sent to your phone", []string{CategoryVerificationCode}, bus.VerdictScam},
		{"misspelt", "please read me your verifcation code", []string{CategoryVerificationCode}, bus.VerdictScam},
		{"recogniser past tense after please", "this is tech support please installed any desk so i can fix your computer", []string{CategoryRemoteAccess}, bus.VerdictScam},
		{"past tense is telling", "you purchased an iphone on your amazon account", nil, bus.VerdictSuspicious},
		{"dob is a signal", "can you confirm your date of birth", nil, bus.VerdictClean},
		{"venmo family", "mom can you send me twenty dollars on venmo for pizza", nil, bus.VerdictClean},
		{"venmo pressure", "they will arrest me unless you send the money on venmo right now", []string{CategoryPaymentTransfer}, bus.VerdictScam},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := d.Classify(ParseTranscript(tt.text))
			if got := flagCats(r.Flags); !slices.Equal(got, tt.want) {
				t.Errorf("flags %v, want %v (signals %v)", got, tt.want, r.Signals)
			}
			if tt.verdict != "" && r.Verdict != tt.verdict {
				t.Errorf("verdict %s, want %s (risk %.2f, signals %v)", r.Verdict, tt.verdict, r.Risk, r.Signals)
			}
			if len(r.Flags) > 0 && r.Risk < 0.8 || r.Risk < 0 || r.Risk > 1 {
				t.Errorf("risk %.2f out of range for %d flags", r.Risk, len(r.Flags))
			}
			if r.Advice == "" {
				t.Error("no advice")
			}
		})
	}
}

func TestCallSemantics(t *testing.T) {
	d := New()
	seg := func(seq uint64, track, text string, final bool) bus.Segment {
		return bus.Segment{Seq: seq, Track: track, Text: text, Final: final, Start: float64(seq), End: float64(seq) + 1}
	}

	t.Run("callee track never flags", func(t *testing.T) {
		c := d.NewCall()
		if fs := c.Add(seg(1, bus.TrackCallee, "read me the code we sent", true)); fs != nil {
			t.Fatalf("callee flagged: %v", fs)
		}
	})
	t.Run("once per category and idempotent redelivery", func(t *testing.T) {
		c := d.NewCall()
		if fs := c.Add(seg(1, bus.TrackCaller, "read me the code we sent", true)); len(fs) != 1 {
			t.Fatalf("got %v", fs)
		}
		if fs := c.Add(seg(1, bus.TrackCaller, "read me the code we sent", true)); fs != nil {
			t.Fatalf("redelivery raised %v", fs)
		}
		if fs := c.Add(seg(2, bus.TrackCaller, "what is the code you got", true)); fs != nil {
			t.Fatalf("second request raised %v", fs)
		}
		if n := len(c.Result().Flags); n != 1 {
			t.Fatalf("%d flags", n)
		}
	})
	t.Run("split across segments with callee in between", func(t *testing.T) {
		c := d.NewCall()
		c.Add(seg(1, bus.TrackCaller, "okay can you read me the", true))
		c.Add(seg(2, bus.TrackCallee, "hmm", true))
		fs := c.Add(seg(3, bus.TrackCaller, "six digit code we sent you", true))
		if len(fs) != 1 || fs[0].Category != CategoryVerificationCode || fs[0].Start != 1 || fs[0].Track != bus.TrackCaller {
			t.Fatalf("got %+v", fs)
		}
		if !strings.Contains(fs[0].Text, "read me the") {
			t.Errorf("evidence %q lacks the first half", fs[0].Text)
		}
	})
	t.Run("partials judged in context but not kept", func(t *testing.T) {
		c := d.NewCall()
		c.Add(seg(1, bus.TrackCaller, "hello this is your bank", true))
		if fs := c.Add(seg(2, bus.TrackCaller, "can you read me the", false)); fs != nil {
			t.Fatalf("partial raised %v", fs)
		}
		c.Add(seg(2, bus.TrackCaller, "thanks for your time", true))
		if fs := c.Add(seg(3, bus.TrackCaller, "code we sent", true)); fs != nil {
			t.Fatalf("a replaced partial was kept as context: %v", fs)
		}
		if fs := c.Add(seg(4, bus.TrackCaller, "tell me the code we", false)); len(fs) != 1 {
			t.Fatalf("partial request not raised: %v", fs)
		}
	})
	t.Run("keywords support a misheard noun", func(t *testing.T) {
		c := d.NewCall()
		s := seg(1, bus.TrackCaller, "can you read me the vacation cold", true)
		s.Keywords = []string{"verification code"}
		if fs := c.Add(s); len(fs) != 1 || fs[0].Category != CategoryVerificationCode {
			t.Fatalf("got %v", fs)
		}
	})
	t.Run("keywords do not override what the text heard", func(t *testing.T) {
		c := d.NewCall()
		s := seg(1, bus.TrackCaller, "dad can you remind me what the wifi password is at the cabin", true)
		s.Keywords = []string{"password"}
		if fs := c.Add(s); len(fs) != 0 {
			t.Fatalf("a spotted keyword overrode the wifi exemption: %v", fs)
		}
	})
	// A keyword stands in for a head word the text lost; where the text
	// heard the head word in another phrase, the text wins (these are
	// recogniser outputs and keyword false alarms from the voicemail eval).
	for _, tt := range []struct {
		text, kw, want string
	}{
		{"hello this is your bank's technical team please download team here on your computer so we can remove the hackers", "team viewer", CategoryRemoteAccess},
		{"the rent is late please send it with them over cash up to my new account today", "cash app", CategoryPaymentTransfer},
		{"this is your credit card company with a courtesy reminder your payment of fifty dollars is due you can pay online or in the app", "credit card number", ""},
		{"hi honey i got the gift card you sent for my birthday can you tell me where you bought it", "gift cards", ""},
		{"hello this is your bank we have mailed you a new debit card please activate it in the app", "gift cards", ""},
	} {
		t.Run("keyword "+tt.kw+" in "+tt.text[:24], func(t *testing.T) {
			s := seg(1, bus.TrackCaller, tt.text, true)
			s.Keywords = []string{tt.kw}
			fs := d.NewCall().Add(s)
			if tt.want == "" && len(fs) != 0 || tt.want != "" && (len(fs) != 1 || fs[0].Category != tt.want) {
				t.Fatalf("got %v, want %q", fs, tt.want)
			}
		})
	}
	t.Run("callee disclosure escalates", func(t *testing.T) {
		c := d.NewCall()
		c.Add(seg(1, bus.TrackCaller, "read me the code we sent", true))
		before := c.Result().Risk
		c.Add(seg(2, bus.TrackCallee, "it is [CODE]", true))
		r := c.Result()
		if !slices.Contains(r.Signals, sigDisclosed) || r.Risk <= before {
			t.Fatalf("signals %v risk %.2f (before %.2f)", r.Signals, r.Risk, before)
		}
	})
	t.Run("weak request waits for pressure", func(t *testing.T) {
		c := d.NewCall()
		if fs := c.Add(seg(1, bus.TrackCaller, "go buy some google play cards", true)); fs != nil {
			t.Fatalf("raised without pressure: %v", fs)
		}
		fs := c.Add(seg(2, bus.TrackCaller, "this is urgent or you will be arrested", true))
		if len(fs) != 1 || fs[0].Category != CategoryGiftCard {
			t.Fatalf("pending request not raised: %v", fs)
		}
	})
	t.Run("advice names the brand", func(t *testing.T) {
		r := d.Classify(ParseTranscript("hi this is amazon. read me the verification code we sent"))
		if !strings.HasPrefix(r.Advice, "Amazon ") {
			t.Fatalf("advice %q", r.Advice)
		}
	})
}

func TestParseTranscript(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		tracks []string
		texts  []string
		starts []float64
	}{
		{"labels", "Caller: hi\nVictim: hello\nScammer: read it", []string{"caller", "callee", "caller"}, []string{"hi", "hello", "read it"}, nil},
		// Names say nothing about who is protected: "A: Hello?" is usually the callee.
		{"names stay unlabelled", "John: hi\nMary: hello\nJohn: ok", []string{"", "", ""}, []string{"hi", "hello", "ok"}, nil},
		{"speaker n", "Speaker 1: hi\nSpeaker 2: yo", []string{"", ""}, []string{"hi", "yo"}, nil},
		// Unless one side alone speaks as an organisation (introSide).
		{"names, one introduces", "Chioma: Good afternoon, Mr Adeola?\nFemi: Yes, this is Femi.\nChioma: This is Chioma from GTBank.\nFemi: Ah yes.", []string{"caller", "callee", "caller", "callee"}, nil, nil},
		{"letters, business answers", "A: IT service desk, this is Marco.\nB: Hi, I'm locked out.\nA: No worries.", []string{"caller", "callee", "caller"}, nil, nil},
		{"listener rings a fake line", "B: Hello?\nA: Thank you for calling Meta account recovery, how can I help?\nB: I'm locked out.", []string{"callee", "caller", "callee"}, nil, nil},
		{"a text read out is no introduction", "A: Can you tell me what the text says?\nB: It says it's from Google Voice.\nA: Read me the digits.", []string{"", "", ""}, nil, nil},
		{"name from an organisation", "Greg: Hi Alicia, Greg from Apex Talent.\nAlicia: Oh yes, hi.\nGreg: We need your details.", []string{"caller", "callee", "caller"}, nil, nil},
		{"both introduce", "A: Hi, this is Sam from Acme.\nB: Hi Sam, this is Jo from Zenith.", []string{"", ""}, nil, nil},
		{"a name that is also jargon", "Mark: buy the cards\nJess: ok", []string{"", ""}, nil, nil},
		{"recorded message", "Recorded voice: your number is suspended\nOfficer: confirm it", []string{"caller", "caller"}, nil, nil},
		{"timestamps", "[00:12] Caller: hi\n[00:15] Me: hello", []string{"caller", "callee"}, []string{"hi", "hello"}, []float64{12, 15}},
		{"no labels", "hello there\n\nhow are you", []string{"", ""}, []string{"hello there", "how are you"}, nil},
		{"bom crlf", "\uFEFFAgent: hi\r\nCustomer: yes\r\n", []string{"caller", "callee"}, []string{"hi", "yes"}, nil},
		{"prose colon", "here's the thing: you owe taxes", []string{""}, []string{"here's the thing: you owe taxes"}, nil},
		{"control bytes", "Caller: he\x00llo\x07", []string{"caller"}, []string{"hello"}, nil},
		{"invalid utf8", "Caller: a\xffb", []string{"caller"}, []string{"a\uFFFDb"}, nil},
		{"srt", "1\n00:00:01,000 --> 00:00:04,000\nhello there\n\n2\n00:00:04,500 --> 00:00:09,000\nread me the code", []string{"", ""}, []string{"hello there", "read me the code"}, []float64{1, 4.5}},
		{"webvtt voices", "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Caller>hello <i>there</i></v>\n\n00:05.000 --> 00:06.000\n<v.loud Customer>who is this", []string{"caller", "callee"}, []string{"hello there", "who is this"}, []float64{1, 5}},
		{"screenplay", "SCAMMER\nhello\n\nVICTIM (V.O.)\nwho is it\n\nSCAMMER\nread me the code", []string{"caller", "callee", "caller"}, []string{"hello", "who is it", "read me the code"}, nil},
		{"screenplay names", "JOHN\nhi mum\nMARY\nhello\nJOHN\nsend money", []string{"", "", ""}, []string{"hi mum", "hello", "send money"}, nil},
		{"a lone capital word is speech", "Caller: give me the code\nOK\nCaller: now", []string{"caller", "caller", "caller"}, []string{"give me the code", "OK", "now"}, nil},
		{"all capitals transcript", "HELLO THIS IS YOUR BANK\nREAD IT NOW\nREAD IT NOW", []string{"", "", ""}, nil, nil},
		{"markdown labels", "**Caller:** hi\n**Me:** yes", []string{"caller", "callee"}, []string{"hi", "yes"}, nil},
		{"bracketed labels", "[Agent]: hi\n[Customer]: yes", []string{"caller", "callee"}, []string{"hi", "yes"}, nil},
		{"bracketed roles without a colon", "[Scammer] hi\n[Victim] who\n[reads number] ok", []string{"caller", "callee", "callee"}, []string{"hi", "who", "[reads number] ok"}, nil},
		{"a name in brackets", "Caller (John): hi\nMary (victim): yes\nJohn (Smith): ok", []string{"caller", "callee", ""}, []string{"hi", "yes", "ok"}, nil},
		{"json array", `[{"speaker":"Caller","text":"hi","start":1.5,"end":2},{"role":"customer","content":"who"}]`, []string{"caller", "callee"}, []string{"hi", "who"}, []float64{1.5, 0}},
		{"whisper verbose_json", `{"task":"transcribe","text":"hi there. read me the code","segments":[{"id":0,"start":0,"end":1,"text":" hi there."},{"id":1,"start":1.2,"end":3,"text":" read me the code"}]}`, []string{"", ""}, []string{"hi there.", "read me the code"}, []float64{0, 1.2}},
		{"json text only", `{"text":"read me the code"}`, []string{""}, []string{"read me the code"}, nil},
		{"json transcript string", `{"id":"x","transcript":"Caller: read me the code"}`, []string{"caller"}, []string{"read me the code"}, nil},
		{"json lines", "{\"speaker\":\"agent\",\"text\":\"hi\"}\n{\"speaker\":\"victim\",\"text\":\"yes\"}\n", []string{"caller", "callee"}, []string{"hi", "yes"}, nil},
		{"not a json transcript", `{"foo": 1} read me the code`, []string{""}, []string{`{"foo": 1} read me the code`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := ParseTranscript(tt.in)
			if len(segs) != len(tt.tracks) {
				t.Fatalf("%d segments, want %d: %+v", len(segs), len(tt.tracks), segs)
			}
			for i, s := range segs {
				if s.Seq != uint64(i+1) || !s.Final {
					t.Errorf("segment %d: seq %d final %v", i, s.Seq, s.Final)
				}
				if s.Track != tt.tracks[i] {
					t.Errorf("segment %d track %q, want %q", i, s.Track, tt.tracks[i])
				}
				if tt.texts != nil && s.Text != tt.texts[i] {
					t.Errorf("segment %d text %q, want %q", i, s.Text, tt.texts[i])
				}
				if tt.starts != nil && s.Start != tt.starts[i] {
					t.Errorf("segment %d start %v, want %v", i, s.Start, tt.starts[i])
				}
			}
		})
	}
	long := strings.Repeat("This is a sentence of moderate length. ", 40)
	if segs := ParseTranscript(long); len(segs) < 5 {
		t.Errorf("long line split into %d segments", len(segs))
	}
	raw := strings.Repeat("word ", 500)
	for _, s := range ParseTranscript(raw) {
		if len(s.Text) > maxLine {
			t.Errorf("unpunctuated part of %d bytes", len(s.Text))
		}
	}
}

func TestCategoriesAndSpotPhrases(t *testing.T) {
	cats := Categories()
	if len(cats) != 7 {
		t.Fatalf("%d categories", len(cats))
	}
	sp := SpotPhrases()
	if len(sp) < 20 || len(sp) > 40 {
		t.Errorf("%d spot phrases", len(sp))
	}
	for p, c := range sp {
		if !slices.Contains(cats, c) {
			t.Errorf("%q maps to unknown category %q", p, c)
		}
		if p != strings.ToLower(p) || len(strings.Fields(p)) > 4 {
			t.Errorf("bad spot phrase %q", p)
		}
	}
	for _, c := range cats {
		if a := Advice(c); a == Advice("") || !strings.HasSuffix(a, ".") {
			t.Errorf("advice for %s: %q", c, a)
		}
	}
}

func TestHugeAndBinaryInput(t *testing.T) {
	d := New()
	huge := strings.Repeat("please read me the code we sent \xff\x00 4 8 2 9 ", 40000) // > 1 MiB
	c := d.NewCall()
	fs := c.Add(bus.Segment{Seq: 1, Text: huge, Final: true})
	if len(fs) != 1 || len(fs[0].Text) > maxEvid+4 || !utf8.ValidString(fs[0].Text) {
		t.Fatalf("huge segment: %d flags, evidence %d bytes %q", len(fs), len(fs[0].Text), fs[0].Text[len(fs[0].Text)-20:])
	}
	if segs := ParseTranscript(huge); len(segs) == 0 {
		t.Fatal("no segments")
	}
	if r := Redact(huge); longestDigitRun(r) >= 4 {
		t.Fatal("digits survive")
	}
}

func FuzzNormalize(f *testing.F) {
	d := New()
	for _, s := range []string{"What's the CODE?", "don't", "vérification", "\xff\xfe", "1234 four", "''''", "a'b'c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tk := tokenizer{d: d}
		tk.run(s)
		for _, tok := range tk.out {
			if tok.id < 0 || int(tok.id) >= len(d.vocab.words) || tok.digits < 0 {
				t.Fatalf("bad token %+v from %q", tok, s)
			}
		}
	})
}

func FuzzParseTranscript(f *testing.F) {
	for _, s := range []string{"Caller: hi\nMe: ok", "[00:12] Scammer: read me", "\uFEFFa\r\nb", "00:01 --> 00:04\nhello", "(1:02:03) John: x", ":::", "[", "12.5s hi",
		"WEBVTT\n\n00:01.000 --> 00:04.000\n<v Caller>hi</v>", "1\n00:00:01,000 --> 00:00:02,000\nhi", "SCAMMER\nhi\nVICTIM\nno",
		`[{"speaker":"caller","text":"hi","start":-1}]`, `{"segments":[{"text":"a"}]}`, "{\"text\":\"a\"}\n{\"text\":\"b\"}", "<v", "<v >x", "<00:01.000>hi"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, seg := range ParseTranscript(s) {
			if seg.Seq != uint64(i+1) || !seg.Final || seg.Text == "" || !utf8.ValidString(seg.Text) {
				t.Fatalf("bad segment %+v", seg)
			}
			if seg.Start < 0 || seg.End < seg.Start {
				t.Fatalf("bad times %+v", seg)
			}
			if seg.Track != "" && seg.Track != bus.TrackCaller && seg.Track != bus.TrackCallee {
				t.Fatalf("bad track %q", seg.Track)
			}
			if strings.ContainsAny(seg.Text, "\x00\n\r") {
				t.Fatalf("control byte in %q", seg.Text)
			}
		}
	})
}

func FuzzAdd(f *testing.F) {
	d := New()
	f.Add("read me the code we sent", "caller", true, uint64(1))
	f.Add("my pin is 1 2 3 4", "callee", true, uint64(2))
	f.Add("\xff\x00 gift card buy", "", false, uint64(0))
	f.Fuzz(func(t *testing.T, text, track string, final bool, seq uint64) {
		c := d.NewCall()
		seen := map[string]bool{}
		for i := range 3 {
			for _, fl := range c.Add(bus.Segment{Seq: seq + uint64(i), Track: track, Text: text, Final: final}) {
				if seen[fl.Category] {
					t.Fatalf("category %s raised twice", fl.Category)
				}
				seen[fl.Category] = true
				if longestDigitRun(fl.Text) >= 4 {
					t.Fatalf("evidence not redacted: %q", fl.Text)
				}
			}
		}
		r := c.Result()
		if r.Risk < 0 || r.Risk > 1 || (len(r.Flags) > 0) != (r.Verdict == bus.VerdictScam) {
			t.Fatalf("bad result %+v", r)
		}
	})
}

func BenchmarkAdd(b *testing.B) {
	d := New()
	lines := []string{
		"hello this is amazon customer service calling about your account",
		"we noticed a suspicious order for an iphone placed on your account today",
		"um so to cancel it i need you to read me the six digit code we just sent",
		"okay and can you confirm the name on the card and the billing address please",
		"thank you for your patience sir this will only take a couple of minutes",
		"what is the best number to reach you at if we get disconnected",
	}
	segs := make([]bus.Segment, len(lines))
	for i, l := range lines {
		segs[i] = bus.Segment{Track: bus.TrackCaller, Text: l, Final: true}
	}
	c := d.NewCall()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i%1000 == 0 {
			c = d.NewCall() // a fresh call now and then, as in service
		}
		s := segs[i%len(segs)]
		s.Seq = uint64(i + 1)
		c.Add(s)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "segments/s")
}

func TestCurrencyAmounts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"wire $7,500 to the escrow account", "wire 7500 dollars to the escrow account"},
		{"£1,200.50 and €15 and ₹900", "1200 pounds and 15 euros and 900 rupees"},
		{"costs $ 5 or $x", "costs $ 5 or $x"},
		{"$", "$"},
	}
	for _, tt := range tests {
		if got := spellCurrency(tt.in); got != tt.want {
			t.Errorf("spellCurrency(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	d := New()
	r := d.Classify(ParseTranscript("Caller: This is Mr. Patel, lawyer for your grandson. He needs bail. Please wire " + Redact("$7,500") + " to the court escrow account right away."))
	if len(r.Flags) != 1 || r.Flags[0].Category != CategoryPaymentTransfer {
		t.Fatalf("a wire of a written amount: %+v", r.Flags)
	}
}

// TestContactVerbs: "messages/texts/emails you asking for" reports another
// party's ask (a warning), and "texting you a code" delivers one.
func TestContactVerbs(t *testing.T) {
	d := New()
	for _, tt := range []struct{ text, want string }{
		{"Dad: Listen, if anyone ever messages you pretending to be me asking for your Roblox password or codes, don't give it to them, okay?", ""},
		{"if someone emails you asking for your bank pin just delete it", ""},
		{"Caller: I'm texting you a code now, read it back to me.", CategoryVerificationCode},
		{"Caller: We are texting you a code, do not share it with anyone.", ""},
	} {
		r := d.Classify(ParseTranscript(tt.text))
		if firstCategory(r) != tt.want || len(r.Flags) > 1 {
			t.Errorf("%q: flags %+v, want %q", tt.text, r.Flags, tt.want)
		}
	}
}

// TestCourierAmounts: a courier sent for an amount of cash is a payment
// request under pressure; collecting parcels, or an amount without
// pressure, is not.
func TestCourierAmounts(t *testing.T) {
	d := New()
	for _, tt := range []struct{ text, want string }{
		{"Caller: Grandpa, it's me. I'm in trouble and I need bail money. The lawyer says a courier will come by your house to pick up $9,000 in cash.", CategoryPaymentTransfer},
		{"Caller: grandma i need bail money a courier will collect nine thousand dollars in cash tonight", CategoryPaymentTransfer},
		{"Hi mum, the courier will come at 3 to pick up 2 parcels from the shop.", ""},
		{"Hi, it's the garage, your car is ready, you can come to pick up 200 dollars worth of parts we ordered.", ""},
	} {
		r := d.Classify(ParseTranscript(Redact(tt.text)))
		if firstCategory(r) != tt.want {
			t.Errorf("%q: flags %+v, want %q", tt.text, r.Flags, tt.want)
		}
	}
}

// firstCategory is the category of r's first flag, "" without flags.
// wantOnly checks that each text, redacted and parsed as a transcript,
// raises the wanted category and no other (nothing when want is "").
func wantOnly(t *testing.T, d *Detector, cases []struct{ text, want string }) {
	t.Helper()
	for _, tt := range cases {
		r := d.Classify(ParseTranscript(Redact(tt.text)))
		if firstCategory(r) != tt.want || len(r.Flags) > 1 {
			t.Errorf("%q: flags %+v, want %q", tt.text, r.Flags, tt.want)
		}
	}
}

func firstCategory(r Result) string {
	if len(r.Flags) == 0 {
		return ""
	}
	return r.Flags[0].Category
}

// spottedCase is one caller segment with the keywords the spotter heard in
// it, and the category expected among its flags ("" for none).
type spottedCase struct {
	text string
	kws  []string
	want string
}

// wantSpotted checks that each segment, with its spotted keywords, raises
// the wanted category (or nothing).
func wantSpotted(t *testing.T, d *Detector, cases []spottedCase) {
	t.Helper()
	for _, tt := range cases {
		c := d.NewCall()
		c.Add(bus.Segment{Seq: 1, Track: bus.TrackCaller, Text: tt.text, Final: true, Keywords: tt.kws})
		r := c.Result()
		got := ""
		for _, f := range r.Flags {
			if got == "" || f.Category == tt.want {
				got = f.Category
			}
		}
		if got != tt.want {
			t.Errorf("%q %v: flags %+v, want %q", tt.text, tt.kws, r.Flags, tt.want)
		}
	}
}

// TestRemoteAccessShapes: a caller's way into the machine by verb ×
// machine, "remotely" with the caller as subject, and software the caller
// supplies, against the same words said to the listener or as a warning.
func TestRemoteAccessShapes(t *testing.T) {
	d := New()
	for _, tt := range []struct{ text, want string }{
		{"Caller: This is Microsoft. Your computer has a virus. I need to access your laptop remotely to remove it.", CategoryRemoteAccess},
		{"this is windows support your pc is infected let me remotely take over your desktop so i can clean it", CategoryRemoteAccess},
		{"Caller: Your router was hacked. Please let me view your screen so I can check the settings.", CategoryRemoteAccess},
		{"Caller: This is the Geek Squad. To cancel the order, open your computer and let me log in remotely to process the refund.", CategoryRemoteAccess},
		{"Caller: This is Norton. To get your refund, download the program I give you.", CategoryRemoteAccess},
		{"Caller: This is Amazon, we need to refund you. Install the software I will send you and I can do the refund.", CategoryRemoteAccess},
		{"Caller: Hi it's IT. You can log in remotely from home using the VPN, the instructions are on the intranet.", ""},
		{"Never let anyone access your computer remotely. Microsoft will never call you.", ""},
		{"Scammers may ask to access your screen. Hang up if they do.", ""},
		{"Caller: Hi Dad, I sent you the file, can you open it when you get a chance?", ""},
	} {
		r := d.Classify(ParseTranscript(tt.text))
		if firstCategory(r) != tt.want || len(r.Flags) > 1 {
			t.Errorf("%q: flags %+v, want %q", tt.text, r.Flags, tt.want)
		}
	}
}

// TestHandOversAndNewAccounts: a thing named before handed on by pronoun
// ("tell it to the agent", "call back with it"), and money sent to an
// account that has just changed, against negated hand-overs and news of
// a new account.
func TestHandOversAndNewAccounts(t *testing.T) {
	d := New()
	for _, tt := range []struct{ text, want string }{
		{"This is the Wells Fargo security team. You will get an authentication code in a minute. Please call back and tell it to the agent.", CategoryVerificationCode},
		{"You will get an authentication code in a minute. Please call back with it.", CategoryVerificationCode},
		{"We sent you a code. Don't tell it to anyone, not even us.", ""},
		{"Call us back with it and we will sort it out.", ""},
		{"Hi, it's the landlord. The rent is late. Please send it with Venmo or Cash App to my new account today.", CategoryPaymentTransfer},
		{"This is Acme Supplies, we have changed banks. Please pay the invoice into our new bank account.", CategoryPaymentTransfer},
		{"Hey, I switched banks last month, my new account is with Chase, I'll text you later.", ""},
		{"Your salary will be paid into your new account from next month.", ""},
	} {
		r := d.Classify(ParseTranscript(tt.text))
		if firstCategory(r) != tt.want || len(r.Flags) > 1 {
			t.Errorf("%q: flags %+v, want %q", tt.text, r.Flags, tt.want)
		}
	}
}

// TestValuesAppsAndBills: what an order is worth is no payment asked, an
// app opened is one the listener has, and an account number read off a
// bill named earlier is the utility's, against the asking variants.
func TestValuesAppsAndBills(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"This is Amazon. An order for an iPhone worth $549 has been charged to your card. If you did not place this order, press 1.", ""},
		{"Your account is overdue, you must pay 500 dollars today or we will disconnect.", CategoryPaymentTransfer},
		{"This is Amazon Logistics. To track your package, open the Amazon app. Thank you.", ""},
		{"This is PayPal. Your refund has been processed. Open your PayPal app to see it.", ""},
		{"This is Amazon security, your account was hacked. Download the app and I will fix it from my side.", CategoryRemoteAccess},
		{"This is BT, your line is hacked. I'm going to have you put an app on your laptop so our engineer can look.", CategoryRemoteAccess},
		{"Husband: Can you grab the bill off the fridge and read me the account number at the top?", ""},
		{"Caller: This is the electric company, your bill is overdue, read me the bank account number you want to pay from.", CategoryBankingDetails},
		{"Caller: This is your bank's fraud team. Read me your account number please.", CategoryBankingDetails},
		{"This is Amazon. We detected a recent login and purchase of an Xbox worth $528. If you want to confirm this order, press 1.", ""},
		{"Caller: This is Amazon security. Confirm your login so I can cancel the order.", CategoryCredentials},
	})
}

// TestRecogniserSplits: compounds a recogniser writes in halves ("pass
// word", "user name", "e mail", "user i d") and initialisms it spells
// letter by letter ("s i n", "t f n", "u p i") read as the whole word, for
// asking and telling alike.
func TestRecogniserSplits(t *testing.T) {
	d := New()
	for _, tt := range []struct{ text, want string }{
		{"this is apple support your account was hacked i need your apple i d and the pass word", CategoryCredentials},
		{"this is microsoft your email was hacked can you tell me the user name and pass word for your e mail", CategoryCredentials},
		{"never share your pass word with anyone not even us", ""},
		{"my pass word is on a sticky note so i will read it later", ""},
		{"this is service canada your social insurance number is suspended please give me your s i n number", CategoryPersonalID},
		{"Service Canada here, your SIN was used in a crime. Please read me your nine-digit SIN.", CategoryPersonalID},
		{"we will never ask for your s i n over the phone", ""},
		{"this is the australian taxation office please tell me your t f n now or the police will come", CategoryPersonalID},
		{"you have a tax debt and a warrant for your arrest pay it now by pay i d to the email i give you", CategoryPaymentTransfer},
		{"you can pay your bill by pay i d in your banking app", ""},
		{"this is the income tax department you must pay the penalty by neft or imps today or police will arrest you", CategoryPaymentTransfer},
		{"this is the tax office pay your outstanding balance by bpay using the biller code on your notice", ""},
		{"i d like to book a table for two", ""},
		{"theres a processing fee of two hundred you can pay with an e bay card from any store", CategoryGiftCard},
		{"this is immigration read me your pass port number now or you will be deported", CategoryPersonalID},
		{"hold on line two please", ""},
		{"this is the nhs your vaccine record has a problem please read me your n h s number", CategoryPersonalID},
	} {
		r := d.Classify(ParseTranscript(tt.text))
		if firstCategory(r) != tt.want || len(r.Flags) > 1 {
			t.Errorf("%q: flags %+v, want %q", tt.text, r.Flags, tt.want)
		}
	}
}

// TestWalletsCodesAndStories: a wallet's recovery words (and "seat
// phrase" for "seed phrase"), a misheard "code" by its length or delivery,
// an account about to be shut as pressure, a balance moved across, money
// the listener is to receive, and what another call asked of the speaker
// told on to a relative.
func TestWalletsCodesAndStories(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is metamask support your funds will be drained please read me your seat phrase the twelve words in order", CategoryCredentials},
		{"Never share your seed phrase or the twelve words with anyone.", ""},
		{"i wrote the twelve words on a card and put it in the safe", ""},
		{"please give me the twelve word seed so i can secure your coins", CategoryCredentials},
		{"this is natwest fraud we have moved your account to a new sort code please transfer everything over to it today", CategoryPaymentTransfer},
		{"hi mum i moved everything over to the new laptop last night it works fine", ""},
		{"it sent the code to your phone by mistake could you just read me the six digit coat that came through", CategoryVerificationCode},
		{"could you read me the coat we sent you", CategoryVerificationCode},
		{"im selling the couch to make sure youre real im sending you a google voice cold just text it back to me", CategoryVerificationCode},
		{"your verification code is 482913 do not text it back to anyone", ""},
		{"read me the label on the coat that came back from the cleaners", ""},
		{"This is the Office 365 team. Your mailbox will be disabled today. Call us back and have your email username and password ready.", CategoryCredentials},
		{"hi mum whats the password for the xbox account", ""},
		{"hey mum my xbox account got banned for a day lol whats the password for the xbox account", ""},
		{"Hi this is Chase, our branch will be closed on Monday, please call us back and have your account number ready.", ""},
		{"this is xbox enforcement your sons account will be banned tomorrow whats the password for the xbox account", CategoryCredentials},
		{"Rep: This is the HSBC fraud team. We opened a new protected account in your name. What we need to do now, today, is move your balance across before they try again.", CategoryPaymentTransfer},
		{"Press 1 to hear your balance.", ""},
		{"Scammer: You've won the second prize! To transfer your winnings we need to wire it directly into your bank.", ""},
		{"Scammer: This is your bank's fraud team. Wire the money to this account right now.", CategoryPaymentTransfer},
		{"this is the irs you are eligible for a stimulus payment of 1400 dollars to deposit the money into your account we need your routing number", CategoryBankingDetails},
		{"you have won five thousand dollars to claim it pay the processing fee of two hundred dollars by wire today", CategoryPaymentTransfer},
		{"this is your bank fraud team move all your money into your new safe account today", CategoryPaymentTransfer},
		{"Tom: I got a call from someone saying they were HMRC.\nMum: Oh no.\nTom: They wanted me to go to Tesco and buy iTunes vouchers and read them the numbers. I just hung up.\nMum: Good. HMRC would never ask for that. You should report it.\nTom: I already forwarded the number to 7726.", ""},
		{"Caller: This is the attorney for your grandson, he is in jail. He told me to call you. He needs you to send 5000 dollars for bail today.", CategoryPaymentTransfer},
		{"officer he said he was from the tax office and he told me i had to pay in gift cards so i bought two and read him the numbers", ""},
		{"this is your grandsons lawyer he said he was in a car accident and he needs bail please send 5000 dollars today", CategoryPaymentTransfer},
		{"the irs agent said he was going to arrest you unless you pay now so buy the google play cards and read me the numbers", CategoryGiftCard},
	})
}

// TestOwnCallsPinCodesAndPlatforms: a call from the listener is no told
// story, a "pin code we sent" is the delivered code, other countries' tax
// numbers and agencies, and money moved "to your account at" a platform
// is still a payment asked.
func TestOwnCallsPinCodesAndPlatforms(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Caller: This is Amazon. We got a call from you earlier. They told us you wanted a refund. Read me the code we sent so I can process it.", CategoryVerificationCode},
		{"Me: I got a call from a man saying he was from Amazon. He told me to download AnyDesk and give him the code on the screen.", ""},
		{"can you read me the four digit pin code we just sent you", CategoryVerificationCode},
		{"i need you to read me your passport number and the date of expiry from the photo page", CategoryPersonalID},
		{"just tell me your card number and the expiry and the three digit number back side of the card", CategoryBankingDetails},
		{"this is your bank, can you confirm the pin code for your debit card", CategoryBankingDetails},
		{"this is inland revenue new zealand please confirm your ird number or you will be arrested", CategoryPersonalID},
		{"this is the canada revenue agency, we need your social insurance number to hand when you call back", CategoryPersonalID},
		{"your profits are ready transfer the money to your account at coinbase right now to avoid the withdrawal fee", CategoryPaymentTransfer},
		{"we will send the refund to your bank account within three days thank you for calling", ""},
		// "please" starts a new ask: a cue before it with another subject does not carry over.
		{"this is the lawyer for your grandson he needs bail please wire seven thousand five hundred dollars right away", CategoryPaymentTransfer},
		{"he needs bail but please do not send any money to anyone who calls", ""},
		// "if this was not you": the negation is the condition's, not the ask's.
		{"hi this is your bank we noticed a login from a new device if this was not you read me the six digit cope we just texted", CategoryVerificationCode},
		{"if you do not share your password with anyone your account stays safe", ""},
		{"if this is not you do not share the code with anyone", ""},
		// A recogniser's past tense after "never" still negates the asking verb.
		{"this is a reminder from your bank we will never asked you to move money to as safe account or to buy gift cards if someone does hang up", ""},
		{"this is your bank we never asked you for your pin but now we need you to buy gift cards to protect your account", CategoryGiftCard},
	})
}

// TestRecogniserNegationAndPlease: a recogniser's tense slip keeps a
// negated asking verb negated ("we will never asked you to … or to buy
// gift cards"), and "please" opens an ask of its own, so a noun before it
// ("used by criminals please withdraw your cash") is no subject.
func TestRecogniserNegationAndPlease(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is a reminder from your bank we will never asked you to move money to as safe account or to buy gift cards if someone does hang up", ""},
		{"we never asked you to read out the code or to give us your pin", ""},
		{"hi this is chase we have never asked for your password and we never will", ""},
		{"this is your bank we asked you to move your money to a safe account today do it now", CategoryPaymentTransfer},
		{"this is the police your bank account is being used by criminals please withdraw your cash", CategoryPaymentTransfer},
		{"this is the police criminals withdraw cash from accounts like yours every day", ""},
		{"scammers may ask you to withdraw your cash please hang up on them", ""},
	})
}

// TestRecogniserYour: "their", "there", "or", "year" a recogniser writes
// for "your" between a request verb and a sensitive object are the
// listener's; a third party's things named otherwise stay theirs.
func TestRecogniserYour(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is the help desk we are moving everyone to the new email system tonight please reply with their network password so we can move your mailbox", CategoryCredentials},
		{"this is the department of motor vehicles your license is suspended please call back with their driver's license number and date of birth", CategoryPersonalID},
		{"your warranty expired and your computer is infected please let us take control of their computer to clean it", CategoryRemoteAccess},
		{"this is your bank your card is blocked please call back and confirm or debit card info so we can reactivate it", CategoryBankingDetails},
		{"this is the irs please give me there social security number now or you will be arrested", CategoryPersonalID},
		{"their password was leaked in a breach so please change it", ""},
		{"the bank asked for their pin and they gave it", ""},
		{"they called the bank and gave them their card number", ""},
		{"kids please share their screen with the teacher during class", ""},
		{"please tell me or text me when you get home", ""},
		{"you can pay with cash or card at the desk", ""},
	})
}

// TestGarbledListItem: a list governed by one request verb whose first
// item the recogniser garbled ("your <noise> and social security number")
// is still asked; "your X and …" with a clause of its own is not a list.
func TestGarbledListItem(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"hello this is the census bureau we need to finish your form please tell me your film main gate of the earth and social security number", CategoryPersonalID},
		{"hello this is the census bureau please tell me your phone then there to earth and social security number", CategoryPersonalID},
		{"this is your bank please read me your full name in her and card number", CategoryBankingDetails},
		{"please tell me your plans for the weekend and i will send you the social security form", ""},
		{"please tell me your name and whether you have your social security card with you", ""},
		{"can you tell me your favourite colour and my social security number is on the form", ""},
	})
}

// TestPaymentMeansAndPayees: a payment asked by its means when the
// recogniser lost the verb ("… now by sending the money with Zelle",
// "… must be made today with gift cards"), a payee the caller will supply,
// and money "sent by mistake" to be sent back, against thanks, bills paid
// the usual way and call-back numbers.
func TestPaymentMeansAndPayees(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"hi this is a utility company your account is overdue pay now by sending them on you would sell to the number i give you our readers connected today", CategoryPaymentTransfer},
		{"hi this is a utility company your account is older dude a night by sending the money would sell to the number by gave you are we disconnected today", CategoryPaymentTransfer},
		{"this is paypal a payment was sent to you by mistake please send the nine hundred dollars back to the phone number in the text", CategoryPaymentTransfer},
		{"hello this is the power company your time does past due date and must be made today with eddie gift cards", CategoryGiftCard},
		{"thank you for sending the money to the number i gave you last week", ""},
		{"you can pay your bill by sending a check to the address on the statement", ""},
		{"hi its jane i sent you fifty dollars by mistake no worries keep it for the pizza", ""},
		{"please call us back at the number in the text message", ""},
		{"to pay your bill please call us back at the number we will text you", ""},
	})
}

// TestScratchPanels: scratching a card's panel, under pressure, asks for
// gift cards even when the recogniser lost the "buy"; negated and
// reported scratching does not.
func TestScratchPanels(t *testing.T) {
	d := New()
	for _, tt := range []struct{ text, want string }{
		{"hello this is tech support to process your refund please doctors two hundred dollars in the tubes gift cards and scratch off the back", CategoryGiftCard},
		{"this is the irs you owe back taxes go to the store and scratch off the silver strip on the cards and read me what is underneath", CategoryGiftCard},
		{"never scratch off the back of a gift card for someone who calls you", ""},
		{"scammers will ask you to scratch off the back of the cards and read the numbers", ""},
	} {
		r := d.Classify(ParseTranscript(Redact(tt.text)))
		if firstCategory(r) != tt.want {
			t.Errorf("%q: flags %+v, want %q", tt.text, r.Flags, tt.want)
		}
	}
}

// TestSpottedHeadWord: a spotted phrase stands in for its head word the
// transcript lost ("pin" of "pin number" in "tell me or pay number"), even
// when the transcript heard the filler "number"; where the transcript
// heard the head word itself, its reading stands.
func TestSpottedHeadWord(t *testing.T) {
	d := New()
	wantSpotted(t, d, []spottedCase{
		{"this is your bank we have la cara town please tell me or pay number so we can unlock it today", []string{"pin number"}, CategoryBankingDetails},
		{"hello this is my daughter we are sending you a new card please read me or my editor number so we can process it", []string{"medicare number"}, CategoryPersonalID},
		{"hi mum what is the pin for the garage door i forgot the number", []string{"pin number"}, ""},
		{"thanks for your order your tracking number is in the email", []string{"pin number"}, ""},
		// A near-homophone the transcript heard is its reading, not the keyword's.
		{"hello this is the passport office your passport application is approved you can track it using your application reference", []string{"your password"}, ""},
		{"this is your bank please bring photo id like your passport to the branch", []string{"password"}, ""},
		// A plural or another spelling of the head word is still the keyword's word.
		{"this is yahoo account recovery we need the answers to your security questions call us back", []string{"security question"}, CategoryCredentials},
	})
}

func TestSoundsLike(t *testing.T) {
	tests := []struct {
		head, w string
		want    bool
	}{
		{"password", "passport", true},
		{"password", "password", false},
		{"question", "questions", false}, // a plural
		{"license", "licence", false},    // a spelling
		{"security", "secure", false},    // too short a match
		{"pin", "pen", false},            // too short to judge
		{"medicare", "medical", true},
		{"password", "pass", false}, // not as long
	}
	for _, tt := range tests {
		if got := soundsLike(tt.head, tt.w); got != tt.want {
			t.Errorf("soundsLike(%q, %q) = %v, want %v", tt.head, tt.w, got, tt.want)
		}
	}
}

// TestPurposeAndCardCode: a card's security code described by its length
// and place, after the caller's purpose clause ("to issue your refund"),
// is asked even when the recogniser lost the verb ("read me" heard as "by
// the"); with a clause of its own, a negation, a report or a verb after
// it, it is told.
func TestPurposeAndCardCode(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"hello this is visa security to issue your refund by the the three digit security code on the back of your card", CategoryBankingDetails},
		{"to verify your account please the three digit security code on the back of your card", CategoryBankingDetails},
		{"to protect your card never share the three digit security code on the back of your card", ""},
		{"to keep your account safe the three digit security code on the back of your card is never needed on the phone", ""},
		{"to keep your card safe we have moved the three digit security code on the back of your card to the app", ""},
		{"to protect your identity scammers want the three digit security code on the back of your card", ""},
		{"to verify your identity we use the three digit code on the back of your card only when you call us", ""},
		{"to activate your new card call the number on the back of your card", ""},
	})
}

// TestStoriesNegationsInPersonAndNewSecrets: a told story of another call
// with its caller quoted, "at no point … will we ask", a document brought
// in person, and a relative's new password typed into the listener's own
// boxes, each against the asking variant it must not hide.
func TestStoriesNegationsInPersonAndNewSecrets(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		// Quotes inside a told story of another call are telling.
		{"A: You will not believe the call I had this morning.\nB: Go on.\nA: So this guy rings, says he's from my bank.\nB: Oh no.\nA: And then he says, \"we're going to send you a code, can you read it back to us to cancel it.\" And I just hung up.", ""},
		{"i got a call this morning and he says can you read me the code we sent", ""},
		{"hello dear i just wanted to tell you i had one of those calls you warned me about a man saying i owed tax and i had to buy gift cards from the supermarket can you believe it", ""},
		{"Caller: This is your grandson's lawyer. He said he was in a crash. And he said, please send the bail money today by wire, grandma.", CategoryPaymentTransfer},
		{"this is amazon, you will get a call from our courier, read me the code we sent", CategoryVerificationCode},
		{"this is your bank, he says there is fraud on your card, can you read me the code we just sent", CategoryVerificationCode},
		// Negations of a whole sentence.
		{"Just so you know, at no point in the process will we or the client ask you to pay anything or give bank details before an offer.", ""},
		{"on no account will anyone from the bank ask you to buy gift cards", ""},
		{"under no circumstances will we need your online banking password", ""},
		{"this is your bank, we will have it sorted in no time, just read me the code we sent", CategoryVerificationCode},
		{"this is the irs, there is no point waiting, read me your social security number now", CategoryPersonalID},
		// A document brought in person is shown, not read out.
		{"HR: For your first day, please bring your passport, or your residence permit, in person, so we can do the right to work check.", ""},
		{"please bring your driving licence to the branch when you come in to open the account", ""},
		{"this is the immigration office, read me your passport number, an officer will visit you in person tomorrow", CategoryPersonalID},
		{"your card has been compromised, an officer will collect it in person, read me the pin", CategoryBankingDetails},
		// A new password set by the listener, typed into their own boxes.
		{"Dad: It wants a new password.\nLucy: Is it the screen with new password and confirm? Just make one up, something you'll remember. But don't tell me what it is, just type it in both boxes.", ""},
		{"this is microsoft support, your account is locked. choose a new password and tell me what it is so i can update our system", CategoryCredentials},
		{"this is microsoft support. open the page i sent you and enter what you would type to log on, both boxes", CategoryCredentials},
	})
}

// TestDepositsAheadAndMedicareSplit: a deposit sent ahead to a seller or
// landlord who cannot meet, and a recogniser's "medi care".
func TestDepositsAheadAndMedicareSplit(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"hi its the landlord for the student room im in poland at the moment so i cant show it to reserve you send the deposit and first month eight hundred euros by wise or remitly and i post you the keys", CategoryPaymentTransfer},
		{"about the camper van, im posted in germany so i cant show it but if you pay the deposit of two thousand through their escrow by bank transfer they deliver it to you", CategoryPaymentTransfer},
		{"hi its the letting agent, viewings are on saturday, if you want to go ahead after the viewing you can pay the holding deposit by bank transfer", ""},
		{"hi mum i cant show you the photos now, i will send them tonight", ""},
		{"this is your medi care plan i just need to verify your medi care number so we can ship the kit", CategoryPersonalID},
		{"we will never ask for your medi care number over the phone", ""},
	})
}

// TestPointersPhotosQuotesAndReachingNegations: a reading pointer ("for
// more information, visit our website"), a photo taken for an app, a told
// story quoted across segments ("and then he said, and I quote, …"), a
// negation carried on past "ever" and across segments, and one negated
// verb before "or", each against the asking variant it must not hide.
func TestPointersPhotosQuotesAndReachingNegations(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"This is Ausgrid with a message about planned maintenance. Power will be off in your street on Tuesday between 8 am and 2 pm. For more information, visit our website.", ""},
		{"this is the power company your service will be cut today for more details please see our website", ""},
		{"this is microsoft your computer is hacked, visit our website and download the support app now", CategoryRemoteAccess},
		{"Driver: Hi, it's your Amazon driver, there's no answer at the door.\nDriver: No worries, I'll leave it there and take a photo for the app.", ""},
		{"this is amazon, buy a google play card and take a photo of the back and send it to me", CategoryGiftCard},
		{"Hi Mum, it's Sophie. Just ringing to warn you, I got the weirdest call this morning. This guy said he was from Amazon and someone had bought a laptop on my account, and then he said, and I quote, \"to reverse the charge you need to buy Google Play gift cards and read me the numbers.\" I just laughed and hung up. Anyway, it's a scam.", ""},
		{"this is amazon security, i quote your case number 4471, you need to buy google play gift cards and read me the numbers now or you will be arrested", CategoryGiftCard},
		{"HR: Please bring your Social Security card. Please don't email or text them to us.", ""},
		{"HR: nobody from our team will ever ask you to read the numbers over the phone. We'll look at them at the front desk and that's it.\nMarcus: Got it, I'll bring my passport.", ""},
		{"this is your bank, nobody else can help you now, we sent you a code, read me the numbers over the phone", CategoryVerificationCode},
		{"this is the irs, you will be arrested today, read me your social security number now", CategoryPersonalID},
	})
}

// TestReadyCallBacksAndKeyedCodes: "call us back and have your X ready"
// (a list of X too), and a code keyed into the call ("press 1 and enter
// the code we just sent", "… followed by the hash key"), each against the
// telling and ordinary variants that must stay clean.
func TestReadyCallBacksAndKeyedCodes(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"hi this is a message from the benefit office please call us back and have your social insurance number and your childrens birth certificate numbers ready", CategoryPersonalID},
		{"this is revenue, your account needs to be re verified, please call us back and have your ross password and your security question answers ready", CategoryCredentials},
		{"please call us back and have your passport handy", CategoryPersonalID},
		{"please have your passport ready when you visit the branch", ""},
		{"Hi this is Chase, please call us back and have your account number ready.", ""},
		{"hi its the dentist please call us back to confirm your appointment and have your insurance card ready", ""},
		{"please call us back when you can, we will never ask you to have your password ready", ""},
		{"If this was not you, press 1 now and enter the six-digit verification code we just sent to your phone to block this device.", CategoryVerificationCode},
		{"To cancel this payment, please key in the one-time passcode we have just sent you by text message, followed by the hash key.", CategoryVerificationCode},
		{"your verification code is 482913. enter it on the website to finish signing in. do not share this code.", ""},
		{"press 1 to hear this again. to log in, enter the code we sent you on the app", ""},
		{"never enter the code we sent you on your keypad if someone calls you", ""},
	})
}

// TestPaymentsByMenuPayeeAndTrust: "press one now to pay" under a threat
// (a biller's plain menu stays clean), "paid today by bank transfer to the
// account we'll give you", "transfer the funds to our trust account", each
// against the telling variants.
func TestPaymentsByMenuPayeeAndTrust(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is the toll road authority you have unpaid tolls, to avoid a late fee and suspension of your license press one now to pay immediately", CategoryPaymentTransfer},
		{"this is the electric company, your power will be disconnected in one hour, press 1 to pay now", CategoryPaymentTransfer},
		{"your bill is ready. press one to pay by card, press two to speak to an agent", ""},
		{"hi this is the revenue commissioners, the sheriff will call to seize goods tomorrow unless its paid today by bank transfer to the account well give you", CategoryPaymentTransfer},
		{"your salary is paid by bank transfer to your account on the 25th", ""},
		{"the rate closes at five today so youll need to transfer the funds to our trust account now", CategoryPaymentTransfer},
		{"we will never ask you to transfer money to a verification account", ""},
	})
}

// TestSpottedKeywordAfterNegatedAsk: a keyword the spotter heard in a
// segment with a negated ask ("will never ask for your verification card")
// is that told object, misheard in the text, and pairs with no cue before
// the negation ("no action is needed"); a fresh ask after the negation,
// or a segment whose only negation is the caller's own garbled purpose
// ("so i can't connect"), still flags.
func TestSpottedKeywordAfterNegatedAsk(t *testing.T) {
	d := New()
	wantSpotted(t, d, []spottedCase{
		{"this is your bank security team please read me the verification cold we just sent", []string{"verification code"}, CategoryVerificationCode},
		{"this is the bank your account is locked do not hang up and tell me the verification cold on your phone", []string{"verification code"}, CategoryVerificationCode},
		{"please install any act and give me the nine digit numbers so i can't connect", []string{"any desk"}, CategoryRemoteAccess},
		{"we saw an unusual charge if you made it a new action is needed taste will never ask for your verification card in our password", []string{"verification code"}, ""},
		{"if you made it no action is needed changes will never ask for your dedication pulled in the lower cost work", []string{"verification code"}, ""},
		{"hi this is the bank no action is needed and do not share your verification cold with anyone", []string{"verification code"}, ""},
	})
}

// TestClaimCodes: Amazon's "claim codes" (and "redemption codes") in the
// plural are gift-card objects like the singular, against a description
// of the card and a warning.
func TestClaimCodes(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is the irs you owe back taxes buy the cards at any store and read the claim codes to the officer", CategoryGiftCard},
		{"scratch the back and text me the redemption codes", CategoryGiftCard},
		{"the claim codes are printed on the back of each card", ""},
		{"never give the claim codes to anyone who calls you", ""},
	})
}

// TestBareCardSecrets: a secret of the listener's card described by its
// length and place, with the request verb lost by the recogniser, asks
// when the call has pressure or impersonation; a bank's warnings and
// instructions naming the same thing, and the same words without
// pressure, stay clean.
func TestBareCardSecrets(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is your credit union your card is locked please call back and um the sixteen digits on the front of your card", CategoryBankingDetails},
		{"this is your bank fraud team your account is frozen please the long number on the front of your card", CategoryBankingDetails},
		{"hello this is mastercard security your card was used in another country uh the three digit security code on the back of your card so we can block it", CategoryBankingDetails},
		{"hi its dave, about the shop, um the sixteen digits on the front of your card", ""},
		{"when you pay online you will be asked for the three digit code on the back of your card", ""},
		{"this is chase fraud department we will never ask for the three digit security code on the back of your card", ""},
		{"this is your bank fraud team if you shop online keep the three digit code on the back of your card private", ""},
		{"this is visa your new card has arrived the sixteen digits on the front of your card are the same", ""},
		{"this is your credit union fraud alert scammers may ask for the sixteen digits on the front of your card hang up", ""},
		{"this is capital one the three digit security code on the back of your card protects online purchases", ""},
		{"this is your bank, if a caller wants the three digit code on the back of your card hang up", ""},
		{"the sixteen digits on the front of my card are worn off, this is the bank, i need a new one", ""},
	})
}

// TestBareNewAccountPayee: "to my new account" after a money word, with
// the request verb lost, asks for a payment; the same account in a
// sentence with a subject, tense or verb of its own is news.
func TestBareNewAccountPayee(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"hi it's your landlord the rent is overdue um the money by zelle uh to my new account tonight", CategoryPaymentTransfer},
		{"its me the rent is late so the cash uh with cash app to our new account today please", CategoryPaymentTransfer},
		{"hi mum i moved my cash to my new account", ""},
		{"i transferred the money to my new account", ""},
		{"my salary is now paid to my new account", ""},
		{"the cash app payment to my new account bounced", ""},
		{"i switched banks so the money goes to my new account now", ""},
		{"never send money to my new account", ""},
	})
}

// TestBareIDCopies: a photo or copy of the listener's identity document
// with the request verb lost asks under pressure; the same document kept,
// brought in person, received, warned about or described stays clean.
func TestBareIDCopies(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"congratulations you won the prize to claim it uh a copy of your drivers license today", CategoryPersonalID},
		{"this is the immigration office your visa is cancelled to avoid deportation um a picture of your passport right away", CategoryPersonalID},
		{"hi its the travel agent you will need to bring a photo of your passport to the appointment", ""},
		{"keep a copy of your passport in a safe place when you travel abroad", ""},
		{"we have received the photo of your passport thank you", ""},
		{"never send a photo of your passport to anyone who calls", ""},
		{"make a copy of your passport before you travel", ""},
		{"hi this is the bank fraud team scammers may ask for a photo of your passport", ""},
		{"this is the dmv a copy of your drivers license is required at the counter", ""},
		{"hi this is the hiring team congratulations you got the job please bring a photo of your id on your first day", ""},
	})
}

// TestStoreErrandGiftCards: a store errand ("go to cvs and …") before a
// gift card's brand, its "buy" lost or heard as "i", asks for gift cards
// under pressure; a family errand without pressure and a warning stay clean.
func TestStoreErrandGiftCards(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is the sheriff there is a warrant for your arrest go to cvs and uh the google play cards then call me back", CategoryGiftCard},
		{"this is the irs you owe back taxes go to walmart and i itunes cards right away", CategoryGiftCard},
		{"hi honey can you go to target and get an apple card for your niece", ""},
		{"i'm going to go to walmart and buy google play cards for the kids", ""},
		{"never go to walmart and buy gift cards because someone on the phone told you to", ""},
	})
}

// TestSpottedKeywordHeardAsObject: a spotted keyword whose word ends a
// strong object of its category in the text ("the gift" for {gift cards})
// was heard by the text too, so the rules' judgement of that object (a
// thank-you) stands; a weak object sharing a word ("cash" for {cash app})
// leaves the keyword free to pair with a cue.
func TestSpottedKeywordHeardAsObject(t *testing.T) {
	d := New()
	wantSpotted(t, d, []spottedCase{
		{"hi nana i got the gift and when you send your next letter say hi to grandpa", []string{"gift cards"}, ""},
		{"hi sweetie i got the gift thank you send my love to dad i will use it at the cinema", []string{"gift cards"}, ""},
		{"this is the sheriff you have a warrant please send the bail with cash today", []string{"cash app"}, CategoryPaymentTransfer},
	})
}

// wantOnlySplit is wantOnly for text cut into final segments at " | ",
// as a recogniser or a long line's split cuts it, between words.
func wantOnlySplit(t *testing.T, d *Detector, cases []struct{ text, want string }) {
	t.Helper()
	for _, tt := range cases {
		var segs []bus.Segment
		for i, part := range strings.Split(tt.text, " | ") {
			segs = append(segs, bus.Segment{Seq: uint64(i + 1), Text: Redact(part), Final: true, Start: float64(i)})
		}
		r := d.Classify(segs)
		if firstCategory(r) != tt.want || len(r.Flags) > 1 {
			t.Errorf("%q: flags %+v, want %q", tt.text, r.Flags, tt.want)
		}
	}
}

// TestMailboxMigration: an IT desk's mailbox-migration pretext is
// impersonation by what it says, so the weak office-network password
// asked with "reply with" counts; the same notice without an ask, or with
// a promise never to ask, stays clean, and a family's network password
// stays weak.
func TestMailboxMigration(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"hi team we are migrating your mailbox this weekend please reply with your network password so nothing is lost", CategoryCredentials},
		{"this is a notice the mailbox upgrade is tonight reply with your network password and user name", CategoryCredentials},
		{"hi all we are moving everyone to the new email system tonight, you do not need to do anything and we will never ask for your password", ""},
		{"hi its dad whats the network password again", ""},
		{"your mailbox is full please delete some messages", ""},
	})
}

// TestSubjectBeforeObject: a subject pronoun straight before a noun phrase
// object ("… must be made today with uh we gift cards") starts no clause,
// so the payment wording still governs it; a pronoun with a verb of its
// own ("so we pin down", "they gift cards will arrive") still breaks.
func TestSubjectBeforeObject(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is the power company the payment must be made today with uh we gift cards or we cut the power", CategoryGiftCard},
		{"send the money and they gift cards will arrive", ""},
		{"give me a call so we pin down the date", ""},
		{"read me the list and we pin it on the board", ""},
		{"tell me when we password reset is done", ""},
	})
}

// TestKeyedCodeAcrossSegments: the keypad or hash key that makes a typed
// code one keyed into the call may come in the next segment ("… enter the
// verification code we sent you | followed by the hash key"); a code
// entered on a website stays clean however the text is cut.
func TestKeyedCodeAcrossSegments(t *testing.T) {
	d := New()
	wantOnlySplit(t, d, []struct{ text, want string }{
		{"this is your bank fraud line a new payee was added to stop it please type the security code we have just sent | to your phone then press the hash key", CategoryVerificationCode},
		{"to confirm the refund kindly key in the one time passcode from the text message | and finish with the pound key", CategoryVerificationCode},
		{"to finish signing in enter the code we sent on the website. | for your balance press the hash key", ""},
		{"we sent you a code by text message enter it on the website | never key it into a phone call", ""},
	})
}

// TestNeedsWithoutImperative: a need put as what would help or what is
// missing ("it'd help to have …", "the only thing missing is …"), the
// Philippine SSS and PhilSys numbers, and a login's email by its use,
// against the same words told or warned about.
func TestNeedsWithoutImperative(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Agent: This is the bank's security desk. It'd really help to have your online banking password so I can lock the session.", CategoryBankingDetails},
		{"Caller: to finish the refund it would help to have your social insurance number.", CategoryPersonalID},
		{"Caller: Right, the only thing missing is your passport number, then the parcel is released.", CategoryPersonalID},
		{"Caller: we are almost done, the only thing we still need is the PIN for that card.", CategoryBankingDetails},
		{"hello po this is the benefits office, for the cash aid we need your sss number and your philsys id", CategoryPersonalID},
		{"this is microsoft your account was hacked, tell me the email address you sign in with and your password", CategoryCredentials},
		{"Scammers will say it would help to have your password. Never give it.", ""},
		{"It would help to have a quiet room for the interview.", ""},
		{"The only thing missing is the signature on page two, you can post it back.", ""},
		{"Your SSS number is printed on your UMID card, keep it safe.", ""},
		{"You can reset it from the email address you sign in with.", ""},
	})
}

// TestLetterNamedAcronyms: an acronym spelled with the names of its
// letters ("oh tee pee", "ess ess en") is the acronym, as "o t p" is;
// the names alone, or told, ask for nothing.
func TestLetterNamedAcronyms(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"sir you got one oh tee pee on your mobile just now kindly tell me the oh tee pee", CategoryVerificationCode},
		{"for the refund i will need your ess ess en and your date of birth", CategoryPersonalID},
		{"okay madam now the see vee vee on the back side please", CategoryBankingDetails},
		{"never share the oh tee pee with anyone, not even bank staff", ""},
		{"oh tee time is at nine, see you there", ""},
	})
}

// TestAadhaarSpellings: the Aadhaar number as transcribers and
// recognisers spell it ("adhar", "adhaar"), asked or told.
func TestAadhaarSpellings(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"madam your gas connection will be cut today, please read me your twelve digit adhar number", CategoryPersonalID},
		{"sir for kyc update just tell me adhaar number and name as on card", CategoryPersonalID},
		{"bring your adhar card to the branch in person for kyc", ""},
		{"uidai never asks for your adhar number on a phone call", ""},
	})
}

// TestPaidIntoTheAccountYouHold: money paid "into the account you
// registered / hold / normally use" comes to the listener; an account
// the listener was given, or the caller's, is still a payee.
func TestPaidIntoTheAccountYouHold(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Caller: This is the tax office. Your rebate of 640 dollars is approved and we will pay it into the account you registered with us.", ""},
		{"Agent: the insurer will transfer the 900 pounds to the account you normally use for your premiums, nothing else to do.", ""},
		{"this is the tax office, there is a warrant for your arrest, pay the 900 dollars today into the account you were given by the officer", CategoryPaymentTransfer},
		{"this is the police, you will be arrested unless you transfer 2000 dollars into the account i give you", CategoryPaymentTransfer},
	})
}

// TestTypedYourself: a secret typed "yourself" is typed where it is used
// and kept by the listener; a typed code keyed into the call, or a
// secret read out, is still asked.
func TestTypedYourself(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Agent: I'll stay on the line while you reset it, you enter the new password yourself, I never see it.", ""},
		{"Support: on the sign in page, type your passcode in yourself and press continue.", ""},
		{"this is your bank, your account is locked, type your online banking password here so i can check it", CategoryBankingDetails},
		{"this is your bank, your account is locked, read me your password yourself right now", CategoryCredentials},
	})
}

// TestMaidenNameWithBirthDate: a mother's maiden name asked with a date of
// birth is identity proof as well as a security answer, so both categories
// are raised; asked alone it stays a credential, and told it asks nothing.
func TestMaidenNameWithBirthDate(t *testing.T) {
	d := New()
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"this is your health plan, to keep your cover active please confirm your date of birth and your mother's maiden name", []string{CategoryCredentials, CategoryPersonalID}},
		{"before i can release the funds i need your date of birth and your mothers maiden name", []string{CategoryCredentials, CategoryPersonalID}},
		{"this is the bank security team, what is your mother's maiden name", []string{CategoryCredentials}},
		{"we will never ask for your date of birth or your mother's maiden name on the phone", nil},
		{"my mother's maiden name was smith and her date of birth is in the family bible", nil},
	} {
		r := d.Classify([]bus.Segment{{Seq: 1, Text: tt.text, Final: true}})
		got := flagCats(r.Flags)
		slices.Sort(got)
		want := slices.Clone(tt.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q: flags %v, want %v", tt.text, got, want)
		}
	}
}

// TestSpottedKeywordSpeakerHands: a spotted keyword whose word the text
// heard as money the speaker hands over ("i'll bring cash" for {cash app})
// is the listener's to receive, so a "give me a call back" after it asks
// for nothing; the same word in an errand put to the listener still
// leaves the keyword to judge.
func TestSpottedKeywordSpeakerHands(t *testing.T) {
	d := New()
	wantSpotted(t, d, []spottedCase{
		{"hi its dave about the lawnmower you listed i can come sunday and i will bring cash give me a call back", []string{"cash app"}, ""},
		{"hello about the sofa we can pay cash when we pick it up tell me a good time", []string{"cash app"}, ""},
		{"hi mum i will send you cash for the trip give me a call", []string{"cash app"}, ""},
		{"this is the county jail your son was arrested you must bring cash to the station give me a call back", []string{"cash app"}, CategoryPaymentTransfer},
		{"grandma i am in trouble i need you to send cash right away give me a call", []string{"cash app"}, CategoryPaymentTransfer},
	})
}

// TestPressedCode: a verification code right after a key press, its typing
// verb garbled ("and entered", "and then to"), is keyed into the call; a
// code the press has sent, or one with a verb or subject of its own, is
// told.
func TestPressedCode(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is your bank to stop the transfer press two and and turn the one time passcode we texted you", CategoryVerificationCode},
		{"someone is using your netflix account press one now and entered the authentication code from the text message", CategoryVerificationCode},
		{"to cancel the order press 1 and then to the verification code on your screen", CategoryVerificationCode},
		{"press one and a verification code will be sent to your phone", ""},
		{"to get a new code press one and we will text you a verification code", ""},
		{"press one and get a new verification code", ""},
		{"press one and receive your verification code by text", ""},
		{"press one now and never share the verification code with anyone", ""},
		{"for english press one and then for spanish press two the verification code expires in ten minutes", ""},
	})
}

// TestCallBackNumberFrame: a phone number said right after "at" / "on"
// and right before "with your …" is the call-back's own number, so the
// frame carries its object even with "call us back" misheard; a card
// "ending in" some digits or an account number quoted is no call back.
func TestCallBackNumberFrame(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"your payment failed reach us at eight eight eight five five five one two three four with your card number", CategoryBankingDetails},
		{"this is the water board your supply is cut off today all at the [NUMBER] with your account number and sort code", CategoryBankingDetails},
		{"we mailed your card ending in 4 4 2 1 with your pin last week", ""},
		{"your statement for account 5 5 6 7 with your account number was mailed today", ""},
		{"we are open at 9 30 with your usual banker on duty", ""},
	})
}

// TestCallBackTenseSlip: "please call back and" followed by a request verb
// in the past tense is the recogniser's slip for the present; a past call
// of the speaker's, or one with a subject of its own, stays told.
func TestCallBackTenseSlip(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is the microsoft security team please call us back and verified your email password today", CategoryCredentials},
		{"kindly ring back and provided your social security number to avoid suspension", CategoryPersonalID},
		{"i called back and confirmed your password was reset", ""},
		{"we tried to call back and verified your social security number is safe", ""},
		{"please call back and confirmed your appointment for tuesday", ""},
	})
}

// TestFullSIN: Canada's social insurance number by its initials with
// "full" before it ("confirm your full SIN") is an ID number; a sin
// confessed, or a promise never to ask, is not asked.
func TestFullSIN(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"This is the Canada Revenue Agency. Your tax return is under review, read me your full SIN today.", CategoryPersonalID},
		{"Service Canada will never ask you to confirm your full SIN over the phone.", ""},
		{"He confessed his full sin to the priest on Sunday.", ""},
	})
}

// TestIfNotYouCallBack: "if this was not you" before "call back and give
// our agent the code" is a condition, not a negated call; "we will not
// call you and ask for" is still told.
func TestIfNotYouCallBack(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"A new device signed in to your account. If this was not you, call back and give our agent the reset code you received.", CategoryVerificationCode},
		{"if it was not you please phone us and tell our agent the code we sent", CategoryVerificationCode},
		{"We will not call you and ask for the reset code you received.", ""},
		{"If this was not you, we will never call and ask for the reset code you received.", ""},
	})
}

// TestSecurityAnswer: "the answer to your security question" is the thing
// asked for, so a request frame reaches it over a garbled first item
// ("we need your <garble> and the answer to …"); a wrong answer told, or a
// promise never to ask, is not asked.
func TestSecurityAnswer(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is the school district to unlock your account we need your portfolio surname and the answer to your security question", CategoryCredentials},
		{"to restore access i need your pour tall to use her name and the answer to your security question", CategoryCredentials},
		{"your account is locked because the answer to your security question was wrong", ""},
		{"we will never ask for the answer to your security question", ""},
	})
}

// TestIfHeardForArticle: "if" straight before a noun phrase asked for is a
// misheard article ("email me if photo of your passport"); a real
// condition has a subject and a verb ("… if your passport number is
// right", "… if passport number changes").
func TestIfHeardForArticle(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"hi this is the recruiter for the remote job please send me if copy of your drivers license before friday", CategoryPersonalID},
		{"please email me if photo of your passport is expired", ""},
		{"call me if passport number changes", ""},
		{"tell me if your passport number is right", ""},
	})
}

// TestBareBusinessAccountPayee: the caller's business account ("to our
// vendor / company account") after a money word, the pay verb lost, is
// where money is asked to go; the same account in a told transfer, with a
// verb of its own, or negated stays clean.
func TestBareBusinessAccountPayee(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"hi this is payroll we overpaid you by mistake please uh the difference back to our company account today", CategoryPaymentTransfer},
		{"your invoice is overdue please the payment to our company account today", CategoryPaymentTransfer},
		{"we transferred the money to our company account", ""},
		{"the difference goes back to our vendor account automatically", ""},
		{"never send the difference to our vendor account", ""},
		{"we refunded the difference to our company account yesterday", ""},
	})
}

// TestRemoteAccessByPurpose: the caller's own agent taking the machine
// over ("so our specialist can take control"), logging in under pressure,
// and an install the caller's technician guides ("will guide you through
// installing a screen sharing app") ask for remote access; the same
// words negated, said of a router, or without pressure stay clean.
func TestRemoteAccessByPurpose(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"we recovered your lost funds please install the app sell our specialist can take control and finish the transfer", CategoryRemoteAccess},
		{"this is amazon your refund failed download the tool and call us back so our agent can log in and fix it", CategoryRemoteAccess},
		{"your computer is infected press one and a technician will guide you through installing a screen sharing app", CategoryRemoteAccess},
		{"our technician will never take control of your computer without asking", ""},
		{"please call us back so our agent can log in and update your billing address", ""},
		{"our team will guide you through installing the new router", ""},
		{"we will never walk you through installing remote access software", ""},
		{"last year i walked you through installing teamviewer for the printer", ""},
	})
}

// TestOtherBuyersWaiting: other buyers or renters said to be waiting are
// pressure, so a payment app named as the means of a deposit counts; the
// same scarcity without a payment, or a payment app without it, asks
// nothing.
func TestOtherBuyersWaiting(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"the car is still for sale but a lot of people are interested, zelle me the deposit today and it is yours", CategoryPaymentTransfer},
		{"Seller: I have other buyers lined up for it, so send the holding deposit on Venmo and I'll mark it sold.", CategoryPaymentTransfer},
		{"Landlord: other people are interested, so book a viewing soon if you like it.", ""},
		{"Landlord: you can send the deposit on zelle when you sign the lease.", ""},
	})
}

// TestSplitKeyWords: key words a recogniser splits into ordinary words
// ("medic air", "authentic a tour", "mothers made in name") are read as
// the word; the same ordinary words elsewhere are left alone.
func TestSplitKeyWords(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is the benefits office please read me your medic air number from the card", CategoryPersonalID},
		{"your account is locked to unlock it read me the authentic a tour code in your app", CategoryVerificationCode},
		{"this is the bank security team what is your mothers made in name", CategoryCredentials},
		{"the medic air lifted him to the hospital and the nurse read me the chart", ""},
		{"the chair was made in italy so tell me the name you want engraved", ""},
		{"that film felt authentic a tour of the old town is next", ""},
	})
}

// TestNegationOverOrPair: a negated verb joined by "or" to an asking verb
// negates that verb, and so the list of means after it; an ask after a
// plain "or" stays an ask.
func TestNegationOverOrPair(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Please note the water board will never threaten to cut you off or ask for payment by gift card, wire or bitcoin.", ""},
		{"Our agents will never visit your home unannounced or ask you to pay by Zelle, wire transfer or cash app, and your supply will not be cut off.", ""},
		{"we do not call customers or ask for payment by gift card, wire or bitcoin, so hang up if someone does", ""},
		{"Caller: this is the sheriff's office, do not hang up or call your lawyer, just read me your social security number now.", CategoryPersonalID},
		{"this is the electric company, your power will be shut off in an hour unless you pay by gift card or wire", CategoryGiftCard},
	})
}

// TestPaymentDoneByListener: a payment named with "you <did it>" after it
// ("the wire you initiated", "the payment you already made") is the
// listener's own and past, so describing it asks nothing; a payment asked
// beside it still asks.
func TestPaymentDoneByListener(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Agent: I'm calling to confirm that the wire transfer you initiated this morning to the title company was received.", ""},
		{"this is the bank, the bank transfer that you set up yesterday has gone through, no action needed", ""},
		{"Caller: this is the tax office, the payment you made was short, you will be arrested unless you wire the money today", CategoryPaymentTransfer},
		{"Caller: this is the police, you must make a wire transfer to the safe account today or you will be arrested", CategoryPaymentTransfer},
	})
}

// TestAskedOfSpeaker: "he / she / they" + a reporting verb + "me" or "I"
// retells what a third party asked of the speaker; the same verbs aimed at
// "you" relay an ask to the listener.
func TestAskedOfSpeaker(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Jan: this guy says my laptop has a virus and he wants me to install TeamViewer so he can clean it.", ""},
		{"Jan: a man called about my computer, then he tells me to read him the code that came to my phone.", ""},
		{"Jan: she says I should read her the numbers on the back of my card, can you believe it", ""},
		{"Caller: this is Microsoft, your computer has a virus, my technician wants you to install TeamViewer now.", CategoryRemoteAccess},
		{"Caller: this is Microsoft, your computer has a virus, he says you should install AnyDesk right now.", CategoryRemoteAccess},
	})
}

// TestFarNegationInItsSentence: "never", "nobody" negate asks in their own
// sentence (a colon ends it too), or in one opening with "or"; a question
// in the next sentence asks afresh.
func TestFarNegationInItsSentence(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Surveyor: it's so we can make sure nobody else has done the survey: what is your social security number?", CategoryPersonalID},
		{"Agent: nobody will be charged twice. Now read me the code we just texted you.", CategoryVerificationCode},
		{"Remember: nobody from the bank will ever ask for your PIN or your password.", ""},
		{"We will never phone you. Or ask for your PIN.", ""},
		{"Nobody from our team will call. And nobody will ask for your password.", ""},
	})
}

// TestMoneyCollectedAtTheHouse: money named and then fetched from the
// listener ("… cash, a courier will come to your house to collect it")
// is a payment when the call has pressure; a parcel or a repair fetched,
// or money without pressure, asks nothing.
func TestMoneyCollectedAtTheHouse(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"your grandson is in jail, the bail is three thousand dollars cash, a man from the court will come to collect it tonight", CategoryPaymentTransfer},
		{"this is the police, you must withdraw the cash today, an officer will come round to pick it up", CategoryPaymentTransfer},
		{"your return is approved, a courier will come to your house to collect it tomorrow morning", ""},
		{"the repair came to 180 dollars and you can come by the shop to pick it up after four", ""},
	})
}

// TestPossessedReportWords: a reporting word after "your", "the" or "my"
// is a noun ("all your contacts", "the texts"), so "your email is sending
// viruses to all your contacts" is no third party reporting an ask, and a
// later "what is the password" still asks; a third party that contacts,
// emails or calls someone asking stays reported.
func TestPossessedReportWords(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"your email is sending viruses to all your contacts i will secure it for you what is the password you use to log in", CategoryCredentials},
		{"microsoft here your email is spamming all your contacts tell me the pass word so i can stop it", CategoryCredentials},
		{"hi its it support your email is sending spam to all your contacts read me your password and i will fix it", CategoryCredentials},
		{"this is the bank your card was used for texts to all your contacts what is the code we just sent you", CategoryVerificationCode},
		{"a warning: scammers email your contacts asking for their passwords", ""},
		{"someone contacts you claiming to be microsoft and asks for your password, just hang up", ""},
		{"a text messages your contacts saying you are stuck abroad and asks them to buy gift cards", ""},
		{"people are calling your neighbours asking for the code on their phone", ""},
	})
}

// TestAskedOfSpeakerAnySubject: a participle or past reporting verb with
// "me to / me for" retells an ask of the speaker whoever its subject ("a
// so-called lawyer came on asking me to buy gift cards"); a caller
// relaying an ask that names the listener ("my supervisor is asking me to
// verify your social"), passing it on ("told me to tell you to"), or
// relaying a colleague ("my manager told me to collect the fee"), still
// asks.
func TestAskedOfSpeakerAnySubject(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Pat: some lawyer kept asking me to buy gift cards for his bail, I hung up on him", ""},
		{"Pat: the so-called officer was wanting me to buy gift cards for the fine or I would be arrested", ""},
		{"Pat: a deputy rang about a warrant and kept pressuring me to pay the fine with gift cards today", ""},
		{"Caller: IRS here, there is a warrant, my supervisor is asking me to verify your social security number today.", CategoryPersonalID},
		{"Caller: this is the sheriff, my sergeant told me to tell you to buy gift cards for the bond today.", CategoryGiftCard},
		{"Caller: this is the IRS, there is a warrant for your arrest, my manager told me to collect the fee in gift cards today.", CategoryGiftCard},
		{"Caller: this is Microsoft, your computer is infected, my manager is asking me to get you to install AnyDesk now.", CategoryRemoteAccess},
		{"you keep asking me to read the code but I am with the bank, this is urgent, read me the code we sent", CategoryVerificationCode},
	})
}

// TestFarPayeeReachesItsVerb: a strong payee introduced by "to" / "into"
// ("to the RBI verification account", "to the safe account we set up")
// reaches back in its sentence to a payment verb past the usual gap, over
// the money and the listener's own account it comes from; retold, warned
// of, or moved between the listener's own accounts, it asks nothing.
func TestFarPayeeReachesItsVerb(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"you are under digital arrest. transfer all the funds in your account to the RBI verification account I will give you.", CategoryPaymentTransfer},
		{"this is the fraud department, criminals are inside your account, transfer every dollar in your checking account to the safe account we set up", CategoryPaymentTransfer},
		{"customs here, the parcel is seized, transfer the whole amount in your bank account into the verification account I will give you or you will be arrested", CategoryPaymentTransfer},
		{"this is the fraud team, your account is compromised, move every penny you have in your bank account over to the secure account we opened for you", CategoryPaymentTransfer},
		{"If anyone asks you to transfer all the money in your bank account to a safe account, hang up and call us.", ""},
		{"Pat: the fake inspector kept telling me to transfer all the funds in my bank account to the RBI verification account", ""},
		{"to keep it simple, transfer all the funds in your old account to your new account at our branch", ""},
		{"I transferred everything in my old account to the new account last week", ""},
	})
}

// TestCompletedPassivePayment: a payment whose own verb is a finished
// passive ("was completed", "has been sent", "went through") is news of a
// payment made; a payment still to make, or one asked again after the
// news, asks.
func TestCompletedPassivePayment(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"This is First National. Your wire transfer of $1,200 to Oak Realty has been sent. No action is needed.", ""},
		{"your bank transfer of 900 pounds to the builder has gone through", ""},
		{"Hello, this is Harbor Credit Union. Your wire transfer of $8,000 to Summit Escrow was successfully processed today. If you did not authorize this transfer, please call the number on the back of your card.", ""},
		{"this is the bank your wire transfer of two thousand dollars to the title company went through this morning", ""},
		{"Caller: this is the refund desk, the extra $4,500 was sent to your account in error, so wire it back today or I lose my job", CategoryPaymentTransfer},
		{"Caller: this is the tax office, your payment of $500 was not received, you must wire $500 today or you will be arrested", CategoryPaymentTransfer},
		{"Caller: this is the police, your transfer of 3000 dollars to the safe account must be completed today, send it now by wire", CategoryPaymentTransfer},
	})
}

// TestPaidAsUsual: a payment the listener may make "as usual", "as
// before", "as you normally do" is their own habit, named by a bill
// reminder; with a threat, urgency or a family emergency in the call the
// same words still ask.
func TestPaidAsUsual(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is the water board your quarterly bill of 120 dollars is ready, pay it by card over the phone as before", ""},
		{"hi this is the phone company your bill of 55 dollars is due on the third, you can pay through the app as usual", ""},
		{"Caller: hi grandma, I need 2000 dollars for bail, send it by Western Union as usual, please hurry", CategoryPaymentTransfer},
		{"this is the electric company, your bill of 90 dollars is overdue, your power will be cut off today, pay the 90 dollars by card as usual", CategoryPaymentTransfer},
	})
}

// TestWouldYouMindGerund: "would / do you mind" + an "-ing" verb asks as
// the imperative does; the same verbs told ("I don't mind reading", "you
// mind sharing the car with your sister?") stay clean.
func TestWouldYouMindGerund(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Caller: this is the parcel office, we just texted you a six digit code, would you mind reading it back to me?", CategoryVerificationCode},
		{"Caller: this is Microsoft support, your laptop is sending errors, do you mind sharing your screen so I can look?", CategoryRemoteAccess},
		{"Caller: this is the bank fraud team, would you mind giving me the long number on the front of your card?", CategoryBankingDetails},
		{"Mum: I don't mind reading the kids a story tonight, and do you mind sharing the car with your sister?", ""},
		{"Neighbour: would you mind watering the plants while we are away? The key is under the mat.", ""},
	})
}

// TestSplitNamesAndGameCards: names split at a syllable ("medic care",
// "in surance", "ven mo") are joined, and game-store cards (Roblox,
// Nintendo, Fortnite) are gift cards; the same words told stay clean.
func TestSplitNamesAndGameCards(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is the pension office to release your payment read me your national in surance number", CategoryPersonalID},
		{"hi this is medicare your card has expired tell me your medic care number so we can post the new one", CategoryPersonalID},
		{"this is nintendo support your account will be deleted today unless you buy two nintendo cards and read me the codes", CategoryGiftCard},
		{"my son spends all his money on roblox cards and fortnite skins", ""},
		{"i worked in surance for years before the medic care clinic hired me", ""},
	})
}

// TestSpottedKeywordAfterOnlyCue: a cue that asks only right after its
// object ("… is needed") cannot vouch for a spotted keyword, whose place in
// the segment is unknown; a front cue still pairs with one.
func TestSpottedKeywordAfterOnlyCue(t *testing.T) {
	wantSpotted(t, New(), []spottedCase{
		{"your flight to denver tomorrow has been delayed by one hour and now departs at three forty five no action is needed", []string{"gift cards"}, ""},
		{"this is the irs you owe back taxes go to the store today and read me the numbers on the back", []string{"gift cards"}, CategoryGiftCard},
	})
}

// TestPayAppDifferenceAndPoundAmounts: a payment app as a verb takes the
// overpayment scam's own object ("zelle the difference back"), and a sum
// in spoken pounds ("two pound ninety nine") is an amount like "# pounds";
// the same words from the payer, or without pressure, ask nothing.
func TestPayAppDifferenceAndPoundAmounts(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"this is payroll, we overpaid your check, please venmo the difference back today", CategoryPaymentTransfer},
		{"royal mail your parcel is held at customs pay the two pound ninety nine release fee now by bank transfer", CategoryPaymentTransfer},
		{"hi mum i paid the two pound fee for the parking", ""},
		{"the balance is forty pounds", ""},
		{"no rush, i will venmo the difference back to you tomorrow", ""},
	})
}

// TestMoneyPickedUpAtYourHouse: money named before "a courier will pick it
// up at your house" is asked under pressure, as with "to collect it"; a
// parcel or a repair picked up, or money without pressure, is not.
func TestMoneyPickedUpAtYourHouse(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"Lawyer: Your grandson is in jail. Bail is $9,500 cash. A courier will pick it up at your house tonight. Don't tell anyone.", CategoryPaymentTransfer},
		{"your parcel is ready, the driver will pick it up from your porch tomorrow", ""},
		{"hi dad, i left the 40 dollars for the plumber on the table, he will pick it up at your place later", ""},
	})
}

// TestSupportSessionCode: a code the caller gives, typed into a website
// to connect, joins a remote-support session; a code to track a parcel or
// join a meeting, one handed over before, and a warning stay clean.
func TestSupportSessionCode(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Caller: Please go to helpdesk.com and enter the six digit code I give you to connect to our engineer.", CategoryRemoteAccess},
		{"Caller: Open the website and type in the code I will give you so I can connect to your laptop.", CategoryRemoteAccess},
		{"please go to our site dot com and key in the code i am giving you to get connected to the technician", CategoryRemoteAccess},
		{"Agent: We will never ask you to go to a website and enter a code we give you to connect to an engineer.", ""},
		{"Agent: If anyone tells you to go to a website and type in the code they give you to connect, hang up.", ""},
		{"Agent: Go to the website and enter the six digit code I give you to track your parcel.", ""},
		{"Agent: Go to zoom.com and enter the meeting code I give you to join the webinar.", ""},
		{"Agent: Last week I asked you to go to the website and enter the code I gave you to connect.", ""},
	})
}

// TestReadyToHandOverCode: a ready frame whose purpose hands a delivered
// code to the caller's side asks for it ("have the code we text you ready
// to read to the agent"); warnings, a bank's own identifiers kept ready,
// and the text message a tracking number came in stay clean.
func TestReadyToHandOverCode(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Caller: Call us back on this number and have the sign in code we text you ready to read to our agent.", CategoryVerificationCode},
		{"Caller: When you ring back you will receive a six digit code by text; have it ready to give to the technician.", CategoryVerificationCode},
		{"please call back and have the verification code we send you handy to read out to the fraud team", CategoryVerificationCode},
		{"please call us back and have the log in code we text you ready to read to the agent", CategoryVerificationCode},
		{"Agent: We will never ask you to have the code we text you ready to read to an agent.", ""},
		{"Agent: Nobody from our bank will ask you to read the log in code we text you to an agent.", ""},
		{"Agent: Scammers may tell you to have the code they text you ready to read to them.", ""},
		{"Agent: Please have your account number ready to give to the cashier when you call back.", ""},
		{"Agent: Please have your member ID ready to read to the agent.", ""},
		{"Driver: Have the tracking number from your text message ready to read to the driver.", ""},
	})
}

// TestSurveyLastFour: the last four of a social, weak by design because a
// bank or a doctor's office checks its file with them, counts when the
// caller runs a survey or poll, which keeps no file; a survey's promise
// not to ask and a doctor's office asking stay clean.
func TestSurveyLastFour(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Interviewer: Thanks for doing our survey on local parks. So we don't count you twice, what are the last four digits of your social?", CategoryPersonalID},
		{"Caller: Last question for the opinion poll, just read me the last 4 of your social security number.", CategoryPersonalID},
		{"Interviewer: This is a short survey about transport. It's anonymous, and we will never ask for the last four digits of your social.", ""},
		{"Receptionist: This is Dr. Lee's office. Can you confirm your date of birth and the last four digits of your social?", ""},
		{"Interviewer: This is a short survey about transport. How many people live in the home? Could you confirm your zip code?", ""},
		{"Caller: Thanks for calling, this is the survey line. To find your record, what are the last four digits of your social?", ""},
	})
}

// TestSafeAccountByPronoun: a safe or secure account (or wallet) named,
// then money moved "to it" / "into it" / "over there" is moved to that
// account; a negation, a third party's script, a login to it, money
// already moved, or an ordinary account "to it" stays clean.
func TestSafeAccountByPronoun(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"Caller: This is the fraud unit at your bank. We have opened a protected account for you. Please transfer everything from your current account into it before five.", CategoryPaymentTransfer},
		{"Caller: Your savings are at risk, so a secure wallet has been created in your name. Move everything you have over to it now.", CategoryPaymentTransfer},
		{"we have set up a holding account in your name. you will transfer your pension over there this afternoon", CategoryPaymentTransfer},
		{"we have set up a holding account in your name. please send the lot to it this afternoon", CategoryPaymentTransfer},
		{"Agent: We will never set up a safe account for you, and we will never ask you to move your money to it.", ""},
		{"Agent: A safe account is a lie. Never move your money to it.", ""},
		{"Agent: We've set up a new secure account for you. You can log in to it with your new password.", ""},
		{"Agent: We set up a secure account in your name last month; the money you moved to it is safe.", ""},
		{"Agent: Your new savings account is open, and you can move money to it any time in the app.", ""},
		{"Agent: Your card is blocked. Please go to it in the app and check the recent payments.", ""},
		{"Agent: We never ask you to move money to a safe account.", ""},
	})
}

// TestBestWayToPayAskedNow: a payment app named as the best way to pay or
// give, then asked for now ("can you send it while we're on the phone"),
// counts as a weak request, so pressure decides; the same way as advice,
// to use later, or a tag told, stays clean.
func TestBestWayToPayAskedNow(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"Caller: The children's ward needs help urgently. The quickest way to donate is Venmo, our handle is at kids ward appeal. Could you send it now while I wait?", CategoryPaymentTransfer},
		{"the fastest way to help is zelle our number is on the letter can you send it while we are on the line this is an emergency", CategoryPaymentTransfer},
		{"Caller: The quickest way to donate is Venmo, our handle is at kids ward appeal. You can send it whenever suits you.", ""},
		{"Caller: There is an emergency appeal. The easiest way to donate is Zelle, our number is on the flyer. Can you send it this week when you get a chance?", ""},
		{"Caller: Thanks for your donation last year. Our tag is on the receipt if you ever want to give again.", ""},
		{"the easiest way to pay your bill is online through our website", ""},
	})
}

// TestScreenSharedIntoVideoCall: a weak screen-share object ("tap share
// screen", "the share screen button") asked with a video call named near
// it goes to whoever is on the call; warnings, a third party's script, the
// speaker's own screen and a description of a meeting stay clean.
func TestScreenSharedIntoVideoCall(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"Caller: Hi, it's Anna from the trading desk. Join the Zoom call I sent you and click the share screen button so I can set up your account.", CategoryRemoteAccess},
		{"ok now start a facetime with me and hit share screen so we can finish your account set up together", CategoryRemoteAccess},
		{"Agent: Never tap share screen on a video call with someone you do not know.", ""},
		{"Agent: Scammers ask you to start a video call and tap share screen.", ""},
		{"hi it's me, let's do a video call later and I will share my screen to show you the holiday photos", ""},
		{"Agent: In the Zoom meeting the host can use the share screen button.", ""},
	})
}

// TestFriendsAndFamilyPayment: a payment that has to go as PayPal
// "friends and family" (no buyer protection) is pressure, so a seller's
// weak deposit counts; a completed friends-and-family payment reported,
// and the speaker paying ("I'll send you the deposit by PayPal", where
// "deposit" after "the" is a noun, no imperative), stay clean.
func TestFriendsAndFamilyPayment(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"Seller: Thanks for calling about the kittens. To reserve one we take a deposit of 150 dollars on PayPal, and it must be friends and family, not goods and services.", CategoryPaymentTransfer},
		{"thanks for calling about the flat you can have it if you pay the deposit on pay pal today please send it as friends and family", CategoryPaymentTransfer},
		{"Seller: Thanks for calling about the kittens. To reserve one we take a deposit of 150 dollars on Zelle, it has to be friends and family.", CategoryPaymentTransfer},
		{"PayPal: Your PayPal friends and family payment to your sister was completed.", ""},
		{"Buyer: I'll send you the deposit by PayPal.", ""},
		{"Buyer: Great, I'll send you the deposit by PayPal friends and family tonight.", ""},
		{"Caller: We'd love to see all your friends and family at the open day.", ""},
	})
}

// TestReplyToWith: "reply (to this number / message / us) with X" asks
// the listener to send X, as "text me" or "reply with" do, and so does its
// past form heard for the imperative on the voicemail's own channel
// ("replied to this message with"); an opt-out keyword, a reply with
// nothing asked, a negation, the speaker's own past reply and a plain
// "yes" stay clean.
func TestReplyToWith(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Hi, this is the IT service desk. We're moving everyone to a new mail server tonight, so reply to this message with your username and password by noon.", CategoryCredentials},
		{"Your subscription payment was declined. Respond to this text with your card number and expiry date to avoid losing access.", CategoryBankingDetails},
		{"This is your bank's security team. We texted a six digit code to your mobile, just reply to this number with the code so we can secure the account.", CategoryVerificationCode},
		{"to keep your account active replied to this message with your card number and the cvv", CategoryBankingDetails},
		{"Reply STOP to opt out of these messages.", ""},
		{"You don't need to reply with anything, your order is on its way.", ""},
		{"Never reply to a message with your password.", ""},
		{"I replied to the bank with my details yesterday.", ""},
		{"I replied to this email with my account number yesterday.", ""},
		{"Hi, this is Dr. Patel's office, please reply with yes to confirm your appointment on Tuesday.", ""},
		{"Please reply to this email with your availability for the interview.", ""},
	})
}

// TestCallBackImperativeIsNoThirdParty: "call us / me back" is the
// listener's call-back, not "a call" reporting an ask, so the agent who
// "will ask you to" share a screen or read a code asks; a third party's
// ask, a call back from someone else and a promise never to ask stay clean.
func TestCallBackImperativeIsNoThirdParty(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Call us back and the technician will ask you to install AnyDesk so he can clean the virus.", CategoryRemoteAccess},
		{"call me back and our specialist will ask you to share your screen", CategoryRemoteAccess},
		{"Please call back and the officer will ask you for the code we texted you.", CategoryVerificationCode},
		{"We will never ask you to share your screen.", ""},
		{"If anyone asks you to share your screen, hang up.", ""},
		{"Scammers call you back and ask you to share your screen.", ""},
		{"You may get a call back from someone asking you to share your screen, just hang up.", ""},
	})
}

// TestImperativeAfterNegatedOne: a cue opening a new sentence has no
// subject in the sentence before ("Please don't tell anyone. Wire …"), nor
// does one right after the object of a negated imperative in unpunctuated
// text ("please don't tell anyone wire …"), and "please" before a
// negation makes it an imperative, not a subject's promise; the speaker's
// own past transfer and negated or general advice stay clean.
func TestImperativeAfterNegatedOne(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Dad, it's me. I'm in trouble and the police have my phone. Please don't tell anyone. Wire three thousand dollars to my friend's account today.", CategoryPaymentTransfer},
		{"grandma its me they arrested me please don't tell anyone wire two thousand dollars to my lawyer", CategoryPaymentTransfer},
		{"nana its me i crashed the car and they are keeping me at the police station please do not call anyone wire two thousand dollars to the lawyer", CategoryPaymentTransfer},
		{"Please don't call anyone. Send me the code we just texted you.", CategoryVerificationCode},
		{"I wired two thousand dollars to my lawyer today.", ""},
		{"Don't wire money to anyone who calls you.", ""},
		{"We don't ask anyone to wire money.", ""},
		{"Do not tell anyone to wire money.", ""},
		{"please do not call anyone who asks for your pin", ""},
	})
}

// TestAnsweredCall: an organisation answering at the start of the call
// ("Maple Street Pharmacy, how can I help?", "you're through to …") shows
// that the listener dialled it. Its identity checks, card-taking and
// sign-in codes are then weak and count only with pressure a helpline
// does not use (a threat, a hacked account, a virus, secrecy); named remote
// tools, passwords and money sent on still flag. A recording's "press 1"
// before the greeting, "thanks for calling back" and the listener's "you
// called me" mean the caller began the call.
func TestAnsweredCall(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		// Asking.
		{"Agent: Northgate Savings, how can I help?\nMe: I can't get into the app.\nAgent: Your account has been suspended after fraud. Read me the card number and the three digits on the back.", CategoryBankingDetails},
		{"Recording: Your parcel is held at the depot. Press 1 to speak to an agent.\nAgent: Thank you for holding, how can I help?\nMe: About the parcel.\nAgent: I just need your card number and the expiry to release it.", CategoryBankingDetails},
		{"Agent: Riverside Energy, how can I help?\nMe: Hang on, you called me.\nAgent: Yes, about your bill. Read me your card number please.", CategoryBankingDetails},
		{"Agent: Thanks for calling back, Ridgeway Bank security. We saw a suspicious sign in. Read me the code we just texted you.", CategoryVerificationCode},
		{"Tech: Thank you for calling PC help desk, how can I help?\nMe: A red box says my laptop has a virus.\nTech: I'll remove it. Download AnyDesk so I can take control.", CategoryRemoteAccess},
		{"Agent: Good morning, you're speaking with the visa office. Your visa has an error and immigration enforcement will act today. Tell me your passport number.", CategoryPersonalID},
		// Telling.
		{"Clerk: Maple Street Pharmacy, how can I help?\nMe: I'd like to pay for my prescription.\nClerk: Sure, what's the card number and the expiry?", ""},
		{"Agent: You're through to the passport office, Dana speaking.\nMe: I'm checking my application.\nAgent: Can I take your passport number and your date of birth?", ""},
		{"agent: thanks for calling city water how may i help\nme: my bill looks high\nagent: i can check that i'm sending a code to your phone can you read it to me", ""},
		{"Tech: Brightline Software support, how can I help?\nMe: The export button is greyed out.\nTech: If you like I can start a screen sharing session so I can see your screen.", ""},
		{"Host: Good evening, Lakeside Inn, how can I help?\nMe: A room for Friday please.\nHost: Of course. Can I take a card to hold it? And the three digits on the back?", ""},
	})
}

// TestHomeNetworkPassword: a bare "the password" with a home network named
// just before it is the network's ("is the wifi still the old one? … what's
// the password then?"), as "the wifi password" is; a password with an
// owner after it ("the password on your account") is asked as before.
func TestHomeNetworkPassword(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Hello, this is your broadband provider. Your line is hacked. What's the password on your email account?", CategoryCredentials},
		{"We're from the internet team, your router has a virus, tell me the password you use for your email.", CategoryCredentials},
		{"Cousin: We made it to the cottage. Is the wifi still the old one?\nMe: No, I changed it last week.\nCousin: What's the password then?", ""},
		{"hi is this the guest wifi by the pool whats the password its on the card i think", ""},
		{"Uncle: The router got replaced, right?\nMe: Yes.\nUncle: And the password?", ""},
	})
}

// TestOwnGiftCard: a gift card the speaker bought ("the gift card I bought
// yesterday") is theirs; reading its code to them is an errand and counts
// only with pressure. A card the listener is told to buy is asked as before.
func TestOwnGiftCard(t *testing.T) {
	d := New()
	for _, tt := range []struct {
		text string
		flag bool
	}{
		{"Grandma, I'm in jail. Go buy a Target gift card and read me the number on the back.", true},
		{"Mom: I put the Target gift card I bought on your desk. Can you scratch the back and read me the number so I can pay online?", false},
		{"Dad: Hey, the Steam card we purchased for your cousin is in the drawer. Scratch the silver strip and read me the code.", false},
	} {
		r := d.Classify(ParseTranscript(Redact(tt.text)))
		got := slices.Contains(flagCats(r.Flags), CategoryGiftCard)
		if got != tt.flag {
			t.Errorf("%q: flags %v, want gift card %v", tt.text, flagCats(r.Flags), tt.flag)
		}
	}
}

// TestCardSecretReadyForCallBack: a card's security code or PIN kept ready
// for a call-back is asked for, even beside a card number that alone stays
// weak; kept ready for a visit, or promised never to be asked, it is not.
func TestCardSecretReadyForCallBack(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"this is the fraud team at your bank, if you did not make that purchase please ring us back and have the card number and the cvv ready", CategoryBankingDetails},
		{"we flagged a payment on your visa. if it was not you, call me back and have the long card number and the security code on the back handy, okay?", CategoryBankingDetails},
		{"please call us back on the number below and keep your card pin ready for the agent", CategoryBankingDetails},
		{"please have your card ready when you come to the pharmacy", ""},
		{"we will never ask you for the security code on the back of your card", ""},
		{"please call us back and have your account number ready", ""},
		{"bring the card and have the security code on the back ready when you pay at the till", ""},
	})
}

// TestAccessPurpose: the caller's way into the machine, put as the purpose
// of software or a screen share set up just before it, asks for remote
// access; the same purpose with the listener at the keys, without any
// software, or under a negation does not.
func TestAccessPurpose(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"your refund is ready, we will set up a screen share so i can see your computer and process it", CategoryRemoteAccess},
		{"your router has a virus, when you call back i will help you install a small program so that we can log in and remove it", CategoryRemoteAccess},
		{"just download the support tool from the email so i can get into your laptop and fix the error", CategoryRemoteAccess},
		{"our IT team will never set up a screen share without you asking", ""},
		{"hi its your sister, i will help you download the app from the store so you can log in yourself", ""},
		{"never download a program so someone can log in to your computer", ""},
		{"we will never set up a screen share so we can see your computer", ""},
		{"can you send me the wifi code so i can log in", ""},
	})
}

// TestBroughtDocument: a document the listener is told to bring ("bring
// photo ID, such as a passport") is shown where they go, however far the
// list runs after "bring"; its number read out on the phone is asked.
func TestBroughtDocument(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"This is the immigration office. Your visa is cancelled and you will be deported tonight. Read me your passport number now.", CategoryPersonalID},
		{"Your new debit card has come in. Please bring some photo ID, such as a passport or a driving licence or a residence card.", ""},
		{"For Tuesday's interview please bring your passport and a recent utility bill.", ""},
	})
}

// TestRelativeAddressedFirst: a relative named alone as the call's first
// word ("Dad, …") is the caller's family, whose shared logins stay weak, as
// after "hi dad"; "Mum said …" addresses no one. A wifi password misheard
// as "why fi" is still the network's.
func TestRelativeAddressedFirst(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Mum said you'd be in. This is the bank's fraud team, your account has been hacked, tell me your online banking password.", CategoryBankingDetails},
		{"Dad, the Disney app signed me out on the iPad. What's the password?", ""},
		{"hey its sam whats the why fi password at your place im coming over later", ""},
	})
}

// TestGoodsDelivery: goods or a visitor that "will arrive" deliver no code,
// so a later "send it" returns the goods; a text that will arrive is still
// a code asked for.
func TestGoodsDelivery(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"This is Microsoft security, we are texting you a code now. When it arrives send it to me.", CategoryVerificationCode},
		{"this is support about your warranty claim the box will arrive on monday please put the old router in it and send it back", ""},
	})
}

// TestRechargeAndAlienNumber: "recharge" / "top up" move money like
// "deposit" ("recharge 300 in u s d t", the letters spelled); an alien
// registration number is an identity number.
func TestRechargeAndAlienNumber(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"to unlock your earnings just recharge three hundred in u s d t to the platform wallet today", CategoryPaymentTransfer},
		{"i need to recharge my phone tonight before the trip", ""},
		{"This is immigration services, your status is under review and you may be deported. Confirm your alien registration number.", CategoryPersonalID},
	})
}

// TestPresentingToMeeting: a screen shared to take a meeting through the
// listener's own slides ("walk us through the deck") grants no access; a
// caller who wants to be walked through "your transactions" is asking.
func TestPresentingToMeeting(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"This is your bank's fraud team. Share your screen and walk me through your recent transactions.", CategoryRemoteAccess},
		{"We're all on the call now. Can you share your screen and take us through the budget slides?", ""},
		{"It's the courier, I left the parcel by the bins and I'll take a picture for the app.", ""},
	})
}

// TestTextedBackAndOverpaid: "text that code back to me" returns a code;
// "will text the code to your phone" delivers one. An overpayment named by
// its amounts ("sent 900 instead of 90", "paid you too much") is the
// overpayment pretext, so a payment app asked for the rest counts.
func TestTextedBackAndOverpaid(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Hi, it's Google, we're texting you a six digit code, please text that code back to us at this number.", CategoryVerificationCode},
		{"Your clinic will text the code to your phone before the appointment.", ""},
		{"I paid you too much for the bike, can you send back the rest on Zelle?", CategoryPaymentTransfer},
		{"I paid you too much for the bike, don't worry about it, keep the rest.", ""},
	})
}

// TestCashForTheOfficer: cash withdrawn for "an officer" to collect, under
// a detective's name and a request to tell no one, is a payment asked;
// a detective's visit about a burglary asks nothing.
func TestCashForTheOfficer(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"This is detective sergeant Hall. We need you to withdraw two thousand in cash and an officer will collect it from your house. Do not mention this to the bank.", CategoryPaymentTransfer},
		{"This is detective sergeant Hall returning your call about the burglary, an officer will come by tomorrow to take a statement.", ""},
	})
}

// TestNamedToolAndTimeClause: software named after it as a remote tool
// ("the app I'm sending, it's called AnyDesk") is asked by name; a short
// time clause ("when I do, …", "once he calls, …") leaves the imperative
// after it addressed to the listener. A debt "going to collections" is a
// threat that makes a weak gift-card purchase count.
func TestNamedToolAndTimeClause(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Your advisor will help with the setup. Install this software I'm emailing you, it's called AnyDesk.", CategoryRemoteAccess},
		{"Hi, it's your nephew, can you download the app, it's called WhatsApp, so we can video chat.", ""},
		{"Your Microsoft account was hacked. I'm going to call you on video. When I do, press the share screen button.", CategoryRemoteAccess},
		{"Hi, it's the leisure centre, when you come in, show the app at the desk.", ""},
		{"Your phone bill is going to collections today. To stop it, buy four hundred dollars in Apple gift cards.", CategoryGiftCard},
	})
}

// TestSignInEmailAsked: the email an account signs in with, asked as a
// question ("what email do you sign in with?"), is its username as the
// statement form is: weak, so pressure or a listed password decides, and a
// helpline the listener rang may ask it.
func TestSignInEmailAsked(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"This is Hulu billing, your membership is suspended. Which email do you log in with, and the password?", CategoryCredentials},
		{"Agent: Thanks for calling StreamBox, how can I help?\nMe: I'm locked out.\nAgent: Sure, what email do you use to log in?", ""},
	})
}

// TestToldDeedAndCardActivity: a gift card a relative bought, told ("he
// bought all those cards, what was it, two grand?"), is a story, not a
// card asked about; activity on a card ("confirm the recent charges on
// your card") names the card as where it happened, while the card's own
// number asked stays asked.
func TestToldDeedAndCardActivity(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Did you hear about Uncle Ray? He bought all those Steam cards. What was it, two grand?", ""},
		{"It's your grandson, I'm in trouble. Buy three Steam cards and tell me what it says on the back.", CategoryGiftCard},
		{"Hi, this is the fraud department at Maple Credit Union. We are calling to confirm some recent charges on your debit card. Did you make a purchase of 60 dollars at Costco?", ""},
		{"This is your bank's fraud team. Please confirm the charges made to your account, then read me the card number on your debit card.", CategoryBankingDetails},
		{"This is your bank's fraud team, can you verify the purchase with your card number and expiry?", CategoryBankingDetails},
	})
}

// TestWorkPresentedOnScreen: a colleague's screen share to present work
// material (a dashboard, a report, the numbers) for a meeting or a
// client, or walked through with no one named, grants no access; a caller
// who watches ("so I can go over the report", "… with me"), the
// listener's own account, or pressure in the call keeps it asked.
func TestWorkPresentedOnScreen(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"It's Sam from finance. Before the board meeting, could you share your screen and go over the forecast numbers?", ""},
		{"Can you share your screen and walk through the sales report for the new hires?", ""},
		{"Can you share your screen so I can go over the report with you?", CategoryRemoteAccess},
		{"This is Coinbase support, share your screen and walk through your account dashboard.", CategoryRemoteAccess},
		{"Your computer has a virus. Share your screen and go over the error report.", CategoryRemoteAccess},
	})
}

// TestAgentAsksOnCallBack: "when you call, our agent will ask for your
// password" promises the ask on the call back ("you call" is the
// listener's verb, not "a call" that reports someone else asking);
// "if you get a call asking for your password" still warns.
func TestAgentAsksOnCallBack(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Your streaming account is on hold. When you call, the agent will ask for the email and password you log in with.", CategoryCredentials},
		{"If you get a call asking for your password, hang up and ring us.", ""},
		{"When you call, nobody will ask for your password.", ""},
	})
}

// TestRecoveryWordsAndOverpaidCheque: the words of a wallet's recovery
// card named before ("the recovery card … read me the words") are asked
// by "the words" alone; a cheque "for 2,000 not 200" is the overpayment
// pretext, so the difference asked back on a payment app counts. A tutor's
// "read the words on page ten" names no secret, and a corrected refund
// cheque asks for nothing.
func TestRecoveryWordsAndOverpaidCheque(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Caller: Trezor security here. Get the recovery card out of the box.\nCallee: I have it.\nCaller: Great, read the words to me one by one.", CategoryCredentials},
		{"Caller: Trezor here. Keep the recovery card in a drawer.\nCallee: Okay.\nCaller: And never read the words out to anyone who calls.", ""},
		{"Hi, it's your English tutor. For tomorrow, read the words on page ten out loud to me.", ""},
		{"The check I mailed you was for 1800 not 180, my wife wrote the wrong amount. Just deposit it and Venmo me back the difference.", CategoryPaymentTransfer},
		{"This is the dental office. Your refund cheque was for 40 not 400, so we are mailing a corrected cheque this week.", ""},
	})
}

// TestSiteBoughtOn: a site something is bought on ("buy USDT on crypto dot
// com") is no software put on the listener's device; "go to anydesk dot
// com" still is.
func TestSiteBoughtOn(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Your trading profits are frozen until the tax is paid. You need to buy bitcoin on coinbase dot com and send it to the wallet address I give you.", CategoryPaymentTransfer},
		{"Your computer is hacked, go to anydesk dot com and download it.", CategoryRemoteAccess},
	})
}

// TestReplyToOurText: a reply to the caller's own text ("reply to our
// text with …", heard as "a text") asks for what follows, also after an
// if-clause whose negation is the listener's ("if you did not ask for
// this"); an opt-out keyword or a confirmation names nothing, and a
// warning not to reply stays clean.
func TestReplyToOurText(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"This is your streaming service, your account is on hold. Reply to our message with your email and password to restore it.", CategoryCredentials},
		{"if you did not ask for this login reply to our text with the security code you got", CategoryVerificationCode},
		{"your parcel is held at the depot reply to a text with your user name and password to release it", CategoryCredentials},
		{"You can reply to our text with STOP to opt out of delivery updates.", ""},
		{"your dentist here reply to our text with yes to confirm tuesday", ""},
		{"If you did not request this change, do not reply to any text with your passcode, we never ask for it.", ""},
	})
}

// TestPressedAfterTimeClause: a code keyed in after a key press and a
// time clause ("press two when you hear the tone and type in that code")
// is keyed into the call; a genuine code call's menu ("press one to
// repeat your code", "to hear your code again") and typing the code into
// the app yourself give nothing, nor does "an automated call with your
// login code" frame a call-back.
func TestPressedAfterTimeClause(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Your card was used in Miami. We have sent you a security code. Press two when you hear the tone and type in that code to stop the charge.", CategoryVerificationCode},
		{"press one once the message ends and then key in the code we just texted you", CategoryVerificationCode},
		{"we sent a code to your phone press one after the beep and entered the verification code we sent", CategoryVerificationCode},
		{"This is an automated call with your login code. Press one to hear your code again.", ""},
		{"your login code is four four one two press one to repeat your code", ""},
		{"Your login code is 4 4 1 2. To repeat it, press one.", ""},
		{"This is your bank's automated line. Press one when you are ready and enter the code in the app yourself.", ""},
	})
}

// TestSpokenOverpaidAmounts: an overpayment named by spoken amounts ("two
// thousand instead of two hundred", "fifteen hundred dollars instead of a
// hundred fifty") is the refund pretext, so "send back the extra" counts;
// a friend who overpaid and asks nothing back stays clean.
func TestSpokenOverpaidAmounts(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"Hi, it's Priya who bought your desk. I transferred you fifteen hundred dollars instead of a hundred fifty by mistake, please send the rest back to my Zelle tonight.", CategoryPaymentTransfer},
		{"hey its the buyer from marketplace i paid you two thousand instead of two hundred can you send back the extra on venmo today", CategoryPaymentTransfer},
		{"Hey it's Sam, I sent you forty dollars instead of thirty for the pizza, keep the change, see you Friday.", ""},
		{"hi its tom i sent you a hundred and twenty instead of the usual hundred the extra is for the tickets no need to send anything", ""},
	})
}

// TestPaymentUltimatumsAndScarcity: a payment by bank transfer or a
// payment app asked with an ultimatum ("now or we will cut you off", "today
// or I will lose my job"), an account "in arrears", or a seller who cannot
// show the thing and hands it to the next buyer; against a biller's usual
// ways to pay, "now or later", and a friend paying back.
func TestPaymentUltimatumsAndScarcity(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"this is the water board, pay the ninety pounds by bank transfer now or we will cut you off tomorrow", CategoryPaymentTransfer},
		{"i refunded you twice by mistake, please zelle it back today or i will lose my job", CategoryPaymentTransfer},
		{"your account is in arrears, send the balance by bank transfer this afternoon", CategoryPaymentTransfer},
		{"the kitten goes to the next family unless you send the deposit by bank transfer", CategoryPaymentTransfer},
		{"sorry i cant do viewings, just send the first month by e transfer", CategoryPaymentTransfer},
		{"send the deposit by e transfer today, i have two other people coming to look at it tomorrow", CategoryPaymentTransfer},
		{"we have other people viewing it on saturday, you are welcome to come too, no deposit needed", ""},
		{"you can pay by bank transfer now or later, whichever suits", ""},
		{"your bill is ready, you can pay online or by bank transfer any time before the due date", ""},
		{"thanks for covering dinner, i will zelle it back tonight", ""},
	})
}

// TestLandlordPayeeAndFriendPhone: a landlord as the payee is weak, so the
// relative "on a friend's phone" asking for rent to be sent on counts, an
// ordinary "can you pay my landlord" from a relative does not.
func TestLandlordPayeeAndFriendPhone(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"mum its me on a friend's phone, mine broke, can you transfer 900 to my landlord today", CategoryPaymentTransfer},
		{"hi mum, can you transfer the rent to my landlord this month, i will pay you back", ""},
	})
}

// TestItWasYouThenTheAsk: "it was you" is a clause of its own, no "was
// you …" question about the past, so the need after it asks.
func TestItWasYouThenTheAsk(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"this is the sheriffs office, to confirm it was you i need your social security number", CategoryPersonalID},
		{"this is the sheriffs office, to check it was you please read me your passport number", CategoryPersonalID},
		{"i know it was you who called earlier, i need to ring you back about the party", ""},
	})
}

// TestUsedClauseInList: "the username you use and the password for it" is
// one list after the ask; the same words as a statement ask nothing.
func TestUsedClauseInList(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"i will need the username you use and the password for it", CategoryCredentials},
		{"the username you use and the password are both case sensitive, the bank will never ask for them", ""},
	})
}

// TestSpeakerVideoCall: the caller's own "I'll video call you" is no "a
// call" reporting someone else's ask; "scammers may video call you and ask
// you to share your screen" still warns.
func TestSpeakerVideoCall(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"we will video call you on whatsapp, when it connects share your screen so i can check your bank app", CategoryRemoteAccess},
		{"scammers may video call you and ask you to share your screen", ""},
	})
}

// TestDeliveryExpectedByNow: "it should have come through" delivers the
// code asked back by "what does it say?"; a parcel that should have arrived
// is no code.
func TestDeliveryExpectedByNow(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"my code went to your phone by accident, it is a four digit one, it should have come through just now, what does it say?", CategoryVerificationCode},
		{"the package should have arrived yesterday, what does the label say", ""},
		{"the letter should have come through your door, can you read me what it says", ""},
	})
}

// TestPaymentFormAndCardBrands: the form a payment must take ("it has to
// be in gift cards"), a gift card's brand misheard ("goggle play") or
// split ("pay safe cards"); "has to be in by friday" names no card.
func TestPaymentFormAndCardBrands(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"the fine is due today and it has to be in apple gift cards, call me back with the numbers", CategoryGiftCard},
		{"go to the shop and get goggle play cards then read me the codes", CategoryGiftCard},
		{"buy four pay safe cards and read me the pins", CategoryGiftCard},
		{"the council tax has to be in by friday and you can pay by card", ""},
		{"the bail is 2000 and it's got to be in steam cards, go now", CategoryGiftCard},
		{"the tickets have got to be in the post by monday", ""},
		{"i put my goggles on to play squash", ""},
	})
}

// TestNetBankLogin: a bank's web login named "net bank" makes its client
// number and password online-banking details.
func TestNetBankLogin(t *testing.T) {
	d := New()
	r := d.Classify(ParseTranscript("this is the fraud team, log into your net bank and read me your client number and your password"))
	if !slices.Contains(flagCats(r.Flags), CategoryBankingDetails) {
		t.Errorf("net bank login: flags %v, want banking_details", flagCats(r.Flags))
	}
	if r := d.Classify(ParseTranscript("you can log into net bank and check your client number on the settings page")); len(r.Flags) > 0 {
		t.Errorf("net bank told: flags %v, want none", flagCats(r.Flags))
	}
}

// TestPhoneticKeyNouns: key nouns as a telephone recogniser hears them,
// each only where its neighbour gives it away ("four digit pen", "so
// shall security", "i ban", "green dog cards", "the coat it sent", "in to
// you computer"), with the ordinary word left alone.
func TestPhoneticKeyNouns(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"this is card services, key in your four digit pen when you hear the beep", CategoryBankingDetails},
		{"please bring a pen and your four digit reference from the letter", ""},
		{"the housing office needs your so shall security number before we can continue", CategoryPersonalID},
		{"so shall we meet at the library at noon", ""},
		{"to release the refund read me your i ban and the bank name", CategoryBankingDetails},
		{"i ban phones at the dinner table, it works", ""},
		{"the court fine is overdue, get two green dog cards and call back with the numbers", CategoryGiftCard},
		{"i walked the green dog and then bought it a treat", ""},
		{"my instagram is locked, can you send me the coat it texted you", CategoryVerificationCode},
		{"i hung up the coat it came with in the closet", ""},
		{"your router is infected, i need to connect to you computer to clean it", CategoryRemoteAccess},
		{"i will send you computer tips by email next week", ""},
	})
}

// TestSecurityQuestionsAndClausePronoun: security questions
// asked as a bare list by their content ("the city where you were born"),
// and a clause ending in "this" or "that" before the verb that asks ("to
// resolve this, purchase Google Play cards").
func TestSecurityQuestionsAndClausePronoun(t *testing.T) {
	wantOnly(t, New(), []struct{ text, want string }{
		{"for verification, what is the town where you were born and the name of your first school", CategoryCredentials},
		{"when you set up online banking you picked the town where you were born as a security question", ""},
		{"to clear this, buy apple gift cards at any pharmacy and read me the numbers", CategoryGiftCard},
		{"to sort that, purchase steam cards and call me back with the codes", CategoryGiftCard},
		{"was this purchase made with your apple gift card", ""},
	})
}

// TestUnpunctuatedQuestionClause: without sentence marks, a "what is /
// what are" question with a determiner after it opens a new sentence,
// so the clause before it ("unless we can confirm it") does not govern
// it; after a word that takes it as its object ("ask", "tell me", "you")
// it stays in its sentence, negation and all.
func TestUnpunctuatedQuestionClause(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"your email will be deleted unless we can confirm it whats your password", CategoryCredentials},
		{"the account closes today unless we verify it whats the email and password for your account", CategoryCredentials},
		{"make sure nobody else does it whats your social security number", CategoryPersonalID},
		{"we will never ask you whats your password", ""},
		{"the bank will never ask what is your pin", ""},
		{"remember nobody from the bank asks whats your pin", ""},
		{"you dont need to call back whats the best time to reach you", ""},
	})
}

// TestUnpunctuatedContractions: contractions a recogniser prints without
// the apostrophe ("wouldnt", "shouldnt", "theyre", "youd", "itd") are
// read as the words they stand for, so their negations and subjects count.
func TestUnpunctuatedContractions(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"if you could just tell me what youd type into the box when it asks for the secret word", CategoryCredentials},
		{"itd help to have the password you use for your email", CategoryCredentials},
		{"the bank wouldnt ever ask for your pin", ""},
		{"a real agent shouldnt ask you to read out the code", ""},
		{"our staff couldnt ask for your password", ""},
		{"theyre going to ask for your pin dont give it", ""},
	})
}

// TestUnpunctuatedVocative: a relative's name opening the call without a
// comma after it is said to them when a determiner, a pronoun subject,
// "it" or "please" follows ("mum the laptop …", "gran its me"), so the call
// is a family call as "Mum, the laptop …" is; "mum said …" is not.
func TestUnpunctuatedVocative(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"caller: mum the laptop logged me out whats the password", ""},
		{"caller: dad its me the laptop logged me out whats the password", ""},
		{"caller: mum said the laptop logged her out whats the password", CategoryCredentials},
		{"caller: gran its me i lost my phone please send the money by zelle", CategoryPaymentTransfer},
	})
}

// TestUnpunctuatedClauseStart: in a text without any punctuation, a
// subject pronoun with a modal or "need" after it, or "can / could / would
// / will you", starts a new sentence where a typist would have put a full
// stop, so a negation or a "why" clause before it does not reach the ask
// after it; after a conjunction, a verb of speech or the noun a relative
// clause follows it does not.
func TestUnpunctuatedClauseStart(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"thats why we need to check i need you to read me your passport number", CategoryPersonalID},
		{"nobody else can fix it i need you to give me the code on your phone", CategoryVerificationCode},
		{"they wont treat me without a deposit can you western union the money to the doctors name", CategoryPaymentTransfer},
		{"we never phone to ask for it i will never need your password", ""},
		{"scammers will not stop until i get your password they told me", ""},
		{"he says they never call can you read me the code", ""},
		{"do not give the code we texted you to anyone", ""},
	})
}

// TestAckedNameFollowUp: an elliptical "and the X" after an
// acknowledgement leads its clause with the listener's name between them
// too, as a recogniser prints "Thank you, Marjorie. And the password?".
func TestAckedNameFollowUp(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"caller: could you tell me the email you use\ncallee: its marjorie k at icloud\ncaller: thank you marjorie and the current password on that account so i can confirm it", CategoryCredentials},
		{"caller: lovely dave and the sort code on your card please", CategoryBankingDetails},
		{"caller: the man said thank you marjorie and then he asked for the password on the account", ""},
	})
}

// TestUnpunctuatedWeContractions: "were" and "well" opening a clause are
// the "we're" and "we'll" a recogniser prints without the apostrophe when
// the next word goes with "we are" / "we will" ("while were on the phone",
// "then well need"); "you were", "as well" and "went well" stay.
func TestUnpunctuatedWeContractions(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"caller: can you send the money on cash app while were on the phone so i can log it", CategoryPaymentTransfer},
		{"caller: please send the payment by zelle now while were still on the line", CategoryPaymentTransfer},
		{"caller: then well need your card number and the expiry date", CategoryBankingDetails},
		{"caller: thats great as well just read me the code", CategoryVerificationCode},
		{"caller: you were on the phone with them when you sent the money by zelle", ""},
		{"caller: it all went well and you sent the money by zelle", ""},
	})
	tk := tokenizer{d: d}
	for in, want := range map[string]string{
		"while were on the phone":    "while we are on the phone",
		"then well need your card":   "then we will need your card",
		"you were on the phone":      "you were on the phone",
		"it went well need anything": "it went well need",
		"as well just read it":       "as well just read it",
	} {
		tk.out = tk.out[:0]
		tk.run(in)
		var got []string
		for _, x := range tk.out {
			if x.id >= idFirst {
				got = append(got, d.vocab.words[x.id])
			}
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("%q: tokens %q, want %q", in, g, want)
		}
	}
}

// TestUnpunctuatedEllipticalLead: in a text without punctuation, "just
// the …" and "then the …" after a finished clause open an elliptical ask
// of their own ("it doesn't take long. Just the sort code …"), so a
// negation before them does not reach it; after a verb or preposition
// that governs them ("ask for just the last four") they stay in its clause.
func TestUnpunctuatedEllipticalLead(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"caller: it doesnt take long just the sort code and the account number", CategoryBankingDetails},
		{"caller: thats where the refund is paid then the eight digit account number after that", CategoryBankingDetails},
		{"caller: none of that matters just the numbers on the back of the gift card", CategoryGiftCard},
		{"caller: we never ask for just the last four digits of your card", ""},
		{"caller: you only need to give them just the reference number nothing else", ""},
		{"caller: if they ask then the bank will call you back", ""},
	})
}

// TestSpokenTwoFA: "2FA" as a recogniser prints it, "two fa", names a
// verification code as "2fa code" does.
func TestSpokenTwoFA(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		{"caller: this is your bank security team tell me the two fa code", CategoryVerificationCode},
		{"caller: never tell anyone the two fa code we send you", ""},
	})
}

// TestTellingInLongCalls: shapes that make a cue or a payment news, a
// prompt or the speaker's own deed (telling.go). "We need you to know /
// understand / be aware" informs; "it's asking for a code" describes a
// screen's prompt; "I want to pay you back" is the speaker paying the
// listener; "share your screen with the team / with everyone" presents to
// a group; "you requested a wire transfer of …" is the listener's own
// payment and "confirm it went through" a fact; "did you send me …" asks
// about the past; "I use Zelle for the rent" is a habit where "just use
// Zelle to my new number" asks (weak, as any family payment). Each keeps
// its asking neighbour.
func TestTellingInLongCalls(t *testing.T) {
	d := New()
	wantOnly(t, d, []struct{ text, want string }{
		// A survey or poll named after a delivery refers back to nothing.
		{"Hi, it's the help desk, I have closed your ticket and you'll get a short survey by email.", ""},
		{"Hi, it's the help desk. You'll get a text with a code, and there's a quick survey after, so read me the code.", CategoryVerificationCode},
		// "you to know" informs.
		{"Hello, this is the passport office. We need you to know that your old passport has been cancelled and the new one is in the post.", ""},
		{"Hi, it's the card centre. I want you to be aware that your card number has been replaced, the new card is on its way.", ""},
		{"Hello, this is the licensing office. We need you to read me your driving licence number today or the licence is cancelled.", CategoryPersonalID},
		{"Bank security here, your account is locked. Let me know your card number so I can unlock it.", CategoryBankingDetails},
		// A screen's prompt.
		{"Me: I'm at the login page.\nFlatmate: Yeah, it's asking for a code, it says it sent one to the shared inbox.", ""},
		{"Sis: The site is down again?\nMe: No, it's asking for your password, then it logs me out.", ""},
		{"it asks for your password every time you open the laptop which is annoying", ""},
		{"This is the fraud team. The system is locked. Read me the code we just sent to your phone.", CategoryVerificationCode},
		// The speaker pays the listener back.
		{"Grandson: They put my buddy in jail, wild. Anyway I wanted to pay you back the two hundred dollars you lent me.", ""},
		{"son i'm in jail its awful but listen i will pay it back on friday the money you lent me", ""},
		{"Caller: We refunded you too much. You need to pay back the extra four hundred by wire transfer today or you will be arrested.", CategoryPaymentTransfer},
		// Presenting to a group.
		{"Lead: Thanks for joining, all. Priya, can you share your screen with the team so we can go through the timeline?", ""},
		{"ok folks can you share your screen with everyone so we can see the floor plan", ""},
		{"This is Microsoft support, your computer has a virus. Download AnyDesk and share your screen with me so I can fix it.", CategoryRemoteAccess},
		// The listener's own payment, told back, and a fact confirmed.
		{"Agent: This is Lakeside Credit Union following up. You authorised a wire transfer of 3000 dollars to your landlord this morning. I'm calling to confirm it arrived.", ""},
		{"Hi, it's the branch. You set up a transfer of 500 dollars to your son yesterday, we just wanted to check it was received. No need to call back.", ""},
		{"You made a transfer of 900 dollars to the wrong account and the police are involved. Wire the 900 dollars back to our recovery account today.", CategoryPaymentTransfer},
		// A question about the past: "did you send me …".
		{"did you send me a text asking for the pin", ""},
		{"Mum: Did you send me a message asking for a code earlier? I got something odd.", ""},
		{"did you get it? the code we texted you, read it to me now", CategoryVerificationCode},
		{"Bank security. Can you send me the code we just texted you?", CategoryVerificationCode},
		// A payment app put to use, and the speaker's own habit.
		{"Landlord: I switched banks, the old account is closed. Just use Zelle to my new number today, it's urgent.", CategoryPaymentTransfer},
		{"Seller: I have three other buyers waiting. Please use PayPal friends and family today.", CategoryPaymentTransfer},
		{"son: they arrested my friend last night, crazy. anyway I use zelle for the rent now, it's easy.", ""},
		{"Mom: the police called about the break-in next door. we always use paypal for the cleaner.", ""},
		{"mom can you use venmo for the pizza money", ""},
		// A delivered code put in a message back.
		{"Hi, it's Leo on a friend's phone. Signal will text you a code in a minute, it's meant for me. Can you stick it in a message back to this number?", CategoryVerificationCode},
		{"Hi, it's Leo. I'll send you the photos from the party later, pop them into an email for grandma would you.", ""},
		// "If not," an elliptical condition: its negation does not reach the ask after it.
		{"Hi, this is Wells Fargo. Did you make a Venmo payment of 600 dollars to Jake Miller? If not, you'll need to send the same amount through Venmo to reverse it.", CategoryPaymentTransfer},
		{"This is Chase fraud. Did you make this purchase? If not, do not share any codes with anyone.", ""},
		{"Hi, this is Wells Fargo. Did you make this purchase? If not, we will never ask you to move money.", ""},
		// Handed to the listener: "… will give you your …".
		{"Welcome to the team! On Monday, the office manager will give you your badge and login details at reception.", ""},
		{"hi its the college admissions office the library will hand you your student card and the password for the portal in week one", ""},
		{"Hi, it's the IT desk. Your mailbox is locked. Give me your login details and I'll fix it.", CategoryCredentials},
		// The speaker's own errand.
		{"hey dad quick one about grandmas birthday, i was gonna get her a gift card but no idea where she shops", ""},
		{"Hi Mum, Grandad is in hospital again. I was going to get him an Amazon gift card for his birthday, is that boring?", ""},
		{"grandma im in jail, i'm going to need you to get five google play cards", CategoryGiftCard},
		// A "please" that opens an imperative of its own.
		{"Agent: If someone rings claiming to be us and wants a code we sent you, or your card number, please hang up and ring the number on your card.", ""},
		{"Agent: This is the fraud team, I need to verify you. Your card number, please.", CategoryBankingDetails},
		{"i will text you a login code please send me a screenshot of the message", CategoryVerificationCode},
		// "The rest of it": the remainder of a number being read, not money.
		{"Caller: This is the Citi fraud team. We've seen unusual charges on your card, so I'm going to block it and send a new one.\nCallee: Okay.\nCaller: Can you read me the long number across the front, starting with the five?\nCallee: It's five five two one...\nCaller: Mm-hm, go on, the rest of it.", CategoryBankingDetails},
		{"grandma im in jail, you paid half, now send the rest", CategoryPaymentTransfer},
		{"grandma im in jail send the rest of the money by western union", CategoryPaymentTransfer},
		// A ready frame: "in front of you".
		{"This is the tax office. There's an error in your records. Call us back and have your national insurance number in front of you.", CategoryPersonalID},
		{"Receptionist: When you arrive at the clinic, have your appointment letter in front of you.", ""},
		// A return call after the ready frame, and "secret question answers" like "security question answers".
		{"Hello from the benefits office, your claim is on hold. Please have your password ready when you ring.", CategoryCredentials},
		{"Tax office here. Your access is suspended. Have your secret question answers handy when you call us.", CategoryCredentials},
		{"Hi, it is Dana from the branch. Please have your account number ready when you call.", ""},
		{"Have your secret question answers handy if you want to reset it online yourself.", ""},
	})
}
