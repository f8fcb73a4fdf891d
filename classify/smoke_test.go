package classify

import (
	"fmt"
	"testing"
)

func TestSmoke(t *testing.T) {
	d := New()
	for _, s := range []string{
		"Caller: hi this is amazon, read me the verification code we just sent\nMe: ok it is 4 8 2 9",
		"your amazon verification code is 4 8 2 9 do not share this code with anyone",
		"we will never ask for your pin",
		"can you read me the\nsix digit code we sent",
		"what's the code you got",
		"I'll send you a code",
		"grandma i'm in jail send money by gift card",
		"mum what's the wifi password",
		"did you make a purchase of 500 dollars at walmart press 1 for yes",
		"please download anydesk so i can connect to your computer",
		"you need to move your money to a safe account",
		"can i have your social security number",
		"what is your mother's maiden name",
		"go to walmart and buy google play cards",
	} {
		r := d.Classify(ParseTranscript(s))
		fmt.Printf("%q\n  -> %s %.2f %v %v\n  %s\n", s, r.Verdict, r.Risk, r.Flags, r.Signals, r.Advice)
	}
}
