package classify

import (
	"strings"

	"github.com/callscreen/callscreen/bus"
)

// SpotPhrases returns short phrases for a keyword-spotting recogniser to
// listen for, each mapped to the category it suggests. Every word is a
// common English word found in the CMU pronouncing dictionary, so an
// engine such as PocketSphinx can spot it without a custom lexicon.
func SpotPhrases() map[string]string {
	return map[string]string{
		"verification code":      CategoryVerificationCode,
		"security code":          CategoryVerificationCode,
		"one time code":          CategoryVerificationCode,
		"one time password":      CategoryVerificationCode,
		"code we sent":           CategoryVerificationCode,
		"read me the code":       CategoryVerificationCode,
		"six digit code":         CategoryVerificationCode,
		"text message":           CategoryVerificationCode,
		"card number":            CategoryBankingDetails,
		"credit card number":     CategoryBankingDetails,
		"pin number":             CategoryBankingDetails,
		"account number":         CategoryBankingDetails,
		"routing number":         CategoryBankingDetails,
		"sort code":              CategoryBankingDetails,
		"expiration date":        CategoryBankingDetails,
		"back of the card":       CategoryBankingDetails,
		"online banking":         CategoryBankingDetails,
		"password":               CategoryCredentials,
		"your password":          CategoryCredentials,
		"user name":              CategoryCredentials,
		"maiden name":            CategoryCredentials,
		"security question":      CategoryCredentials,
		"social security number": CategoryPersonalID,
		"medicare number":        CategoryPersonalID,
		"passport number":        CategoryPersonalID,
		"license number":         CategoryPersonalID,
		"gift card":              CategoryGiftCard,
		"gift cards":             CategoryGiftCard,
		"google play":            CategoryGiftCard,
		"steam card":             CategoryGiftCard,
		"team viewer":            CategoryRemoteAccess,
		"any desk":               CategoryRemoteAccess,
		"remote access":          CategoryRemoteAccess,
		"share your screen":      CategoryRemoteAccess,
		"safe account":           CategoryPaymentTransfer,
		"wire transfer":          CategoryPaymentTransfer,
		"western union":          CategoryPaymentTransfer,
		"bitcoin":                CategoryPaymentTransfer,
		"cash app":               CategoryPaymentTransfer,
	}
}

// Advice returns plain advice for the callee about one category of
// request, or general advice for an unknown category.
func Advice(category string) string {
	switch category {
	case CategoryVerificationCode:
		return "Never read out a code sent to your phone. Whoever asks for it wants to get into your account. Hang up."
	case CategoryBankingDetails:
		return "Never give your card number, PIN or bank details to someone who called you. Hang up and call the number on the back of your card."
	case CategoryCredentials:
		return "Never tell a caller your password or the answers to your security questions. Hang up."
	case CategoryPersonalID:
		return "Never give your Social Security, Medicare or ID number to someone who called you. Hang up."
	case CategoryGiftCard:
		return "Nobody real asks to be paid in gift cards. This is a scam. Hang up and do not buy any cards."
	case CategoryRemoteAccess:
		return "Do not install anything or let a caller onto your computer or phone. Hang up."
	case CategoryPaymentTransfer:
		return "Do not move or send money because a caller tells you to. Hang up and call your bank on a number you know."
	}
	return "If a caller asks for codes, card details, passwords or money, hang up and call the company on a number you know."
}

// brands maps an impersonation signal to how advice names the company
// and where the callee can check for themselves.
var brands = map[string][2]string{
	"impersonation:amazon":     {"Amazon", "open the Amazon app yourself"},
	"impersonation:apple":      {"Apple", "check your Apple account in Settings yourself"},
	"impersonation:microsoft":  {"Microsoft", "never call back the number they gave you"},
	"impersonation:bank":       {"Your bank", "call the number on the back of your card"},
	"impersonation:irs":        {"The tax office", "look up their number yourself"},
	"impersonation:government": {"The government", "look up the agency's number yourself"},
	"impersonation:courier":    {"Delivery companies", "check the tracking on the real website yourself"},
	"impersonation:paypal":     {"PayPal", "open the PayPal app yourself"},
	"impersonation:social":     {"Facebook, Instagram and WhatsApp", "open the app yourself"},
	"impersonation:telecom":    {"Your phone or internet company", "call the number on your bill"},
	"impersonation:utility":    {"Your utility company", "call the number on your bill"},
}

// asks says what each category asks for, to name it after a brand.
var asks = [numCats]string{
	"a verification code", "your card or bank details", "your password", "your Social Security or ID number",
	"payment in gift cards", "to get onto your computer", "you to move your money",
}

// adviceFor combines advice for a result: the brand seen, what was asked,
// and one next step; for calls without flags, a warning or reassurance.
func adviceFor(flags []int, signals []string, verdict string) string {
	brand, step := "", ""
	for _, s := range signals {
		if b, ok := brands[s]; ok {
			brand, step = b[0], b[1]
			break
		}
	}
	switch {
	case len(flags) > 0 && brand != "":
		var b strings.Builder
		b.WriteString(brand)
		b.WriteString(" will never ask for ")
		for i, c := range flags {
			if i > 0 {
				if i == len(flags)-1 {
					b.WriteString(" or ")
				} else {
					b.WriteString(", ")
				}
			}
			b.WriteString(asks[c])
		}
		b.WriteString(" on the phone. Hang up and ")
		b.WriteString(step)
		b.WriteString(".")
		return b.String()
	case len(flags) > 0:
		return Advice(categories[flags[0]])
	case verdict == bus.VerdictSuspicious && brand != "":
		return "This call looks like a scam. " + brand + " will not call you like this. Do not give codes, card details or passwords. Hang up and " + step + "."
	case verdict == bus.VerdictSuspicious:
		return "This call looks like a scam. Do not give codes, card details, passwords or money. Hang up and call the company on a number you know."
	}
	return "No warning signs so far. Still, never give codes, passwords or card details to a caller."
}
