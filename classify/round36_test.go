package classify

import (
	"slices"
	"testing"
)

// TestRound36Shapes checks the shapes of the holdout35/spot32 round with
// sentences of my own: each case names the category it must flag, or
// none ("").
func TestRound36Shapes(t *testing.T) {
	d := New()
	tests := []struct {
		name, text, want string
	}{
		// A need already met (needMet): "everything I need" after "have"/"got".
		{"need met", "Hi, it's Carol from the surgery. We've got everything we need, your Medicare number is already on your file, so no need to call back.", ""},
		{"need met, unpunctuated", "hi its the payroll office i have all i need your national insurance number came through with the form", ""},
		{"all i need is", "This is payroll. All I need is your Social Security number and you're done.", CategoryPersonalID},
		{"all we need after has", "hi its medicare the new card has a chip all we need is your medicare number and then we post it", CategoryPersonalID},
		// A number rung (lineRung): "call us back on the number", near a notification.
		{"line rung", "This is the card team. Please read the notification or ring us back on the number in the app.", ""},
		{"line rung, unpunctuated", "this is the fraud desk just check the notification or call me at the number in the app", ""},
		{"line then read back", "We just texted you a code, call me back at the number and read it to me.", CategoryVerificationCode},
		{"number read back", "This is the card team. We texted you a code, please read me the number in the text.", CategoryVerificationCode},
		{"need not met", "This is payroll. I have your form, but I need your Social Security number before Friday.", CategoryPersonalID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := flagCats(d.Classify(ParseTranscript(Redact(tt.text))).Flags)
			if tt.want == "" && len(got) > 0 || tt.want != "" && !slices.Contains(got, tt.want) {
				t.Errorf("%q: got %v, want %q", tt.text, got, tt.want)
			}
		})
	}
}
