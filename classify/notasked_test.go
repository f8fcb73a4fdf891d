package classify

import (
	"slices"
	"strings"
	"testing"
)

// longOpening pads an unpunctuated voicemail so that ParseTranscript cuts
// it by length, with no sentence mark, inside the sentence after it.
const longOpening = "good afternoon this is a message from the customer care team at your building society about the new card " +
	"we posted to you last week it should arrive in the next few days and you can start using it as soon as you activate it"

// TestNotAskedShapes checks the shapes of notasked.go and the mid-clause
// cut with sentences of my own: each case names the category it must
// flag, or none ("").
func TestNotAskedShapes(t *testing.T) {
	d := New()
	tests := []struct {
		name, text, want string
	}{
		// A long unpunctuated line cut mid-clause goes on as one (cutMidClause):
		// a negation before the cut reaches past it, and so does an ask.
		{"cut negation", longOpening + " please remember that we would never ask you to transfer your savings to a new account or tell us a passcode we send you", ""},
		{"cut negation, list", longOpening + " and nobody from our branch will ever phone you and ask for your card number or your pin or the code from your text messages", ""},
		{"cut ask", longOpening + " but before we can activate it i am going to need you to read me the sixteen digit number on the front of your old card", CategoryBankingDetails},
		{"cut ask, late", longOpening + " so to activate it over the phone right now i just need you to confirm the login password you use for the mobile app", CategoryCredentials},
		// holdout34/spot31 round: a number to ring (dialledNumber), an item
		// left in the context keeps its clause (no list chain back once the
		// negation left the window), "bring yourself and" (bringYourself).
		{"dialled number", "Hello, this is the card services team. If you are worried, hang up and call the number on the back of your card.\nPlease use the number on your card and not one I read out to you.", ""},
		{"card number asked", "Hello, this is the card services team. Your card has been cloned.\nPlease read me the number on your card so I can block it.", CategoryBankingDetails},
		{"calls' number", "Quick reminder from the helpdesk, we will never ask for your password.\nIf you receive one of these calls, hang up and report the number to security.", ""},
		{"negated list left the window", "Welcome to the team. Your payroll forms are all online.\nPlease do not text or read out your passport number or bank details to anybody, not even to me, over the phone at all. If anyone asks, it isn't us.\nThanks.\nSee you Monday at nine.", ""},
		{"bring yourself", "Sorted, I've got the balloons and the cake.\nLovely. Just bring yourself and the gift card on Saturday.", ""},
		// A short unpunctuated segment ends at a pause: the next goes on its own.
		{"dialogue lines", "caller: i didnt get a text\ncaller: read me your card number", CategoryBankingDetails},
		// An identifier's format spelled out after it (formatOf).
		{"format after id", "This is the benefits office. I just need your national insurance number, two letters, six numbers, then one letter.", CategoryPersonalID},
		{"format alone", "this is the benefits office i just need your passport number nine digits and then the expiry date", CategoryPersonalID},
		{"format no code", "this is the benefits office i just need your passport number nine digits", CategoryPersonalID},
		{"numbers we sent", "Your account is locked. Read me your card number and then the six digits we sent you.", CategoryVerificationCode},
		// A back "please" after a list handed to the listener (pleaseOpens).
		{"handed please", "This is the fraud team, your account has been hacked. I will give you the sort code and account number please transfer your savings to the safe account immediately.", CategoryPaymentTransfer},
		{"asked please", "Your money is not safe. I need the sort code and account number please.", CategoryBankingDetails},
		// Negation over a list of infinitives or asks (negatedInfinitive, negBeforeOr).
		{"infinitive list", "Your refund is done. We will never ask you to open a new account, to transfer your savings to it, or to tell us the passcode we text you.", ""},
		{"or ask list", "This is the fraud line. I'm not going to ask for your card number or your online banking password, or ask you to transfer any money.", ""},
		{"negated list, please", "Hello, this is your building society. We will never ask you to change your address, to move your savings or to tell us your PIN. Please call the number on your statement if in doubt.", ""},
		{"list then ask", "We'd never ask you to move money or to share a code. Now read me your card number so I can cancel it.", CategoryBankingDetails},
		// A screen's prompt to come ("it'll ask", promptAsks) and a relative "which".
		{"prompt to come", "Open the banking app, it'll ask you for the passcode from the text, and then you're in.", ""},
		{"prompt may ask", "When you sign in it may also ask for your password again.", ""},
		{"site asks", "Your account is locked. The site will ask for your password, so read it to me first.", CategoryCredentials},
		{"relative which", "Use the reset page on the portal, which will text a security code to your phone.", ""},
		{"which asks", "Your account is frozen. Which card did you use? I need the card number.", CategoryBankingDetails},
		// Payments advised or paid in (beforeYou, directDeposit, paidToListener).
		{"before you pay", "This is your letting agent, the tenancy starts Monday. Before you pay the first month's rent, please phone our office on the number in your contract and check the account with us.", ""},
		{"before then ask", "Your account is compromised. Before you hang up, transfer your savings to the safe account I gave you.", CategoryPaymentTransfer},
		{"direct deposit", "Hi, payroll here, your bank changed its name. If you want to change your direct deposit, do it yourself in the HR portal.", ""},
		{"paid in by a third party", "Good news, your claim was approved and the council will pay it into the account they already have for you.", ""},
		{"paid to a new account", "This is the tax office, you will be arrested today. Transfer the fine to the account they gave you by bank transfer now.", CategoryPaymentTransfer},
		// What a message holds (withContents).
		{"with a code in it", "If you ever get a message with a code in it that you didn't ask for, just delete it.", ""},
		{"code in it asked", "We just sent you a text. What's the code in it?", CategoryVerificationCode},
		// Warnings in the conditional (reportGoesOn) and facts after a subordinator (gotFact).
		{"if anyone rings saying", "Grandad, if anybody phones saying it's me and I've been arrested and need bail money in gift cards, put the phone down and call Dad.", ""},
		{"said and I need you", "Your account is at risk, my colleague said it was hacked and I need you to read me the code we sent.", CategoryVerificationCode},
		{"now that you got", "Now that you got your own debit card, remember that nobody should ever ask you for the PIN, and if someone rings about it, hang up.", ""},
		{"you got the code", "This is the bank, your card is blocked. You got the code we just texted you?", CategoryVerificationCode},
		// Self-service: a system's prompt, a document shown or carried, a refusal (promptSystem, seeDocument, carriedTo, pleaseOpens, orNegated).
		{"system will ask", "When you enrol your children the portal will ask for their date of birth and social security number, you enter that yourself in the portal.", ""},
		{"please don't email", "you type your national insurance number yourself on the website please dont email it to me or read it out to anyone", ""},
		{"need to see id", "Congratulations on the flat. For the money laundering checks our compliance team need to see photo ID and proof of address.", ""},
		{"into the branch with", "For the checks, pop into the branch with your passport and a recent utility bill.", ""},
		{"read passport number", "For the checks I need you to read me your passport number now.", CategoryPersonalID},
		// A call retold in the present tense (askedOfSpeaker: "he says I need to …").
		{"he says i need", "So this guy rings me about my Amazon account, and then he says I need to buy gift cards to protect it. I just laughed.", ""},
		{"he says you need", "My manager is on the other line, he says you need to buy the gift cards today or the account closes.", CategoryGiftCard},
		// A meeting's share (presenting: a group and slides shown before; walkThroughSelf).
		{"meeting share", "Can everybody see the slides now?\nYes.\nGreat. Priya, after this one, can you share your screen and show the sales dashboard? I want to go through the quarterly figures.", ""},
		{"meeting by its kind", "Hi, it's Sam from finance about tomorrow's budget review on Teams. Could you share your screen when we get to the forecast? See you at two.", ""},
		{"call and campaign", "hi its jo from marketing for tomorrows call could you share your screen and walk through the new campaign", ""},
		{"call to show me", "This is support on this call, could you share your screen so I can see your banking page?", CategoryRemoteAccess},
		{"scam share", "This is your bank's security team and your account is at risk. Share your screen and open your banking app, I want to go through your transactions.", CategoryRemoteAccess},
		{"run through yours", "Before I release the refund I need to run through your security questions, your mother's maiden name first.", CategoryCredentials},
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
		// The speaker's own saying after a purpose "to" (speakerSays).
		{"just to say", "Hi, it's the office. Just to say the new door code is on the noticeboard, see you Monday.", ""},
		{"calling to tell you", "Hi, I'm calling to tell you your replacement PIN has been posted today.", ""},
		{"you to say", "This is the bank's fraud line, I need you to say the code we just sent you.", CategoryVerificationCode},
		{"to tell me", "This is the fraud line calling, and you'll have to tell me the code we just sent you.", CategoryVerificationCode},
		// A wallet named "… Pay" is no "pay" cue (match).
		{"wallet named", "Hi love, I sent your rent money through Apple Pay this morning. Also never share a bank code with anyone who calls.", ""},
		{"pay with the wallet", "This is the tax office, pay the fine with Apple Pay now or you will be arrested.", CategoryPaymentTransfer},
		// A bank's name for its login PIN.
		{"personal access code", "This is your bank's fraud line. Can you confirm your personal access code for me so I can lock the profile?", CategoryBankingDetails},
		// The speaker's own payment (speakerPays), a site looked at (browsedSite), a payee's number
		// (payeeNumber), a PIN already held (heldPin), a choice offered ("choose whether").
		{"speaker pays", "Hey, I've just sent you forty quid on PayPal for the ticket. If it hasn't come through, let me know and I'll do a bank transfer instead.", ""},
		{"speaker needs a transfer", "This is your bank's fraud team. Your account is compromised and we need to do a bank transfer to protect your savings today.", CategoryPaymentTransfer},
		{"site to see options", "Hi, this is your phone company. Your contract ends soon. Pop into any store or visit our website to see your options.", ""},
		{"site so I can connect", "Your computer is infected and your bank account is at risk. Go to our website so I can connect to your computer and fix it.", CategoryRemoteAccess},
		{"payee number", "The puppy is still available but two other families are asking. Zelle, to my husband's number. Send it today or she goes to the next family.", CategoryPaymentTransfer},
		{"current pin, replacement sent", "this is the card protection line your card was in a breach so were sending you a replacement to carry your pin over i need you to confirm your current pin number", CategoryBankingDetails},
		{"choose whether", "Your overpayment is in. You can choose whether to reduce your monthly payment or shorten the term.", ""},
		// A far negation still reaches a cue judged again in the context after a callee line (Call.abs).
		{"negation across a callee line", "Caller: hi marcus this is tanya from people operations welcome aboard im just calling about your first day on monday\nCallee: hi tanya thanks\nCaller: so please bring your original id documents in person either your passport or your drivers license plus your social security card\nCaller: please dont email or text them to us and nobody from our team will ever ask you to read the numbers over the phone well look at them at the front desk and thats it\nCallee: got it ill bring my passport\nCaller: perfect parkings in lot b and ask for me at reception at eight three zero", ""},
		// A reset link to the listener's own account (resetLink), a check made yourself, a conditional "try to".
		{"reset link", "IT service desk. I've unlocked the account and sent a reset link to your personal email. Please don't tell me your password, we never need it. Just follow the link and pick a new one.", ""},
		{"link so I can connect", "Your computer is infected and your bank account is at risk. Follow the link I texted you so I can connect and remove the virus.", CategoryRemoteAccess},
		{"check it yourself", "We're moving payroll to a new provider. Please check your bank details are right in there yourself. We won't ever ask for them by phone.", ""},
		{"check it for me", "This is your bank's fraud team, your account is frozen. Please check your bank details with me now, read me the account number.", CategoryBankingDetails},
		{"did not try to pay", "This is HSBC. Your one-time passcode for your online payment is 519033. If you did not try to make a payment, please call us on the number on the back of your card.", ""},
		// A term explained (termNamed, definedAs), and an embedded question about the past (gotFact).
		{"something called a CVV", "Mum: Sam, the website is asking for something called a CVV. What is that?\nSam: It's the three numbers on the back of your card, by the signature. Don't read them out to anyone.", ""},
		{"CVV asked after", "Caller: This is your bank's fraud team, your card is blocked. What is the CVV? It's the three numbers on the back of your card, read them to me.", CategoryBankingDetails},
		{"how you got the details", "This is the fraud team at your bank checking a payment you made. Can I ask how you got the builder's bank details?", ""},
		// A screen's prompt (machineSays), a code typed into the box (infoCueBefore), a story told of a fella.
		{"it'll say", "Sophie: Okay Dad, you're on the login page? Good, don't tell me them. Now it'll say it's sent a code to your phone.\nDad: It's here.\nSophie: Right, just type those six numbers into the box yourself. Don't read them out to me.", ""},
		{"tool will give me access", "I'll need you to go to a website and download our evidence tool. It'll give me access to your computer so my team can image it.", CategoryRemoteAccess},
		{"read it back after get it", "I'm going to send you a code, when you get it read it back to me.", CategoryVerificationCode},
		{"a fella rang", "you wont believe it some fella rang my dad yesterday saying he was from the bank and that he had to move all his savings to a safe account and he nearly did it", ""},
		// A cue with its own subject after a negated clause (ownSubject).
		{"own subject after never", "we have your daughter if you call the police you will never see her again you send two thousand dollars on venmo right now to the name i give you", CategoryPaymentTransfer},
		{"never let you send", "Our bank will never let you send money to a safe account, and never ask you to.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := ParseTranscript(Redact(tt.text))
			got := flagCats(d.Classify(segs).Flags)
			wantAmong(t, tt.text, got, tt.want)
			if tt.name == "format no code" && slices.Contains(got, CategoryVerificationCode) {
				t.Errorf("%q: got %v, the digits are the passport number's", tt.text, got)
			}
			if strings.HasPrefix(tt.name, "cut") && len(segs) < 2 {
				t.Errorf("%q: not cut (%d segments)", tt.text, len(segs))
			}
		})
	}
}
