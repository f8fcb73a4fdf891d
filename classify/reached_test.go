package classify

import (
	"slices"
	"testing"
)

// TestReachedShapes checks the shapes of reached.go with sentences of my
// own: each case names the category it must flag, or none (""), and a
// category it must not flag (not).
func TestReachedShapes(t *testing.T) {
	d := New()
	tests := []struct {
		name, text, want, not string
	}{
		// A code delivered to the contact on file, asked for by the agent a key press reaches.
		{"code to the number on file", "This is an automated alert from your card issuer. A one-time code has been sent to the phone number we hold for you. Press 2 now to reach a fraud specialist and provide the code to stop the charge.", CategoryVerificationCode, ""},
		{"code to the email on file, unpunctuated", "this is an automated alert from your card issuer a code was sent to the email address on your account press two now to reach our team and read out the code", CategoryVerificationCode, ""},
		{"code on file, typed by the listener", "A code has been sent to the mobile number on your account. Enter it on our website to finish the change.", "", ""},
		// The agent reached by a key press or a call back (agentReached).
		{"case officer by key press", "This is the benefits office. Your claim has been stopped. Press 9 to be put through to a claims officer who will verify your social security number and bank details with you.", CategoryPersonalID, ""},
		{"unnamed role word", "This is the pensions service. Press 1 to be connected to a caseworker who will confirm your national insurance number.", CategoryPersonalID, ""},
		{"call back, technician", "Your broadband will be cut off tonight. Please call us back on 0800 555 0192, and you'll speak to an engineer who will need your router password and your email password.", CategoryCredentials, ""},
		{"advisor, appointment only", "This is the surgery. Press 1 to speak to an advisor who will confirm your appointment time.", "", ""},
		{"advisor, no reach", "Our advisors, who will check your passport when you come in, are in the branch from nine.", "", ""},
		{"advisor, negated", "This is your bank. Press 1 to speak to an advisor, who will never ask for your PIN or your password.", "", ""},
		{"warning about such calls", "If a recorded message tells you to press 1 for an agent who will confirm your card number, hang up and ring us.", "", ""},
		// Someone on the caller's side taking it down (agentTakeDowns).
		{"agent takes the card number", "Your parcel is held for a fee of one dollar. Stay on the line and an agent will take the card number and security code.", CategoryBankingDetails, ""},
		{"supervisor who will take it, unpunctuated", "ill put you through to my supervisor who will take your card number for the refund", CategoryBankingDetails, ""},
		{"caseworker takes payment", "Press one to speak to a caseworker who will take payment by bank transfer now.", CategoryPaymentTransfer, ""},
		{"officer at the appointment", "At your appointment an officer will take a copy of your passport.", "", ""},
		{"agent will never take it", "Our agents will never take your card number over the phone.", "", ""},
		// A person payee by pronoun, named before (payeeBefore): the payee's sort code is no banking ask.
		{"landlord by pronoun", "Hi Dad, it is me, this is my new number. My landlord is threatening to kick me out. Can you transfer 1,200 to him today? I'll text you his sort code and account number.", CategoryPaymentTransfer, CategoryBankingDetails},
		{"lawyer by pronoun, unpunctuated", "hi mum its me my phone broke this is my new number the lawyer needs his fee today can you send 900 over to him now ill text you his account details", CategoryPaymentTransfer, CategoryBankingDetails},
		{"his account, after the landlord", "Mum, it's me, my phone's broken so I'm on a friend's. The landlord wants the rent today or he'll add a fee. Could you send 700 straight into his account? I'll text you the details.", CategoryPaymentTransfer, ""},
		{"his account, a fact", "The landlord came round. He showed me the rent went into his account on Monday.", "", ""},
		// A third person's secret to go to the speaker (thirdsToMe).
		{"child's login to the caller", "This is the games platform's safety team. Your daughter's account will be closed tonight. Can you get me her username and password so we can appeal it?", CategoryCredentials, ""},
		{"relative's card read to the caller", "hi its the pharmacy your fathers order is on hold can you read me his card number and the expiry", CategoryBankingDetails, ""},
		{"payee's details handed", "Hi Mum, new number. Could you pay my landlord today? I'll text you his sort code and account number.", "", CategoryBankingDetails},
		{"his password, told", "My brother forgot his password again, so he rang the help desk to reset it.", "", ""},
		{"pronoun, no payee", "Hi love, Tom came round for his drill. Can you give it to him when he's back?", "", ""},
		{"pronoun, negated", "Your solicitor rang. Please don't transfer anything to him until we have checked the invoice.", "", ""},
		{"landlord, a deed told", "My landlord asked me to transfer the rent to him a week early, so I did.", "", ""},
		// A safe account's details handed to the listener (handedBefore): the payment is asked, not banking.
		{"safe account, details handed", "This is the security team at your bank. You need to move all your savings to a see cure account in your name. I'll give you the sort code and account number now, please do it in your app while I wait.", CategoryPaymentTransfer, CategoryBankingDetails},
		{"safe account, unpunctuated", "this is the security team at your bank you need to move all your savings to a safe account in your name i will give you the sort code and account number now please send it from your app while i wait", CategoryPaymentTransfer, CategoryBankingDetails},
		{"handed, then asked", "This is the security team at your bank. I will give you a reference number now. Please read me your card number so I can block it.", CategoryBankingDetails, ""},
		// "secret questions" named as "security questions" are: a ready list after a call back.
		{"secret questions, ready", "this is the tax office your online account is locked call us back on 1300 555 010 and have your login password and the answers to your secret questions ready", CategoryCredentials, ""},
		{"secret questions, warning", "Reminder from your bank: we will never ask for the answers to your secret questions over the phone.", "", ""},
		// "share scream": a share screen heard so; weak, as typed.
		{"share scream, watched", "hi its the fraud team at your bank tap the share scream button and then log in to your online banking so i can see whats going on", CategoryRemoteAccess, ""},
		{"share scream, meeting", "morning everyone priya can you hit share scream and walk us through the slides", "", ""},
		{"share scream, demo", "just click share scream at the bottom and show me the error in the test build", "", ""},
		// A payment app releasing a seller's goods (goodsOnPayment).
		{"seller by zelle", "The kitten is ready to go. Send the deposit by Zelle to my number and as soon as it clears I'll ship her to you.", CategoryPaymentTransfer, ""},
		{"seller by cash app, unpunctuated", "yes the car is still for sale you just pay through cash app and once the money lands we will deliver it on monday", CategoryPaymentTransfer, ""},
		{"family by venmo, paid back", "Hey it's your sister. Can you Venmo me 40 for the tickets? When I get paid I'll send it back.", "", ""},
		{"paid at collection", "The bike is still for sale. You can pay cash when you collect it and once you've seen it we'll sort the paperwork.", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := flagCats(d.Classify(ParseTranscript(Redact(tt.text))).Flags)
			wantAmong(t, tt.text, got, tt.want)
			if tt.not != "" && slices.Contains(got, tt.not) {
				t.Errorf("%q: got %v, not %q", tt.text, got, tt.not)
			}
		})
	}
}
