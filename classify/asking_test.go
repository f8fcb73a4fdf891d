package classify

import (
	"slices"
	"testing"
)

// TestAskShapes checks the ask shapes of asking.go with sentences of my
// own: each case names the category it must flag, or none ("").
func TestAskShapes(t *testing.T) {
	d := New()
	tests := []struct {
		name, text, want string
	}{
		// A code keyed or typed into this call or chat (keyAfter, keypadVerb).
		{"after the beep", "This is your bank's security line. Your card has been frozen. Enter the passcode we texted you after the beep.", CategoryVerificationCode},
		{"into the chat", "Your parcel is held at customs. Type the code we sent you into the chat so I can release it.", CategoryVerificationCode},
		{"key in", "Your account is locked. Key in the security code we just texted you.", CategoryVerificationCode},
		{"key in on the site", "Your account is locked. Key in the security code we just texted you on our website to unlock it.", ""},
		{"enter in the app", "We sent you a code. Enter the code in the app to finish setting up your card.", ""},
		{"type it yourself", "You will have to type the code into the website yourself.", ""},
		// A code's delivery clause before a ready frame (deliveryTail).
		{"ready, delivery tail", "Your account will be closed today. Call us back and have the passcode we just sent you ready.", CategoryVerificationCode},
		{"handy, delivery tail", "Your account will be closed today. Please have the code that came through a moment ago handy when you ring us back.", CategoryVerificationCode},
		{"ready, own letter", "Please have your appointment letter ready when you come in.", ""},
		// A text sent to the speaker (toSpeaker) and a PIN sent back (sendBackOnly).
		{"text to this number", "Your card was used in another country so text your online banking password to this number", CategoryBankingDetails},
		{"text code to this number", "Your account is at risk. Text the six digit code on your screen to this number.", CategoryVerificationCode},
		{"text delivery", "We'll text the code to your phone in a minute.", ""},
		{"send me your pin", "Your card is blocked. Send me your pin so I can unblock it.", CategoryBankingDetails},
		{"pin delivered", "Your card is blocked. Read me the pin we texted you.", CategoryVerificationCode},
		// A phrase that asks nothing between a cue and an object (cueOpensBetween).
		{"please call after confirm", "Your new card is on its way and you can activate it to confirm. Please call the number on the back of your card if you have questions.", ""},
		{"confirm ask", "Your account is on hold. Please confirm the long number on the front of your card.", CategoryBankingDetails},
		// The speaker's own offer (speakerOffers).
		{"want me to", "Your card was cloned last night. Do you want me to read the new card number to you?", ""},
		{"shall i", "Your account is frozen. Shall I send you the password reset link now?", ""},
		{"would you like me to", "Your laptop is infected. Would you like me to give you remote access to our support portal?", ""},
		{"need you to", "Your account is frozen. I need you to read me the card number now.", CategoryBankingDetails},
		// A payment app the listener goes on using (stillUsed).
		{"still use", "Your old card is cancelled, but you can still use Google Pay when the replacement is in your wallet.", ""},
		{"still use to pay", "Your account is frozen, you can still use Zelle to send the release fee to our agent today.", CategoryPaymentTransfer},
		// The money as the subject of where it must go (payDestinations).
		{"money needs to go", "This is your bank's fraud team. The money needs to go into the safe account today.", CategoryPaymentTransfer},
		{"make sure it goes, invoice", "Hi, it's Mark from Apex Supplies. We've changed banks, so please make sure the invoice payment goes to our new account this week.", CategoryPaymentTransfer},
		{"make sure, unpunctuated", "make sure all the money goes into the secure account tonight before they empty it", CategoryPaymentTransfer},
		{"pension goes, told", "From next month your pension payment goes into the new account you gave us.", ""},
		{"refund has to go back", "Your refund has to go to the account you paid from.", ""},
		// A form field opening a list (listFrom), and a pronoun that is the cue's own object.
		{"field first", "This is Microsoft account security. Our technician will need your full email address and your current password to lock the intruder out.", CategoryCredentials},
		{"field first, unpunctuated", "our technician will need your microsoft account email address and your current password", CategoryCredentials},
		{"handed after a pronoun", "To pay the fee, write this down: the bank name, then the account number.", ""},
		// Recogniser slips after a call back's "back" (the misheard table), and a call back with the thing to have.
		{"back can't", "this is h m r c you are owed a tax refund to release it please call back can't confirm your national insurance number", CategoryPersonalID},
		{"back until", "someone tried to change the email on your account we sent a verification code to your phone so please call back until the agent that code", CategoryVerificationCode},
		{"can't after a call", "I called the bank back, can't remember what they said about my card number.", ""},
		// A reply or send-back by text to the caller's number (replyTos, "text back", "ping that").
		{"reply by text", "Netflix account services: your payment failed. Reply by text to this number with the email address and password you use to sign in.", CategoryCredentials},
		{"text back", "Your iCloud account is locked. Please text back your Apple ID email address and current password to this number.", CategoryCredentials},
		{"ping that code", "I typed your number by mistake setting up WhatsApp, you'll get a six-digit code. Could you just ping that code back to me on this number?", CategoryVerificationCode},
		{"gone ping", "It's gone ping on my phone. It says your code is on its way, never share it.", ""},
		// Scarcity of other buyers as pressure.
		{"other families", "the dates are still free but another family wants them too so send the full amount by bank transfer today to my account", CategoryPaymentTransfer},
		// A social platform's "safety team" is an organisation, whatever the greeting ("hi love").
		{"social safety team", "Hi love, this is Karen from the Facebook safety team. Someone's reported your page. When you call back, tell me the password you log in with.", CategoryCredentials},
		{"family password", "Hi love, it's Mum. What's the password for the Netflix again? The telly logged me out.", ""},
		// Hand-overs by everyday verbs of what was just sent, and "what I need you to do is".
		{"stick that in a text", "It's Telstra, there's a SIM swap request on your mobile. You'll have just got a text with a code in it, so stick that in a text back to this number and we'll stop it.", CategoryVerificationCode},
		{"what I need you to do is", "It's Revolut security, the fraudster still has access to your main balance. What I need you to do is move everything into the new vault we've set up for you.", CategoryPaymentTransfer},
		// A code triggered to the listener's phone; a helpline found online (number_found_online).
		{"recovery code triggered", "I'm going to trigger a recovery code to your phone now. When it arrives, just read it to me.", CategoryVerificationCode},
		{"recovery code kept", "Write down the recovery codes and keep them somewhere safe, we will never ask for them.", ""},
		{"found online", "Agent: Thank you for calling account recovery, how can I help?\nCustomer: Hi, I found this number online, my account was hacked.\nAgent: I'll send a code to your phone. Read it to me when it arrives.", CategoryVerificationCode},
		// A third person's secret asked by an organisation (thirdAsked).
		{"employee's login", "Hi, it's Kate from the head office IT team. Priya's off sick and her mailbox audit has to finish. Do you happen to know her login? Just her username and password.", CategoryCredentials},
		{"father's medicare number", "This is Rebecca from the Medicare Advantage enrollment center. Your father is eligible for an upgrade. I just need his Medicare number off his card.", CategoryPersonalID},
		{"relative's password", "Hi love, it's Mum. Do you know her password for the netflix? Your sister's locked out again.", ""},
		// A helper "so he can jump on"; an application that is a form.
		{"so he can jump on", "Your internet connection has been compromised by hackers. Our tech will get you to download a little program so he can jump on and clean it up.", CategoryRemoteAccess},
		{"mortgage application", "Hi, it's Priya from Halifax confirming your mortgage appointment. Bring your payslips and photo ID, that'll help us get the application going.", ""},
		// "send your" an identifier; a changed payee account; a wire out.
		{"send your pan card", "congratulations your loan is approved just for verification kindly send your pan cart number and aadhaar number on whatsapp", CategoryPersonalID},
		{"send your new card", "We'll send your new card to the address on file within five working days.", ""},
		{"details have changed", "It's Sarah from Bennett and Co solicitors. Our client account details have changed because we're moving banks. I'll email the new sort code, and if you can send the deposit over today that would be great.", CategoryPaymentTransfer},
		{"a wire out", "Anna, it's Richard. It's confidential until Monday. I need a wire out today to the lawyers' escrow, I'll email you the new bank details.", CategoryPaymentTransfer},
		// A relative clause saying what to do with a code; the speaker's check as a purpose; a line to write to.
		{"code that you will read", "If this was not you, call our security desk. We will send a two-step verification code that you will need to read to the agent.", CategoryVerificationCode},
		{"so we can verify", "Press one now and please have your credit card in front of you so we can verify the card number and expiration.", CategoryBankingDetails},
		{"text me on this number", "It's Steve from the plumbers. If Tuesday doesn't suit, just text me on this number and we'll find another day.", ""},
		{"google plate cards", "your power will be cut in thirty minutes we only accept google plate cards go to any cvs and call us back with the card numbers", CategoryGiftCard},
		// An attempt told, a question about others' asks, a negated subject with "ever".
		{"you tried to send", "This is the fraud team at your bank. You tried to send fifteen thousand pounds to a new payee this morning and we've paused it.", ""},
		{"has anyone asked you", "Has anyone contacted you asking you to move money, or told you to mislead the bank?", ""},
		{"no bank will ever", "I've told him, no bank will ever ask you to buy gift cards or read out codes.", ""},
		// "can I please have", a custody account, an IBAN heard in two words.
		{"can i please have", "This is the card fraud department, your card was flagged. To locate your account, can I please have the full sixteen digit card number and the expiration date?", CategoryBankingDetails},
		{"safety custody account", "This is the police. To prove your innocence you need to transfer all the money in your account to a safety custody account under the Monetary Authority.", CategoryPaymentTransfer},
		{"eye ban", "we dont have your bank details on file so could you read me out your eye ban its the long one starting with i e", CategoryBankingDetails},
		// A negated subject (noSubject).
		{"no agency", "Your account is under investigation. No government office accepts payment in gift cards.", ""},
		{"no bank will", "This is a fraud alert. No bank will ask you to move your money to a safe account.", ""},
		{"no worries", "No worries, buy the Google Play cards at the store and read me the numbers.", CategoryGiftCard},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := flagCats(d.Classify(ParseTranscript(Redact(tt.text))).Flags)
			wantAmong(t, tt.text, got, tt.want)
		})
	}
}

// wantAmong fails unless want is among a text's flagged categories, or,
// for want "", nothing was flagged.
func wantAmong(t *testing.T, text string, got []string, want string) {
	t.Helper()
	if want == "" && len(got) > 0 || want != "" && !slices.Contains(got, want) {
		t.Errorf("%q: got %v, want %q", text, got, want)
	}
}
