package classify

import "strings"

// The rule data. Phrases are lower-case words separated by spaces, in the
// form the tokenizer produces: contractions expanded ("what is"), digits
// as numerals or number words, "#" standing for any number. Misrecognitions
// seen from speech recognisers are listed next to the words they garble.

// Categories of sensitive requests.
const (
	CategoryVerificationCode = "verification_code"
	CategoryBankingDetails   = "banking_details"
	CategoryCredentials      = "credentials"
	CategoryPersonalID       = "personal_id"
	CategoryGiftCard         = "gift_card"
	CategoryRemoteAccess     = "remote_access"
	CategoryPaymentTransfer  = "payment_transfer"
)

// categories in a fixed order; a category's index is its bit in masks.
var categories = [...]string{
	CategoryVerificationCode, CategoryBankingDetails, CategoryCredentials,
	CategoryPersonalID, CategoryGiftCard, CategoryRemoteAccess, CategoryPaymentTransfer,
}

const (
	catCode = iota
	catBank
	catCred
	catID
	catGift
	catRemote
	catPay
	numCats
	catNone = numCats // an object that cancels a shorter one ("zip code")
)

// Categories returns the request categories, in a fixed order.
func Categories() []string {
	out := make([]string, len(categories))
	copy(out, categories[:])
	return out
}

// Object attributes.
const (
	objSent        = 1 << iota // only counts with a "we sent you" cue nearby (bare "code")
	objWeak                    // needs pressure elsewhere in the call to count
	objGiftAmb                 // belongs to gift_card when a gift card is being discussed
	objSentCode                // a verification code when a "we sent" cue is near ("passcode")
	objDeliver                 // counts only with a delivery word near ("pushed", "texted"): a bare "number"
	objDeliverCode             // a verification code when a delivery word is near ("the pin we texted")
	objBackOnly                // only a back cue asks for it: "the text, what does it say?"
	objAmount                  // a sum of money: next to a gift card it is the card's value
	objRemoteAmb               // "your ID", "the access code": a remote-access app's when one is named near
	objCredToo                 // a bank's login: banking details and credentials both ("net banking user ID")
	objListAmb                 // "the expiration on it": an ID's when it follows an ID in a list, else banking
	objByCaller                // weak unless the caller is its subject: "let me log in remotely" against "you can log in remotely"
	objIDToo                   // a security answer that proves identity: personal_id too when the call asks a date of birth ("your date of birth and mother's maiden name")
	objPartial                 // the last digits of an identity number: weak, but asked outright by a survey, which keeps no file to check them against (Call.survey)
	objHavenRef                // a payee by pronoun ("to it", "in there"): the strong account or wallet named just before it (Call.havenBefore), else nothing
	objPurpose                 // described so closely that a purpose clause asks for it when the recogniser lost the verb: "to issue your refund (read me) the three digit security code on the back of your card"
)

// objAccessFor marks a standalone request that is the caller's access as
// the purpose of software set up just before it (Call.softwareBefore):
// "download a program so I can log in". It shares objPurpose's bit, which
// only objects (never standalone requests) use.
const objAccessFor = objPurpose

// objectRule lists the things a scammer asks for, per category.
type objectRule struct {
	cat     int
	attr    int
	phrases []string
}

var objectRules = []objectRule{
	{catCode, 0, []string{
		"verification code", "verification number", "verification pin", "verify code", "verifying code",
		"verify cation code", "verification codes", "one time code", "one time passcode", "one time pass code",
		"one time password", "one time pin", "onetime code", "otp", "o t p", "2fa code", "2 fa code", "two fa code",
		"two factor code", "two factor", "2 factor code", "two step code", "2 step code", "authentication code",
		"authenticator code", "authenticator app code", "auth code", "authorization code", "authorisation code",
		"login code", "log in code", "sign in code", "signin code", "reset code", "password reset code",
		// Longer than the credentials' "the log in" / "your log in", which would otherwise take the words first.
		"the log in code", "your log in code", "the log in codes", "your log in codes",
		"# digit pin we sent", "confirmation code we sent",
		"security code we sent", "security code that we sent", "code we sent", "code we just sent", "code i sent",
		"code i just sent", "code that we sent", "code that i sent", "code that was sent", "code you received",
		"code you just received", "code you got", "code you just got", "code on your phone", "code on your screen",
		"code in the text", "code in the message", "text code", "sms code", "pin we sent", "whatsapp code",
		"google voice code", "google code", "apple id code", "microsoft code", "paypal code", "bank code we sent",
		"numbers in the text", "numbers we sent", "digits we sent", "number we sent", "number we just sent",
		"number in the text", "numbers on your phone", "numbers you received", "digits you received",
		"very fication code", "very fication number", "verify cation number", "verification text",
		"verification message", "verification sms", "security text", "authorization text", "code that you got",
		"code that you received", "code that came", "number that came", "code that just came",
		"steam guard code", "steam guard", "guard code",
		// A carrier's number-transfer code: whoever has it takes the phone number.
		"transfer authorization number", "transfer authorisation number", "transfer authorization code",
		"transfer authorisation code", "number transfer pin", "number transfer code", "port out pin", "port out code",
		"port pin", "porting pin", "porting code", "port authorization code", "port authorisation code",
		"pac code", "p a c code", "stac code", "transfer pin", "code when it pings", "code when it comes", "code when it arrives",
	}},
	// A bare "number" is the code only when a delivery was just described
	// ("you'll get a push with a number, read off that number").
	{catCode, objDeliver | objGiftAmb | objRemoteAmb, []string{"number"}},
	// "The text" itself, asked about afterwards: "did you get a text? what does it say?"
	{catCode, objSent | objBackOnly, []string{"text", "message", "sms", "notification"}},
	{catCode, objSent, []string{
		"confirmation code", "# digit number",
		"text message", "vacation code",
	}},
	// Next to a named remote-access app, a bare "code" is the app's
	// session code ("download AirDroid, open it and give me the code").
	{catCode, objSent | objGiftAmb | objRemoteAmb, []string{"code", "codes", "numbers", "digits"}},
	{catCode, 0, []string{
		"message we sent", "message we just sent", "text we sent", "text we just sent", "message you received",
		"text you received", "message you got", "text you got", "text message we sent", "message that we sent",
		"text that we sent", "message i sent", "text i sent", "# digit passcode",
	}},
	{catCred, objSentCode, []string{"passcode", "pass code"}},
	// An account's recovery code is a backup secret, unless one was just sent: "I'm going to trigger a recovery code to that phone".
	{catCred, objSentCode, []string{"recovery code"}},
	// The number a code-generating app shows is a code the listener holds.
	{catCode, 0, []string{"number showing", "number it is showing", "code showing", "code it is showing",
		"number in the authenticator", "code in the authenticator", "number on the authenticator", "code on the authenticator"}},
	{catBank, objSentCode, []string{"security code"}},
	{catBank, 0, []string{
		"credit card number", "debit card number", "bank card number",
		"card details", "card info", "card information", "credit card details", "credit card info",
		"debit card details", "card detail", "long number on the front", "long number on your card",
		"sixteen digit number", "16 digit number", "sixteen digit card number", "sixteen digit", "16 digit", "16 digits", "sixteen digits", "cvv", "c v v", "cvc", "c v c", "cvv2",
		"cbb", "cvv number", "cvv code", "card verification", "card security code",
		"see vee vee", "see v v", "cee vee vee", "c vv", "see vv", "cvv2 number", "security digits",
		"valid through", "p i n", "atm pin", "card pin", "bank pin",
		"bank account number", "account number", "account numbers", "acct number", "account no",
		"routing number", "routing numbers", "account and routing numbers", "account and routing number",
		"routing and account number", "routing and account numbers", "routing", "rooting number", "routine number", "aba number", "transit number",
		"sort code", "sortcode", "bsb", "bsb number", "bsb and account number", "b s b", "bank details", "banking details", "bank info", "bank information",
		"banking information", "account details", "bank account details", "online banking", "online banking login",
		"online banking password", "internet banking", "mobile banking login", "bank login", "banking login",
		"banking password", "bank password", "iban", "swift code",
		"branch code", "sort numbers", "account and sort numbers", "account and sort code", "printed on the card",
		"printed on the front", "printed on your card", "everything printed on", "date on the front", "date on the card",
		"the sixteen", "number on the account", "number of the account", "number on your account", "number of your account",
	}},
	{catBank, objListAmb, []string{"expiry date", "expiration date", "expiry", "expiration", "exp date", "valid thru",
		"date of expiry", "date of expiration", "the date of expiry", "the date of expiration",
		"expire date", "expires date", "expiry data", "expiration on it", "expiry on it", "expiration date on it"}},
	{catBank, objGiftAmb, []string{
		"numbers on the back", "number on the back", "digits on the back", "back of the card",
		"back of your card", "numbers on the card", "numbers on your card", "number on your card",
		"numbers on the front", "code on the back", "# digit code on the back", "long number", "the long number",
		"numbers off the back", "number off the back", "digits off the back", "code off the back", "codes off the back",
		"numbers from the back", "number from the back", "codes from the back",
		"number across the front", "backs of the cards", "back of the cards", "card number", "card numbers", "three digits", "3 digits", "three digit", "3 digit",
		"card you paid with", "card you used", "card you will be using", "card you are using", "card you will use",
		"card you want to use", "card on file", "card you have on file", "card on the account",
	}},
	{catBank, objGiftAmb | objDeliverCode, []string{"pin", "pin number", "pin code"}},
	// A bank's own name for its login PIN (AIB, Irish banks): "your personal access code".
	{catBank, 0, []string{"personal access code", "personal access number"}},
	{catBank, objPurpose, []string{"three digit code", "three digit security code", "three digit security number"}},
	// A card's security code or number by its length and place on the card.
	{catBank, objPurpose | objGiftAmb, cross([]string{"three digit", "3 digit", "four digit", "4 digit"},
		[]string{"security code", "code", "number", "security number"}, []string{"on the back", "on the front"})},
	{catBank, objPurpose | objGiftAmb, cross([]string{"security code", "cvv", "cvv code", "card security code", "sixteen digit number",
		"16 digit number", "card number", "sixteen digits", "16 digits", "long number", "the sixteen digits", "the 16 digits",
		"the sixteen digit number", "the 16 digit number", "the long number"}, []string{"on the back", "on the front"})},
	{catBank, objWeak, []string{"credit card", "debit card", "bank card", "bank account", "checking account",
		"savings account", "chequing account"}},
	{catBank, 0, []string{"checking account number", "savings account number", "chequing account number",
		"checking account numbers", "savings account numbers", "checking and routing number", "checking account details",
		"savings account details", "current account number", "current account details"}},
	// Where a refund should be paid: the listener's bank account by its use.
	{catBank, objWeak, []string{"where you want it deposited", "where you want the money", "where the money should go",
		"where the refund should go", "where you want the refund", "where to send the refund", "where to deposit",
		"where we should deposit", "where we can deposit", "where to send the money", "details of where"}},
	// A card by its link to an account: "the card linked to it".
	{catBank, 0, []string{"card linked to it", "card linked to your account", "card linked to the account",
		"card linked to that account", "linked card", "card that is linked", "card connected to"}},
	// The login of a bank's website or app is bank details, whatever the
	// country calls it: "net banking user ID", "iBanking PIN".
	{catBank, objCredToo, bankLogins()},
	// A mother's maiden name is a security answer, and with a date of birth
	// the classic proof of identity: people label that pair either way.
	{catCred, objIDToo, []string{"mother maiden name", "mothers maiden name", "maiden name"}},
	{catCred, 0, []string{
		"password", "passwords", "pass word", "passwort", "login password", "email password",
		"apple id password", "account password", "username and password", "user name and password",
		"username", "user name", "user id", "login details", "log in details", "login info", "login information",
		"log in information", "sign in details", "login credentials", "credentials", "security question",
		"security questions", "security answer", "security answers", "security question answer", "security question answers",
		// The answer asked for by name, so it starts the object: "we need your [garbled] and the answer to your security question".
		"answer to your security question", "answers to your security questions", "answer to the security question", "answers to the security questions",
		"secret question", "secret answer", "secret question answer", "secret question answers", "secret questions", "secret answers",
		"answer to your secret question", "answers to your secret questions", "answer to the secret question", "answers to the secret questions", "memorable word", "memorable information", "memorable date",
		"first pet", "name of your first pet", "passphrase", "pass phrase", "recovery phrase", "seed phrase",
		"backup code", "icloud password", "gmail password", "facebook password",
		"login", "logins", "the log in", "your log in", "log in details",
		"sign in email", "signin email", "login email", "log in email", "email and pass", "username and pass",
		"secret word", "secret phrase", "secret password", "pass words",
		// A crypto wallet's recovery words: whoever has them has the wallet.
		"secret recovery phrase", "wallet recovery phrase", "wallet phrase", "wallet seed", "recovery seed", "seed words",
		"recovery words", "backup phrase", "backup words", "mnemonic", "mnemonic phrase", "private key", "private keys",
		"wallet key", "wallet keys", "twelve words", "12 words", "twelve word phrase", "12 word phrase", "twenty four words",
		"24 words", "twenty four word phrase", "24 word phrase", "twelve word recovery phrase", "twelve word seed", "12 word seed",
		"twenty four word seed", "24 word seed", "recovery sheet", "recovery card", "recovery cards", "seed card", "words on your recovery", "seed backup", "wallet backup phrase",
	}},
	// Security questions by their content, and characters of a secret.
	{catCred, 0, securityAnswers()},
	{catCred, 0, secretCharacters()},
	{catCred, 0, serviceLogins()},
	// A service's sign-in code is a verification code, not its login: "my instagram login code".
	{catCode, 0, serviceCodes()},
	// The email an account signs in with is its username; customer service
	// asks for it too, so it needs pressure: "the email address for your Apple ID".
	{catCred, objWeak, accountEmails()},
	// The same email by its use: "the email address you sign in with".
	{catCred, objWeak, cross([]string{"email", "email address"}, []string{"you sign in with", "you log in with", "you log on with",
		"you use to sign in", "you use to log in", "you use to log on", "you signed up with",
		// The same asked as a question: "what email do you use to sign in?"
		"do you sign in with", "do you log in with", "do you use to sign in", "do you use to log in", "did you sign up with"})},
	// A home network's password is shared in families; an office network's
	// is a login. Asked under pressure (a virus, an impersonated IT desk) it counts.
	{catCred, objWeak, []string{"network password", "your network password"}},
	// A console's or a streaming service's online account is a login, not
	// the household device: "the password for the Xbox account" cancels
	// no request as "the password for the Xbox" does, but families share
	// it too, so it needs pressure.
	{catCred, objWeak, accountPasswords()},
	{catNone, 0, []string{
		"wifi password", "wi fi password", "why fi password", "password for the why fi", "wireless password", "internet password", "router password",
		"netflix password", "hulu password", "disney password", "disney plus password",
		"spotify password", "guest password", "crypto wallet", "bitcoin wallet", "wifi code", "zip code", "postal code", "post code", "postcode",
		"area code", "country code", "promo code", "promotional code", "discount code", "coupon code",
		"voucher code", "referral code", "dress code", "bar code", "barcode", "qr code", "source code",
		"error code", "door code", "gate code", "building code", "lockbox code", "garage code", "alarm code",
		"entry code", "buzzer code", "tax code", "booking code", "booking reference", "tracking number",
		"order number", "reference number", "case number", "claim number", "confirmation number",
		"phone number", "cell number", "mobile number", "telephone number", "callback number",
		// Remote work is a job, not remote access: "we'd like to offer you the remote data-entry role".
		"remote role", "remote job", "remote jobs", "remote position", "remote work", "remote working", "remote data entry",
		"remote data entry role", "remote data entry job", "remote opportunity", "remote team", "remote worker",
		"remote workers", "remote employee", "remote staff", "remote office", "remote learning", "remote interview",
		"room number", "house number", "apartment number", "flight number", "member number", "membership number",
		"policy number", "invoice number", "order id", "order id number", "invoice id", "receipt id",
		"receipt id number", "transaction id", "customer id", "reference id", "product code", "product key",
		"auto id number", "ticket number", "serial number", "model number",
		"last # digits", "last four", "last 4", "password for the wifi", "password for the guest wifi",
		"password for wifi", "password to the wifi", "password for the internet", "password for the router",
		"password for netflix", "password for the network", "password to the internet", "password for the tv",
		"password for disney", "password for the wi fi", "password for the wireless", "password for hulu",
		"password to netflix", "password on the router", "password for the guest network",
		"password for the netflix", "password for the disney", "password for the hulu", "password for the spotify",
		"password for the prime", "password for the streaming", "password for the tv",
		"account number on your bill", "account number on the bill", "account number on your statement",
		"account number on your invoice", "account number on the invoice", "account number on your letter",
		"member id", "member id number", "insurance id", "student id", "employee id", "service tag",
		"your number", "my number", "his number", "her number", "good number", "best number", "new number",
		// A payee's phone number, not a code: "send it through Zelle to this number".
		"to this number", "to this mobile number", "to this phone number", "to that number", "to my number",
		"number to call", "number to reach",
		// The number a reported call came from: "can you tell me the number that called".
		"number that called", "number that called me", "number that rang", "number that rang me", "number they called from",
		"number he called from", "number she called from", "number it came from", "number they rang from",
		"number he rang from", "number she rang from", "number they called on", "number that called you",
		"number they used", "number he used", "number it called from", "wrong number", "same number", "number for the",
		"pay it online", "pay online", "pay in the app",
		// Where something is typed, not software to get: "enter it in the app only".
		"in the app", "into the app", "in our app", "into our app", "in your app", "in the app only", "online or in the app", "in the app or online",
		"microsoft dot com", "apple dot com", "amazon dot com", "google dot com", "paypal dot com", "chase dot com",
		"irs dot gov", "ssa dot gov", "usps dot com", "fedex dot com", "ups dot com", "comcast dot com", "xfinity dot com",
		"verizon dot com", "att dot com", "bankofamerica dot com", "wellsfargo dot com", "netflix dot com",
		"banking app", "bank app", "bank's app", "mobile banking app", "banking application",
		"login page", "login screen", "log in page", "log in screen", "login button",
		"a login", "a log in", "login attempt", "log in attempt", "login attempts", "new login", "failed login", "failed log in",
		// A login stopped is an event: "read it out and that will cancel the login".
		// A login described as an event: "a recent login and purchase of Xbox", "a suspicious sign in from Russia".
		"recent login", "recent log in", "recent sign in", "unusual login", "unusual log in", "unusual sign in",
		"suspicious login", "suspicious log in", "suspicious sign in", "unknown login", "strange login", "foreign login",
		"cancel the login", "block the login", "stop the login", "cancel that login", "block that login", "stop that login",
		"deny the login", "reject the login", "cancel the log in", "block the log in",
	}},
	{catNone, 0, householdCodes()},
	{catID, 0, []string{
		"social security number", "social security", "social security no", "social", "ssn", "s s n",
		"social insurance number", "sin number", "national insurance number", "national insurance",
		"ni number", "medicare number", "medicare card number", "medicare id", "medicaid number",
		"health card number", "health insurance number", "passport number", "passport", "passport details",
		"driver license number", "drivers license number", "driving licence number", "driver license",
		"drivers license", "driving license", "license number", "licence number",
		"identification number", "national id", "tax id", "tax id number", "taxpayer id", "tin number",
		"itin", "ein", "alien number", "alien registration number", "alien registration", "a number on your green card", "green card number", "state id", "taxpayer id", "number on your medicare card",
		"number on your social security card", "number on your green card", "number on your id", "medicare card",
		"social security card", "green card", "id card number", "number on your passport", "passport no",
		"id card", "photo id", "picture id", "identity card", "red white and blue card",
		"red white and blue medicare card",
		"full sin", // Canada's social insurance number by its initials, typed: "confirm your full SIN"
		// Other countries' identity numbers.
		"tax file number", "tfn", "tax file no", "your sin", "sin card", "social insurance", "social insurance card",
		"pps number", "ppsn", "pps", "personal public service number", "nric", "nric number", "ic number", "i c number",
		"aadhaar", "aadhaar number", "aadhaar card", "aadhar", "aadhar number", "aadhar card", "adhaar", "aadhaar card number",
		"adhar", "adhar number", "adhar card", "adhar card number", "adhaar number", "adhaar card", "aadhar card number",
		"pan card", "pan number", "pan card number", "pan card details", "ni number", "nino", "utr", "utr number",
		"unique taxpayer reference", "national insurance no", "identity number", "id no", "sa id number",
		"health card", "ohip number", "medicare card no", "citizen number", "fin number", "passport no",
		"little blue card", "blue card", "number the government gave you", "number the government gave",
		"ird number", "ird", "i r d number", "inland revenue number", "tax identification number", "national identity number",
		"nin", "nin number", "voter id", "voter card", "ration card", "health card no", "medicare card no", "nhs number",
		"birth certificate number", "birth certificate numbers",
		// The Philippines' social security and national ID numbers.
		"sss number", "sss id", "sss id number", "sss card", "philsys", "philsys id", "philsys number", "philsys id number",
		"philsys card", "umid", "umid number", "umid card",
	}},
	// A picture or copy of an identity document, which a lost "send us" leaves bare (bareCopy).
	{catID, objPurpose, cross([]string{"photo", "picture", "photograph", "pic", "copy", "photocopy", "scan", "image", "snap"},
		[]string{"of your"}, []string{"passport", "driver license", "drivers license", "driving licence", "driving license",
			"license", "licence", "id", "id card", "photo id", "social security card", "green card", "medicare card",
			"birth certificate", "national id", "identity card", "state id", "sin card", "aadhaar card", "pan card"})},
	// An identity number by its length: "read me your nine-digit SIN", "your 12 digit Aadhaar"
	// (however it is spelled: "adhar", "adhaar").
	{catID, 0, cross([]string{"# digit"}, []string{"sin", "sin number", "ssn", "social", "social security number",
		"social insurance number", "tax file number", "tfn", "aadhaar", "aadhaar number", "aadhar", "aadhar number", "adhar", "adhar number", "adhaar", "adhaar number",
		"pan", "pan number", "national insurance number", "ni number", "medicare number", "passport number", "tax id",
		"tax id number", "ird number", "nric", "ppsn", "pps number", "utr", "utr number"})},
	// "the nine digit number": a social security number, or a remote app's ID when one is named.
	{catID, objRemoteAmb, []string{"nine digit number", "9 digit number", "nine digits", "9 digits", "all nine digits",
		"full nine digits", "all 9 digits", "full 9 digits", "whole nine digits"}},
	// An ID or access code next to a remote-access app is the app's.
	{catID, objRemoteAmb, []string{"your id", "id number", "your id number"}},
	{catCode, objRemoteAmb, []string{"access code", "the access code", "session code", "connection code", "# digit code"}},
	// Banks and doctors ask for the last four of a social; someone who
	// also impersonates an agency or threatens you does not.
	{catID, objWeak | objPartial, []string{
		"last # digits of your social", "last # digits of your social security", "last # digits of your ssn",
		"last # of your social", "last # of your social security number", "last # of your ssn",
		"last # digits of your social security number",
	}},
	{catGift, 0, []string{
		"gift card", "gift cards", "giftcard", "giftcards", "gift voucher", "gift vouchers", "itunes card",
		"itunes cards", "i tunes card", "itunes gift card", "apple gift card", "apple card", "google play card",
		"google play cards", "google play", "google play gift card", "play store card", "steam card",
		"steam cards", "steam gift card", "ebay card", "ebay gift card", "amazon card", "amazon gift card",
		"target card", "target gift card", "walmart card", "walmart gift card", "best buy card",
		"sephora card", "razer gold", "vanilla card", "vanilla visa", "vanilla gift card", "prepaid card",
		"prepaid cards", "prepaid visa", "reload card", "reloadable card", "green dot", "greendot",
		"money pak", "moneypak", "paysafe card", "paysafecard", "xbox card", "playstation card",
		// Game-store cards, a favourite of "your son's account was flagged" calls.
		"roblox card", "roblox gift card", "nintendo card", "nintendo gift card", "nintendo eshop card", "fortnite card",
		"v bucks card", "xbox gift card", "playstation gift card", "playstation store card",
		"card redemption code", "card redemption codes", "claim code", "claim codes", "redemption code", "redemption codes", "silver strip", "scratch off strip", "scratch panel", "scratch off panel", "scratch strip", "scratch area",
		"under the scratch", "scratch off area", "scratch off part", "scratch part", "under the silver strip", "behind the scratch", "scratch the back", "scratch off the back", "scratch the silver",
		"silver part", "the silver part", "silver panel", "photos of the back", "pictures of the back",
		"photos of the backs", "pictures of the backs",
		"the strip on the back", "gift", "target cards", "walmart cards", "ebay cards", "apple cards",
		"gif card", "gif cards", "steam wallet", "steam wallet card", "steam wallet cards", "razer gold card",
		"razer gold cards", "razor gold", "photos of the cards", "pictures of the cards", "photo of the card",
		"picture of the card", "photos of the card", "pictures of the card", "scratch off", "under the silver",
		"voucher", "vouchers", "gift voucher codes", "one4all", "one for all", "one4all voucher", "one4all vouchers",
		"takealot voucher", "takealot vouchers", "itunes voucher", "itunes vouchers", "google play voucher", "google play vouchers",
		"steam voucher", "amazon voucher", "amazon vouchers", "app store card", "app store cards", "app store gift card",
		"apple store card", "itunes ones", "google play ones", "steam ones", "amazon ones", "apple ones",
		"flexepin", "neosurf", "paysafe", "transcash", "pcs voucher", "pcs card",
		"pay safe card", "pay safe cards", "pay safe voucher", "pay safe vouchers", "paysafe cards", "paysafe voucher", "paysafe vouchers",
	}},
	{catGift, 0, giftPlurals()},
	// Cards named by where they hang in a shop: "the cards by the register".
	{catGift, 0, shopCards()},
	{catRemote, 0, []string{
		"anydesk", "any desk", "annie desk", "any disk", "and he desk", "any dask", "teamviewer",
		"team viewer", "team viewers", "team view", "team reviewer", "ultraviewer", "ultra viewer",
		"logmein", "log me in", "rustdesk", "rust desk", "supremo", "screenconnect", "screen connect",
		"connectwise", "connect wise", "quick assist", "quickassist", "quick support", "quicksupport",
		"zoho assist", "splashtop", "ammyy", "ammy admin", "aeroadmin", "remote access", "remote desktop",
		"remote control", "remote support", "remote app", "remote software", "remote session",
		"support software", "support app", "help desk app", "screen sharing", "screen share",
		"event viewer", "eventvwr", "command prompt", "run box", "windows key and r", "windows and r",
		"windows key", "windows button", "letter r", "program you just downloaded", "the program you downloaded",
		"program you downloaded", "file you just downloaded", "what you downloaded", "connection", "the connection", "connection request", "file you downloaded",
		"file i sent", "remote", "support tool", "the file you downloaded", "the file i sent", "link i sent",
		"the link i sent", "link i just sent", "the link i just sent", "link we sent", "the link we sent",
		"site i give you", "the site i give you", "website i give you", "the website i give you",
		"site i tell you", "website i tell you", "number it shows", "numbers it shows", "number that it shows",
		"number it gives you", "number on the app", "# digit number it shows", "id it shows", "address it shows",
		"airdroid", "air droid", "airmirror", "air mirror", "zoho assist",
		"allow all permissions", "all permissions", "allow permissions",
		"unknown sources", "install unknown apps", "accessibility permission", "accessibility permissions",
	}},
	// Software the caller supplies, whatever it is called: "download the program I give you".
	{catRemote, 0, suppliedSoftware()},
	// A payment keyed in now: "press one now to pay immediately". Weak: a
	// real biller's menu says "press one to pay by card" too.
	{catPay, objWeak, cross([]string{"#", "one"}, []string{"", "now"}, []string{"to pay", "to make a payment", "to make your payment", "to settle"})},
	{catRemote, objWeak, []string{
		"w w w", "www", "dot com", "the website", "this website", "our website", "my website", "the link", "this link",
		"the browser", "your browser", "google chrome", "chrome", "the app store", "play store", "the app", "this app",
		"an app", "app", "software", "the software", "this software", "application", "the file", "this file", "a file",
		"first result", "top result", "first link",
		// Work calls share screens too; a caller who then watches, or other pressure, makes it count.
		"share screen", "share screen button", "screen share button",
		"share my screen", "whole desktop", "entire desktop", "whole screen", "entire screen", "full screen share",
	}},
	{catPay, 0, []string{
		// Invoice redirection: a supplier's "new" account.
		"our new account", "our new bank account", "our new bank details", "our new account details", "our new bank",
		"our new account number", "our updated account", "our updated bank details", "our updated account details",
		"the new account details", "the new bank details", "our new banking details", "our new sort code",
		"safe account", "secure account", "safety account", "protected account", "new safe account",
		"safety custody account", "safe custody account", "custody account",
		"holding account", "government account", "federal reserve account", "bitcoin", "bit coin",
		"bitcoins", "crypto", "cryptocurrency", "crypto currency", "bitcoin atm", "bitcoin machine",
		"crypto atm", "coin atm", "usdt", "you s d t", "tether", // "u s d t": the tokenizer reads a lone "u" as "you"
		"ethereum", "wire transfer",
		"bank wire", "western union", "moneygram", "money gram", "money order", "cashier check",
		"cashiers check", "cash in an envelope", "cash in a box", "the cash to the courier",
		"to this account", "into this account", "to this tag", "to my tag", "to this cashtag", "cash tag",
		"cashtag", "to this wallet", "to our wallet", "to my wallet", "wallet address", "protected wallet",
		"to my crypto wallet", "to my bitcoin wallet", "to this crypto wallet", "to this bitcoin wallet",
		"to our crypto wallet", "into my crypto wallet", "to the crypto wallet", "to the bitcoin wallet",
		"safe wallet", "secure wallet", "government wallet", "the account i give you", "the account i gave you",
		"the account i will give you", "to this new account", "to the new account",
		"into this new account", "into the new account", "account i am giving you", "by wire", "via wire", "crypto machine",
		"bitcoin kiosk", "crypto kiosk",
		"to our escrow account", "into our escrow account", "our escrow account", "escrow account in", "the escrow account in",
		// Where the caller will say, or an account no one keeps money in: "by bank transfer to the account we'll give you",
		// "transfer all funds to the RBI verification account", "transfer the funds to our trust account".
		"the account we will give you", "the account well give you", "the account we give you", "the account i give you",
		"the account we provide", "the account we will provide", "verification account", "our trust account",
	}},
	// The safe account again, by pronoun: "we've set up a new secure account
	// in your name. You need to move your balance to it today". Nothing on
	// its own ("go to it", "add money to it"): only after a strong account or
	// wallet payee in reach (Call.havenBefore), and then as strong as that payee.
	{catPay, objWeak | objHavenRef, []string{"to it", "into it", "onto it", "over to it", "across to it", "in there", "into there",
		"over there", "across there", "to that account", "into that account", "to that wallet", "into that wallet"}},
	// A person payee by pronoun: "the landlord's chasing me, could you transfer 1,850 to him directly?".
	// Only after a payee the caller named in reach (Call.payeeBefore), and as weak as that payee.
	{catPay, objWeak | objHavenRef, []string{"to him", "to her", "to them", "over to him", "over to her", "over to them",
		"to his account", "into his account", "to her account", "into her account", "to their account", "into their account"}},
	// A payee the caller will supply: "send the money with Zelle to the
	// number I give you". Weak: a call-back number is given the same way.
	{catPay, objWeak, cross([]string{"to the", "to this", "to a"}, []string{"number", "phone number", "account", "email", "address", "wallet"},
		[]string{"i give you", "i gave you", "i will give you", "i will send you", "i will text you", "i am giving you", "we give you",
			"we will give you", "we will send you", "we will text you", "in the text", "in the message", "in the email"})},
	// An account that has just changed is the payee of invoice redirection
	// and of the "new number" relative: "send it with Venmo to my new account".
	{catPay, 0, newAccounts()},
	// The speaker's new account as where the money goes, which a lost verb
	// leaves bare: "the rent is late, [send it] with cash app to my new account today".
	{catPay, objPurpose, cross([]string{"to", "into", "onto"}, []string{"my new", "our new", "my different", "our different"},
		[]string{"account", "bank account", "bank"})},
	// The caller's business account likewise: "we overpaid you, please [wire]
	// the difference back to our vendor account today".
	{catPay, objPurpose, cross([]string{"to", "into", "onto"}, []string{"our vendor", "our supplier", "our company", "our business",
		"our corporate", "our processing", "our payment", "our escrow", "our holding", "our clearing", "our settlement"},
		[]string{"account", "bank account"})},
	// Objects named by description (describe.go).
	{catBank, objGiftAmb, cardNumberLooks()},
	{catBank, objGiftAmb, securityCodeLooks()},
	{catBank, objListAmb, expiryLooks()},
	{catBank, objListAmb | objWeak, expiryWhens()},
	{catBank, objGiftAmb, pinUses()},
	{catBank, 0, branchLooks()},
	{catCode, 0, codeShows()},
	{catID, objRemoteAmb | objGiftAmb, idLooks()},
	{catRemote, objWeak, remotePlaces()},
	{catPay, 0, holdingPlaces()},
	{catPay, objWeak, platformMoves()},
	// A payee on the caller's side: "send $1,800 to our equipment supplier",
	// "wire it to our attorney". Money sent on to a third party the caller
	// names is the fake-check and fake-fee pattern, whoever the payee is.
	{catPay, 0, thirdPayees()},
	// A landlord as the payee is weak (families and tenants pay rent): the "new phone"
	// child's "can you transfer 1,450 to my landlord?" counts with the call's pressure.
	{catPay, objWeak, cross([]string{"to my", "to the", "to our", "to his", "to her", "to their"},
		[]string{"landlord", "landlady", "letting agent", "letting agency", "property manager"})},
	// Real-time payment schemes outside the US, as weak as Zelle.
	{catPay, objWeak, []string{"payid", "pay id", "osko", "interac", "e transfer", "etransfer", "upi", "gpay", "g pay",
		"phonepe", "phone pe", "paytm", "paynow", "faster payment", "eft", "instant eft", "bank giro",
		"neft", "imps", "rtgs", "bacs", "chaps payment", "sepa", "sepa transfer", "mpesa", "m pesa", "gcash",
		"by wise", "via wise", "through wise", "remitly", "worldremit", "world remit",
		"overpayment", "overpaid amount", "overpaid refund", "the overpaid", "the excess"}},
	{catPay, objWeak, []string{
		"money", "the money", "funds", "your funds", "your savings", "savings", "cash", "payment",
		"zelle", "zell", "venmo", "cash app", "cashapp", "paypal", "apple pay", "google pay", "bank transfer",
		"transfer", "the difference", "the extra", "the rest", "the amount",
		"bail", "the fine", "the fee", "fees", "deposit", "full amount", "the payment",
		// What the listener holds, moved as a whole: "move your balance across to the new account".
		"your balance across", "your balance over", "your balance over to", "your balance into", "your balance onto",
		"the balance across", "the balance into", "your balances across", "your balances over", "your balances into",
		"your whole balance", "your full balance", "your entire balance", "the full balance", "the whole balance", "the entire balance",
		"everything in your account", "everything in your accounts", "all your money", "all of your money", "all your savings",
		"everything over", "everything across", "everything over to", "everything into", "everything out of",
		"all of your savings",
	}},
	{catPay, objWeak | objAmount, []string{
		"# dollars", "# dollar", "# pounds", "# pound", "# euros", "# euro", "# bucks", "# grand", "the same amount", "another #",
		"# hundred", "# thousand", "# rand", "# rupees", "# rupee", "# lakh",
	}},
}

// Cue attributes.
const (
	cueInfo      = 1 << iota // asks to disclose something (read, tell, what is)
	cueAct                   // asks to do something (buy, install, transfer)
	cueNoCode                // typing cues: "enter this code" is how codes are meant to be used
	cueSelf                  // "I need", "can I have": asking even with I/we as subject
	cueBuy                   // buying a card is only a request with pressure around it
	cueBack                  // refers back to an object named before it ("read it to me")
	cueGiftPay               // payment wording that makes a gift card a payment ("the fine", "pay in")
	cueRead                  // reading out: enough to make a bare "code" a verification code
	cueAfterOnly             // only right after its object
	cueSoftware              // installing: asks only for software ("install it" is not about money)
	cueLead                  // only at the start of a segment: "and the expiry?", "just the digits on the back"
	cueShort                 // its object must end the segment (give or take three words)
	cueReask                 // a re-ask: counts only after "then", "instead", "fine" ("fine, then your passport number will do")
	cueWeak                  // the request it makes needs pressure elsewhere ("have your account number ready")
	cueCallback              // counts only after a call-back verb: "call me back on extension 442 with your password"
	cueOnlyWay               // counts only after "only way" in its sentence: "the only way is through gift cards"
)

// cueRule lists request wording. Front cues come before the thing asked
// for ("read me the code"); back cues follow it ("the code, read it out").
type cueRule struct {
	attr    int
	phrases []string
}

var cueRules = []cueRule{
	{cueInfo | cueRead, []string{
		"read", "read me", "read out", "read off", "read back", "read that", "read us", "read the", "read it",
		"read them", "read it out", "read them out", "read it to me", "read them to me", "read it back",
		"read me the code", "read me the numbers", "read those", "read that to me", "just read", "go ahead and read",
		"can you read", "read what it says", "recite",
	}},
	{cueInfo, []string{
		"tell", "tell me",
		"tell us", "give", "give me", "give us", "say", "just say", "say the", "what", "what is", "what are",
		"what was", "what were", "confirm", "confirm for me", "verify", "validate", "provide", "share", "send me", "send your",
		"send us", "send it", "text me", "text us", "email me",
		// "text that code back to me", "text the numbers to this phone": the thing sent back by text.
		"text that", "text the", "text those", "text this", "text your", "repeat", "spell", "spell out", "recite",
		"call out", "go ahead and", "go ahead", "ask for", "ask you for", "asking for", "asking you for",
		"let me know", "do you have", "have you got", "you got", "state", "please state", "read the", "need to know", "need to see", "look at",
		"check", "get me", "grab", "find", "message me", "message us", "whatsapp me", "dm me", "can you see",
		"do you see", "what about the", "what about your", "how about the", "how about your", "which",
	}},
	// Polite indirect asks: "would you mind confirming", "if you could pass along".
	{cueInfo, politeAsks()},
	// Elliptical follow-ups: "okay and the expiry on that?", "just the digits on the back".
	{cueInfo | cueLead, []string{"just the", "just your"}},
	{cueInfo | cueLead | cueShort, []string{"and the", "and your", "now the", "now your", "also the", "also your",
		"and also the", "and also your", "and then the", "and then your"}},
	{cueInfo | cueSelf, []string{
		"i need", "we need", "need", "require", "i will need", "we will need", "i am going to need",
		"we are going to need", "can i have", "may i have", "could i have", "can we have", "could we have",
		"can i get", "could i get", "may i get", "can we get", "let me have", "let me get", "i want", "we want",
		"i would need", "i would like", "we would like", "need you to", "i need you to", "i want you to",
		"i have to have", "i must have", "i have got to have",
	}},
	{cueInfo | cueNoCode | cueAct, []string{
		"type", "type in", "enter", "key in", "punch in", "input", "fill in", "put in", "update", "forward",
		"put", "write",
	}},
	{cueAct | cueSoftware, []string{"install", "download"}},
	{cueAct | cueSoftware | cueBack, []string{"install it", "download it"}},
	{cueAct, []string{
		"take", "bring", "open", "visit", "go to", "go onto", "go on", "click", "click on", "run",
		"allow", "accept", "search", "search for", "look up", "transfer", "move", "wire", "send", "deposit",
		"recharge", "top up", "withdraw", "take out", "pay", "pay with", "pay in", "put", "load", "insert", "scan", "convert", "shift", "switch over",
		"invest", "connect", "access", "put the money", "feed", "mail", "overnight", "hand",
		"hand over", "drop off", "give", "give me", "send me", "send us", "read", "read me", "tell me",
		"scratch", "scratch off", "take a picture", "take a photo", "picture of", "photo of", "press", "hit",
		"tap", "tap on", "select", "choose",
		"hold", "follow", "type", "enter",
	}},
	// Nouns that look like cues: "a purchase of bitcoin" orders nothing.
	// Paying one's own bill the usual way, and a new instruction after a
	// delivery ("we sent you a code. Please enter it on the website").
	{0, []string{"pay it online", "pay online", "pay it in the app", "pay in the app", "pay it by phone"}},
	// A choice offered, not an act: "you can choose whether to reduce your monthly payment".
	{0, []string{"choose whether", "choose between", "choose if", "choose how", "choose when"}},
	// A hold on a payment stops it: "we've put a temporary hold on a payment of $750".
	{0, []string{"hold on", "a hold", "temporary hold", "hold placed", "on hold"}},
	{cueInfo | cueNoCode | cueAct, []string{"please enter", "please type", "please type in", "please input", "please key in"}},
	{0, []string{"please ignore", "please hold", "please press", "please stay", "please do not", "please never", "please call", "please visit",
		"please note"}},
	// A pointer for reading, not an instruction: "for more information, visit our website".
	{0, cross([]string{"information", "info", "details", "more"}, []string{"", "please"}, []string{"visit", "go to", "see", "check"})},
	{cueInfo | cueBack | cueAfterOnly, []string{"please"}}, // "your social security number, please"
	// A re-ask after a refusal: "fine, then your passport number will do".
	{cueInfo | cueBack | cueAfterOnly | cueReask, []string{"will do", "would do", "will be fine", "would be fine", "is fine"}},
	{cueInfo | cueBack | cueReask, []string{"is all we need", "is all i need", "that is all we need", "that is all i need"}},
	{0, []string{"purchase of", "purchases of", "purchase for", "order purchase", "a purchase"}},
	// Checking who the listener is, not asking for what was sent: "I'll
	// send a code to confirm it's you".
	{0, []string{"confirm it is you", "verify it is you", "confirm that it is you", "verify that it is you",
		"confirm this is you", "verify this is you", "confirm it was you", "confirm that it was you"}},
	// Not asking: "say thanks for the gift card", "get your money back".
	{0, []string{"say thanks", "say thank you", "say hi", "say hello", "say sorry", "say goodbye", "say happy",
		"get your", "to get your", "get back", "get it back", "get them back"}},
	{cueSelf | cueAct | cueGiftPay, []string{"we take", "we accept", "we only take", "we only accept",
		"you can pay with", "you can pay by", "you can pay using"}},
	{cueAct | cueBack, passiveMoves()},
	{cueGiftPay, []string{
		"payment", "fine", "fee", "bail", "settle", "accept", "accepted", "owe", "clear", "worth",
		"payment must be", "in the form of",
	}},
	{cueGiftPay | cueAct, []string{"paying", "paying with", "by paying", "paying by", "paying in", "paying it"}},
	{cueGiftPay, []string{"paid in", "paid using", "paid with"}},
	// A payment's means, the verb the recogniser lost: "(pay) now by sending
	// the money with Zelle", "(payment) must be made today with gift cards".
	{cueAct | cueGiftPay, []string{"by sending", "by sending us", "by sending me", "by wiring", "by transferring"}},
	{cueGiftPay, []string{"must be made", "has to be made", "needs to be made", "need to be made", "is to be made"}},
	// A payment's destination demanded with the money as subject: "the
	// money needs to go into the safe account", "make sure the invoice
	// payment goes to our new account".
	{cueAct | cueGiftPay, payDestinations()},
	// The form a payment must take: "you pay the bond, but it has to be in gift cards".
	{cueGiftPay, cross([]string{"has to be", "have to be", "must be", "needs to be", "need to be", "got to be"},
		[]string{"in", "done in", "all in"})},
	{cueGiftPay | cueAct, []string{"be paid in", "be paid with", "be paid using", "be paid by", "be settled in"}},
	// "unless it's paid today by bank transfer": the means of a payment demanded.
	{cueAct, cross([]string{"is", "its"}, []string{"paid", "settled"}, []string{"", "today", "now", "immediately", "tonight"}, []string{"by", "via", "through", "using"})},
	{cueGiftPay | cueAct | cueBack, []string{"pay", "pay the", "pay with", "pay in", "pay using", "pay by", "pay through", "pay via"}},
	// Obligation addressed to the listener: "you must put the money in a
	// safe account" is a demand even when the recogniser garbles its verb.
	{cueAct, []string{"you must", "you have to", "you need to", "you will have to", "you will need to"}},
	{cueAct | cueBuy, []string{
		"buy", "purchase", "get", "pick up", "go get", "go buy", "head to", "go down to", "go to the store",
	}},
	// A store errand, its verb often lost: "go to walmart and [buy] google play cards".
	{cueAct | cueBuy, cross([]string{"go to", "go down to", "head to", "run to", "drive to", "go over to"},
		[]string{"walmart", "target", "cvs", "walgreens", "best buy", "rite aid", "kroger", "dollar general", "seven eleven",
			"any store", "a store", "the nearest store", "the pharmacy", "a pharmacy", "a gas station", "the gas station", "the supermarket"},
		[]string{"and"})},
	{cueInfo | cueAct | cueBack, []string{
		"read it", "read them", "read it out", "read them out", "read it to me", "read them to me",
		"read that to me", "read those", "read it back", "read them back", "read those to me", "tell me what it says",
		"what does it say", "what did it say", "what do they say", "what is it", "what are they", "what was it",
		"what were they", "give it to me", "give them to me", "tell me it", "tell me them", "tell me that",
		"say it", "say them", "send it to me", "send them to me", "share it", "share it with me",
		"give it", "tell it to me", "can you read", "go ahead and read", "just read", "read what it says",
		"what it says", "what numbers", "which numbers", "confirm it", "confirm that", "confirm them",
		"read that back", "read that back to me", "read those back", "read it back to me", "read them back to me",
		"repeat it", "repeat that", "repeat it back", "repeat that back", "repeat them", "say it back", "say that back",
		"read that out", "read that out to me", "tell me that number", "tell me what it is",
		// Everyday hand-overs of what was just sent: "stick that in a text back to this number", "flick that through".
		"stick that in a text", "stick it in a text", "pop that in a text", "pop it in a text", "stick that in the chat",
		"stick it in the chat", "pop that in the chat", "pop it in the chat", "flick that through", "flick it through",
		"flick that over", "flick it over", "ping that back", "ping it back",
		"verify it", "let me know what it is", "buy them", "buy it", "get them", "install it", "download it",
		"send it", "transfer it", "move it", "pay it", "send me a picture", "send me a photo", "send me pictures",
		"send me photos", "send us a screenshot", "send me a screenshot", "send a screenshot", "screenshot of it",
		"screenshot of them", "send us a picture", "send us a photo", "say it to me", "what they are", "what it is", "what is that", "what that is",
		"tell me what they are", "read it out loud", "text them to me", "text it to me", "as payment", "as a payment",
		"picture of it", "picture of them", "photo of it", "photo of them", "take a picture",
		"take a photo", "send me the codes", "send me the code", "read me the numbers", "read me the code",
		"worth", "send pictures", "send a picture", "send a photo", "tell me those numbers", "tell me the numbers",
		"what does the text say", "what does the message say", "what did the text say", "what does the sms say",
		"what the text says", "what the message says", "number in it", "numbers in it", "code in it", "digits in it",
		"forward it", "forward it to me", "forward them", "forward them to me", "send it over", "pass it to me",
		"i need it", "i need them", "i need those", "i need that", "i need all of them", "we need it",
		"you tell me", "you give me", "you read me", "you send me", "what did you put", "what did you use",
		"what did you set", "what did you choose", "what did you pick",
	}},
	{cueInfo | cueBack, oneRefs()},
	// Handing it over to someone on the caller's side, or bringing it to a call-back:
	// "call back and tell it to the agent", "ring us back with it".
	{cueInfo | cueAct | cueBack, handOvers()},
	// Dropped pronouns ("can forward to me?"), echo verbs aimed at the
	// speaker ("confirm it with me"), re-asks after a refusal ("then your
	// passport number will do"), and digits keyed in while on the line.
	{cueInfo | cueAct | cueBack, []string{"forward to me", "send to me", "give to me", "read to me", "share to me",
		"send over to me", "can forward", "can send over", "confirm it with me", "confirm it to me", "confirm them with me",
		"verify it with me", "verify it to me", "repeat it to me", "repeat it back to me", "confirm that with me",
		"on your keypad", "on the keypad", "into your keypad", "into the keypad", "using your keypad", "on your dial pad",
		"on the dial pad", "on your phone keypad", "on the phone keypad"}},
	{cueInfo | cueAct | cueBack, []string{"mind reading it", "mind reading them", "mind reading it to me",
		"mind reading them to me", "mind sending it", "mind sending them", "call me back with", "call me with"}},
	// Money fetched from the listener, after the money is named: "the bail is
	// five thousand dollars cash, a courier will come to your house to
	// collect it". Action only, so a card or a parcel collected is not asked
	// by it, and the money objects it follows are weak: pressure decides.
	{cueAct | cueBack, []string{"to collect it", "to pick it up", "to collect them", "to pick them up", "and collect it",
		"and pick it up", "to collect the envelope", "to pick up the envelope",
		"will pick it up at your", "will collect it from your", "will pick it up from your", "will collect it at your"}},
	// Buying stays a buy when it refers back: "you can buy them at the office".
	{cueBuy, []string{"buy them", "buy it"}},
	{cueAct, []string{"send back", "sending back", "mind sending", "mind sending back", "mind sending me"}},
	// Request frames by kind (frames.go).
	{cueInfo | cueSelf, modalAsks()},
	{cueInfo | cueSelf, purposeChecks()},
	{cueInfo | cueBack | cueRead, relativeReads()},
	{cueInfo | cueSelf, needFrames()},
	{cueInfo | cueBack | cueAfterOnly, passiveNeeds()},
	{cueInfo | cueBack | cueAfterOnly | cueWeak, readyFrames()},
	// cueRead marks the hand-over purpose for readyToHandOver.
	{cueInfo | cueBack | cueRead | cueWeak, readyHandOvers()},
	// Installing with the caller's help: "a technician who will guide you through installing a screen sharing app".
	// The cue starts at "you", past its guide ("who will guide you through"), whose subject is the caller's technician;
	// weak, as that subject goes unchecked ("last year i walked you through installing teamviewer").
	{cueAct | cueSoftware | cueWeak, cross([]string{"you through", "you with"}, []string{"installing", "downloading", "setting up"})},
	{cueInfo | cueAct, callBacks()},
	{cueInfo | cueAct, replyTos()},
	{cueInfo, replyToSlips()},
	{cueInfo, callBackTenseSlips()},
	{cueInfo | cueAct | cueCallback, callBackObjects()},
	// A call-back's purpose, paid with the thing asked for: "call us back to pay with your card number".
	{cueInfo | cueCallback, []string{"to pay with", "to pay using", "to pay by", "and pay with", "and pay using", "to settle it with"}},
	{cueAct | cueGiftPay | cueOnlyWay, onlyWays()},
	// The one way the speaker takes payment: "we can only accept it in Steam gift cards".
	{cueAct | cueGiftPay | cueSelf, []string{"only accept", "only accept it in", "only accept it as", "only accept it by",
		"only accept it through", "only accept it via", "only accept payment in", "only accept payment by",
		"only accept payment through", "only accept payment via", "only accept payments in", "only accept payments by",
		"only take", "only take it in", "only take payment in", "only take payment by", "accept it only in",
		"accept payment only in", "accept payment only by", "accept it only as"}},
	{cueInfo | cueAct | cueSelf, []string{"will have you", "would have you", "am going to have you", "are going to have you",
		"will get you to", "am going to get you to", "are going to get you to", "next step is to", "first step is to",
		"step is to", "what you do is", "what you will do is", "what you are going to do is", "all you do is",
		"what i need you to do is", "what we need you to do is", "what i want you to do is", "what we want you to do is",
		"what you need to do is", "all i need you to do is", "all you need to do is"}},
	// Recogniser spellings without the apostrophe: "well have you install", "well need".
	{cueInfo | cueAct | cueSelf, []string{"well have you", "well need", "well need you to", "well get you to", "well just need",
		"well also need", "well want"}},
	// Informal giving verbs: "pop your card number in the chat", "chuck us your BSB", "shoot me the code".
	{cueInfo, []string{"pop", "pop in", "pop me", "pop us", "stick", "stick in", "chuck", "chuck us", "chuck me", "bung",
		"bung us", "bung me", "shoot me", "shoot us", "shoot over", "drop me", "drop us", "fire over", "fire across",
		"fire me", "flick me", "flick us", "flick over", "ping me", "ping us", "ping over", "send across", "send through",
		"send over", "text back", "message back", "ping that", "ping the", "ping those", "ping your", "walk me through", "run me through", "talk me through", "take me through", "revert with",
		"revert back with", "do the needful", "send otp", "send the otp", "send me otp", "share otp", "tell otp", "give otp"}},
	// Tentative and framing asks: "would you happen to have", "is it possible to get", "let's start with", "remind me of".
	{cueInfo, []string{"happen to have", "happen to know", "possible to get", "possible to have", "possible to grab",
		"possible to take", "possible to confirm", "help me with", "help me out with", "help us with", "help us out with",
		"start with", "begin with", "starting with", "beginning with", "first things first", "remind me", "remind me of",
		"remind me what"}},
	// The speaker taking it down: "I'll just take your card number", "let me jot down your routing number".
	{cueInfo | cueSelf, takeDowns()},
	{cueInfo | cueSelf | cueAct, agentTakeDowns()},
	// Making a payment, and sending cash by post: "make the payment in crypto", "post the cash to this address".
	{cueAct | cueGiftPay, []string{"make the payment", "make a payment", "make payment", "make the transfer", "make a transfer",
		"do the transfer", "do the payment", "complete the payment", "complete the transfer", "post the", "post it",
		"post them", "courier the", "courier it", "send it by post", "send the cash by post"}},
	// Directives in the progressive: "you'll be transferring the balance into the new account".
	{cueAct, progressives()},
	{cueInfo, []string{"quote", "quote me", "quote us", "forward me", "forward us", "forward me the", "read me that", "read me those"}},
	{cueInfo | cueLead | cueShort, []string{"next the", "next your", "then the", "then your", "plus the", "plus your",
		"okay and the", "okay and your", "right and the", "right and your"}},
	// Questions put to the listener are front cues, so "can you tell me
	// your passcode" does not also read as the back cue "you tell me".
	{cueInfo | cueAct, askYou()},
}

// standaloneRules are requests whose wording names both the ask and the
// thing asked for.
var standaloneRules = []objectRule{
	{catRemote, 0, []string{
		"share your screen", "share the screen", "share my screen with you", "connect to your computer",
		"connect to your pc", "connect to your laptop", "connect to your device", "connect to your phone",
		"connect to your system", "connect to your machine", "connect your computer", "connect with your computer",
		"so i can connect", "so that i can connect", "so we can connect", "let me connect",
		"let me access", "give me access", "give us access", "access your computer", "access to your computer",
		"access your pc", "access your laptop", "access your device", "access your phone", "access your system",
		"take control of your computer", "control your computer", "control your screen", "see your screen",
		"remote into your computer", "remotely access", "remotely connect", "log into your computer",
		"get into your computer", "onto your computer", "let me in", "let me see your screen",
		"technician can connect", "so that our technician", "so they can connect", "so he can connect",
		"take over your screen", "take over your computer", "get on your computer", "get on to your computer",
		"connect remotely", "remotely connect", "connect remote", "control of your screen",
		"see what you are seeing", "see what you see", "see what is on your screen", "see your screen",
		"click run", "hit run", "press run", "click on run", "click the run", "press the run",
	}},
	// Remote access by its purpose, the software's name garbled: the caller's
	// own agent taking the machine over ("install the [quick support] app so
	// our specialist can take control"). Logging in or getting in is weak:
	// a company's agent logs in to its own systems too ("so our agent can
	// log in and fix it" flags with pressure in the call).
	{catRemote, 0, cross(callerAgents(), []string{"can", "could", "will", "may"}, []string{"take control", "take over"})},
	{catRemote, objWeak, cross(callerAgents(), []string{"can", "could", "will", "may"}, []string{"log in", "log on", "get in", "remote in", "dial in"})},
	// Scratching a card's panel is what a gift card demand ends with, and
	// survives a lost "buy": "… in the tubes gift cards and scratch off the
	// back". Weak: a present's card is scratched too ("the card is in the
	// mail, scratch off the back to see the code").
	{catGift, objWeak, cross([]string{"scratch off", "scratch", "scratch away"}, []string{"the back", "the backs", "the silver",
		"the silver strip", "the strip", "the panel", "the coating", "the foil"})},
	// Working from the caller's side: weak, as a real agent fixes things "from my side" too.
	{catRemote, objWeak, []string{"do it from my side", "do it from my end", "fix it from here", "fix it from my side",
		"fix it from my end", "do it for you from my", "sort it from my side", "sort it from my end"}},
	{catRemote, 0, deviceAccess()},
	// A remote log-in asks when the caller is its subject ("let me log in
	// remotely"); said otherwise it is weak: "you can log in remotely from home".
	{catRemote, objWeak | objByCaller, remoteLogins()},
	// The caller's way in as the purpose of software or a screen share set
	// up just before it: "we'll set up a screen share so I can see your
	// computer", "I'll help you download a program so I can log in".
	// Weak as a bare opening, so no code near it is read as a remote app's; judged strong with its act and software.
	{catRemote, objWeak | objAccessFor, accessPurposes()},
	// A caller already in the machine: "I'm still connected to your computer". Weak: a real help desk says it too.
	{catRemote, objWeak, connectedClaims()},
	// Approving a push sign-in prompt is handing over a verification code.
	{catCode, objWeak, pushApprovals()},
	// An amount the redactor turned into a label: "send back the [CVV] and ten".
	{catPay, objWeak, []string{"send back the #", "send back #", "pay back the #", "pay back #", "return the #", "refund the #"}},
	{catPay, objWeak, []string{
		"wire the money", "wire the funds", "wire money", "wire it", "wire funds", "wire the payment",
		"do a bank transfer", "make a bank transfer", "do a transfer", "make a transfer",
		// A wire sent out: "I need a wire out today to the lawyers' escrow".
		"a wire out", "wire out", "a wire to", "the wire to", "the wire out",
	}},
	// Payment apps used as verbs: "venmo me 200", "zelle it to this number".
	{catPay, objWeak, payVerbs()},
	// An amount someone comes to collect: a grandparent scam's courier, but
	// also a garage's parts, so only with pressure in the call.
	{catPay, objWeak, []string{
		"collect # dollars", "collect # pounds", "collect # euros", "collect # rupees", "collect # bucks", "collect # grand", "collect # in cash", "collect # thousand", "collect # hundred",
		"pick up # dollars", "pick up # pounds", "pick up # euros", "pick up # rupees", "pick up # bucks", "pick up # grand", "pick up # in cash", "pick up # thousand", "pick up # hundred",
	}},
	{catPay, 0, []string{"make a wire transfer", "do a wire transfer", "send a wire transfer", "send a wire"}},
	{catPay, 0, []string{
		"withdraw your cash", "withdraw the cash", "withdraw cash", "take out your cash",
		"move your money", "move your funds", "move your savings", "transfer your money", "transfer your funds",
		"transfer your savings", "withdraw your savings", "withdraw all your money", "take out all your money",
		"empty your account", "send the money back", "send back the money", "pay the difference",
		"return the money", "refund the difference", "send us the difference",
		// A courier or "agent" sent to the house for the money.
		"to collect the cash", "to collect the money", "to pick up the cash", "to pick up the money",
		"collect the bail", "pick up the bail", "to collect the payment", "to pick up the payment",
		"withdraw it in cash", "withdraw it all in cash", "get it out of the bank", "take it out of the bank",
		"get the money out of the bank", "take the money out of the bank", "draw it out of the bank", "get it out of your account",
		"come round and pick it up", "come round and collect it", "come by and pick it up", "come and pick it up",
		"come and collect it", "come over and pick it up", "come over and collect it", "take it out in cash", "send someone to collect",
		"someone to collect it", "someone to pick it up", "to collect it from you", "to pick it up from you",
	}},
}

// Word classes used when deciding who a cue is addressed to.
const (
	wSkip       = 1 << iota // auxiliaries and fillers a cue's subject hides behind
	wNeg                    // "not", "never", "no": the cue is negated
	wYou                    // the cue is addressed to the listener
	wOther                  // the cue's subject is someone else: telling, not asking
	wPast                   // "did you", "were you": a question about the past
	wMine                   // "my": the speaker's own, not the listener's
	wBreak                  // starts a new clause between a cue and an object
	wSent                   // "sent", "text": a code was delivered, so a bare "code" means it
	wFarNeg                 // "never", "nobody": negates a cue some words later
	wIWe                    // "I", "we": a speaker may need things or connect themselves
	wFiller                 // "um", "uh": dropped by the tokenizer
	wPerfect                // "have", "already" just before a verb: something done, not asked
	wDeliver                // "texted", "pushed": a code was just delivered, so a bare "number" means it
	wReport                 // "asking", "tells": reported speech when a third party precedes it
	wThird                  // "a call", "anyone", "scammers": the one reported as asking
	wJoin                   // "and", "the": joins the items of a list of things asked for
	wFrameEnd               // "I", "we", "so": a new clause that ends a reported-speech frame
	wStop                   // "block", "cancel": stopping a payment is not asking for one
	wRecord                 // "bill", "invoice": a document the customer reads an account number from
	wOf                     // "of", "on", "at": a bare number's owner follows
	wOwnBank                // "card", "account", "checks": a bare number on them is banking
	wOwnID                  // "passport", "license": a bare number on them is an ID
	wGive                   // "give", "tell": "the number I give you" is the speaker's
	wAskVerb                // "ask", "call", "demand": negated, the whole list that follows is not asked ("will never ask for A, B or C")
	wHead                   // "renewal", "office": the object before it is a modifier, not the thing asked for
	wEcho                   // "confirm", "repeat": "confirm it", "repeat that" are about what was said or done, not a delivered code
	wToMe                   // "me", "us": an echo verb aimed at the speaker ("confirm it with me") asks
	wReask                  // "then", "instead": a re-ask after a refusal ("then your passport number will do")
	wAck                    // "thanks", "lovely": an acknowledgement ends the clause before an elliptical follow-up
	wClause                 // "so", "where", "please": a new clause after an elliptical object ("and the password on it, so I can check")
	wVerbish                // "is", "will", "expires": the object has a verb of its own, so it is a statement ("and the code will expire")
	wCardWord               // "card", "cards": an ID card when an ID card is the call's referent
	wReportPast             // "wanted", "told": with "they", "he", "she" before it, speech reported from another call
	wHeShe                  // "he", "she", "they"
	wModal                  // "will", "to": "I'll have you send", "going to have you buy" are no questions about the past
	wIndef                  // "a", "no", "any": an object stated in general ("a password is required")
	wOccasion               // "whenever", "every": a need tied to an occasion is a rule ("is needed every time you sign in")
	wField                  // "name", "address", "id": a form's fields, which may stand in a bare list of things asked for
	wCoord                  // "and", "plus", "along with", "as well as": joins the items of a list a request frame governs
	wCallTo                 // "call", "extension": a call-back in the same sentence frames "with your X" ("call extension 4410 with your password")
	wMoney                  // "dollars", "refund", "check": right after "sent you", a money delivery, not a code
	wPayVerb                // "send", "return", "refund": "send it back" asks for money the caller claims to have sent
	wStoryWho               // "someone", "a man", "some guy": the one a told story of another call is about
	wStoryCall              // "called", "rang", "phoned": the past call a story opens with
	wStorySaid              // "said", "asked", "told": the past speech of a story's third party
	wStoryGot               // "got", "had", "received": "I got a call saying…" opens a story
	wNowAsk                 // "need", "want", "can": after "I"/"we"/"you", a present ask that ends a story
	wAskAux                 // "can", "could", "will": before "you", a present question that ends a story
	wLoginWord              // "password", "username": a login, the bank's when the call is about online banking
	wOpen                   // "open", "tap": using an app the listener already has, not getting one
	wReceipt                // "approved", "eligible", "won": money the listener is to receive
	wAcctNoun               // "account", "bank": "into your account" is the listener's own, money paid to them
	wQuote                  // "says", "goes": after "he"/"she", a told story's third party quoted
	wCallsNow               // "rings", "phones": a story of another call told in the present, "so this guy rings"
	wHandle                 // "keep", "find", "enter": what the listener does with a card secret themselves, not a lost ask
	wKeptBy                 // "registered", "hold": "into the account you registered" is the listener's own
	wDet                    // "the", "a", "your": a one-word action cue right after one is a noun ("I'll send you the deposit by PayPal")
)

var wordClasses = map[int][]string{
	wSkip: {"to", "need", "have", "want", "try", "ever", "really", "actually", "just", "be", "going", "able",
		"will", "would", "should", "can", "could", "may", "might", "must", "please", "at", "all", "under",
		"any", "circumstances", "also", "now", "then", "um", "uh", "uhm", "er", "erm", "ah", "like",
		"okay", "ok", "so", "and", "kindly", "quickly", "simply", "only", "gonna", "wanna", "ask", "call",
		"is", "are", "am", "do", "does", "going", "go", "ahead", "for", "me", "us", "yourself", "sir", "madam",
		"maam", "mam", "dear", "mister", "miss"},
	wNeg:     {"not", "never", "no", "dont", "cannot", "nor", "neither", "without"},
	wYou:     {"you", "ya", "u", "yourself"},
	wOther:   {"i", "we", "he", "she", "they", "anyone", "anybody", "someone", "somebody", "nobody", "people", "scammer", "scammers", "fraudster", "fraudsters", "criminal", "criminals", "thieves", "caller", "callers", "who"},
	wPast:    {"did", "were", "had", "was", "have"},
	wMine:    {"my", "our", "mine", "ours", "his", "her", "their"},
	wBreak:   {"we", "i", "they", "he", "she", "because", "but", "if", "when", "sent", "send", "after", "before", "while", "unless", "otherwise"},
	wSent:    {"sent", "send", "sending", "trigger", "triggered", "triggering", "texted", "text", "texting", "txt", "message", "messages", "sms", "received", "receive", "receiving", "got", "phone", "mobile", "cell", "cellphone", "email", "emailed", "screen", "came", "come", "coming", "just", "device", "verify", "verification", "authenticator", "arrived", "popped", "pop"},
	wFarNeg:  {"never", "nobody", "noone", "nor", "neither"},
	wIWe:     {"i", "we"},
	wPerfect: {"have", "had", "has", "already", "been"},
	wDeliver: {"pings", "pinged", "buzzes", "sent", "send", "sending", "texted", "text", "texting", "txt", "sms", "message", "messages", "received", "receive",
		"receiving", "arrived", "generated", "pushed", "push", "notification", "prompt", "emailed", "got", "came"},
	wReport: {"ask", "asked", "asking", "asks", "telling", "tells", "demanding", "demands", "requesting", "requests", "wanting", "wants",
		"calling", "pretending", "claiming", "posing", "wanted", "told", "saying", "said", "instruct", "instructs",
		"instructing", "urge", "urges", "urging", "pressure", "pressures", "pressuring",
		"calls", "rings", "phones", "messages", "messaging", "texts", "texting", "emails", "emailing", "contacts", "contacting"},
	wStop:     {"block", "stop", "cancel", "freeze", "hold", "pause", "suspend", "halt", "dispute", "decline", "flag", "blocking", "stopping", "cancelling", "canceling"},
	wRecord:   {"bill", "invoice", "receipt", "letter", "bills", "invoices"},
	wOf:       {"of", "on", "off", "at", "from", "across", "for"},
	wOwnBank:  {"card", "cards", "account", "accounts", "check", "checks", "cheque", "cheques", "checkbook", "chequebook", "statement"},
	wOwnID:    {"passport", "license", "licence", "medicare", "visa", "permit", "photocard"},
	wGive:     {"give", "gave", "giving", "tell", "told", "telling", "provide", "provided"},
	wFrameEnd: {"i", "we", "so", "now", "okay", "but", "because"},
	wThird: {"call", "calls", "caller", "callers", "anyone", "someone", "anybody", "somebody", "people", "scammer",
		"man", "woman", "guy", "lady", "gentleman", "fellow", "fella", "bloke", "men", "women", "guys", "ladies", "person", "stranger",
		"scammers", "fraudsters", "criminals", "who", "message", "messages", "email", "emails", "text", "texts",
		"website", "websites", "company", "companies", "agency", "agencies"},
	wJoin: {"and", "or", "the", "your", "also", "then", "plus", "a", "as", "well", "that", "on", "its"},
	wAskVerb: {"ask", "asks", "asking", "asked", "demanded", "requested", "call", "calls", "calling", "demand", "demands", "request", "requests",
		"contact", "require", "requires", "text", "email", "phone"},
	wHead: {"renewal", "renewals", "office", "offices", "application", "appointment", "status", "benefits",
		"department", "administration", "bureau"},
	wEcho:       {"confirm", "verify", "validate", "repeat", "check", "say", "accept", "approve"},
	wToMe:       {"me", "us"},
	wReask:      {"then", "instead", "fine", "alternatively", "otherwise"},
	wCardWord:   {"card", "cards"},
	wReportPast: {"wanted", "told", "said", "asked", "demanded", "insisted", "instructed"},
	wHeShe:      {"he", "she", "they"},
	wModal:      {"will", "would", "to", "can", "could", "gonna"},
	wIndef:      {"a", "an", "no", "any", "some"},
	wField:      {"name", "full", "address", "email", "id", "home", "current", "mailing", "legal", "first", "last"},
	wCoord:      {"and", "or", "plus", "with", "along", "together", "well", "also", "as"},
	wCallTo:     {"call", "ring", "extension", "ext", "dial"},
	wMoney: {"dollars", "dollar", "bucks", "pounds", "euros", "rand", "rupees", "grand", "money", "payment", "refund", "funds",
		"cash", "check", "cheque", "deposit", "transfer", "overpayment", "hundred", "thousand", "difference"},
	wPayVerb: {"send", "return", "refund", "pay", "transfer", "wire", "give", "zelle", "venmo", "move", "put"},
	wStoryWho: {"someone", "somebody", "man", "woman", "guy", "lady", "gentleman", "fellow", "fella", "bloke", "chap",
		"person", "stranger", "scammer", "scammers", "caller", "fraudster", "fraudsters"},
	wStoryCall: {"called", "rang", "rung", "phoned", "texted", "messaged", "emailed", "contacted", "rung"},
	wStorySaid: {"said", "asked", "told", "wanted", "demanded", "insisted", "claimed", "pretended", "instructed", "threatened"},
	wStoryGot:  {"got", "had", "received", "took", "answered"},
	wNowAsk:    {"need", "needs", "want", "wants", "must", "am", "are", "can", "will", "should", "have"},
	wAskAux:    {"can", "could", "will", "would", "please"},
	wOpen:      {"open", "opening", "launch", "tap", "click", "check", "look", "use", "using", "visit", "go", "see", "find", "select"},
	wLoginWord: {"password", "passwords", "username", "usernames", "user", "login", "logon", "passcode", "credentials"},
	wReceipt: {"approved", "eligible", "entitled", "owed", "won", "qualify", "qualified", "awarded", "granted", "winnings",
		"receive", "receiving"},
	wAcctNoun: {"account", "accounts", "bank", "checking", "savings", "chequing", "card"},
	wQuote:    {"says", "said", "goes", "went", "asks", "asked", "tells", "told", "starts", "started", "replies", "replied"},
	wCallsNow: {"rings", "phones", "calls", "texts", "messages"},
	wHandle: {"keep", "protect", "cover", "hide", "guard", "memorise", "memorize", "write", "store", "safeguard", "shred",
		"destroy", "share", "show", "find", "locate", "use", "using", "enter", "type", "see", "look", "check", "scratch", "sign",
		"make", "bring", "carry", "present", "print", "save"},
	wKeptBy:   {"register", "registered", "nominate", "nominated", "hold", "have", "use", "normally", "usually", "already", "keep"},
	wDet:      {"the", "a", "an", "your", "my", "our", "his", "her", "their", "this", "these", "those"},
	wOccasion: {"every", "each", "whenever", "when", "if", "before", "anytime", "once"},
	wAck: {"thanks", "thank", "lovely", "great", "perfect", "brilliant", "excellent", "cheers", "cool", "wonderful",
		"alright", "awesome", "fantastic", "good", "right", "sure", "super", "gotcha", "marvellous", "marvelous", "ta", "okay"},
	wClause: {"so", "where", "which", "please", "because", "thanks", "thank", "too", "first", "as", "cheers"},
	wVerbish: {"is", "are", "was", "were", "will", "would", "has", "had", "can", "could", "should", "must", "expires",
		"expire", "expired", "arrives", "arrive", "comes", "came", "goes", "went", "works", "does", "did", "be", "been",
		"gets", "got", "may", "might", "changes", "changed", "needs", "stays"},
	wFiller: {"um", "uh", "uhm", "umm", "uhh", "erm", "er", "ah", "hmm", "mm", "mhm"},
}

// Signal weights combine as independent evidence: risk = 1 - Π(1 - w).
const (
	suspiciousAt = 0.4 // risk from which a call without flags is suspicious
	flagRisk     = 0.8 // risk of a call with one flag and no other evidence
)

// signalRule names a pressure or impersonation cue.
type signalRule struct {
	name    string
	weight  float64
	phrases []string
}

var signalRules = []signalRule{
	{"impersonation:amazon", 0.25, []string{"amazon", "amazon prime", "amazon dot com", "amazon customer service", "amazon security", "amazon support"}},
	{"impersonation:apple", 0.25, []string{"apple support", "apple care", "applecare", "icloud", "apple id", "apple account", "apple security"}},
	{"impersonation:microsoft", 0.25, []string{"microsoft", "windows support", "windows technical", "windows security", "tech support", "technical support", "technical department", "technical team", "geek squad", "norton", "mcafee", "support center", "help desk", "helpdesk", "service desk", "it department", "it support", "it team", "from it", "cyber security department", "security department",
		// An IT desk's mailbox-migration pretext, by what it says rather than who it says it is (the name is often misheard: "intel desk").
		"new email system", "new gmail system", "new mail system", "email migration", "mailbox migration", "move your mailbox",
		"migrate your mailbox", "migrating your mailbox", "moving your mailbox", "upgrade your mailbox", "mailbox upgrade", "email upgrade"}},
	{"impersonation:bank", 0.25, []string{"fraud department", "fraud prevention", "fraud team", "fraud investigation", "fraud unit", "bank security", "your bank", "bank of america", "chase bank", "wells fargo", "citibank", "citi bank", "barclays", "hsbc", "lloyds", "natwest", "santander", "capital one", "credit union", "visa", "mastercard", "american express", "amex", "discover card",
		// Banks of the other countries callers name, and app banks.
		"revolut", "monzo", "starling bank", "halifax", "nationwide", "td bank", "rbc", "royal bank", "scotiabank", "cibc",
		"commonwealth bank", "commbank", "anz", "sbi", "hdfc", "icici", "axis bank", "gtbank", "access bank",
		"zenith bank", "aib", "bank of ireland", "from chase", "chase fraud", "chase security", "chase card services"}},
	{"impersonation:irs", 0.3, []string{"irs", "i r s", "internal revenue", "hmrc", "h m r c", "canada revenue", "revenue agency",
		"cra", "c r a", "ato", "a t o", "taxation office", "inland revenue", "income tax department", "tax authority",
		"tax authorities", "revenue department", "south african revenue", "revenue commissioners", "tax department", "revenue service", "tax office", "back taxes", "tax fraud", "tax evasion"}},
	{"impersonation:government", 0.3, []string{"service canada", "services australia", "centrelink", "from medicare",
		"medicare office", "medicare advantage", "medicare enrollment", "medicare enrolment", "medicare benefits", "dvla", "d v l a", "uidai", "trai",
		"telecom regulatory", "home affairs", "rcmp", "mygov", "my gov", "social security administration", "social security office", "ssa", "federal agent", "fbi", "f b i", "police", "detective", "constable", "crime unit", "fraud squad", "sheriff", "interpol", "national crime agency", "federal reserve", "department of justice", "department of", "customs", "immigration", "border protection", "dea", "homeland security", "federal trade commission", "ftc", "government"}},
	{"impersonation:courier", 0.2, []string{"fedex", "fed ex", "ups", "usps", "dhl", "royal mail", "post office", "postal service", "courier", "delivery company", "hermes", "evri"}},
	{"impersonation:paypal", 0.25, []string{"paypal", "pay pal"}},
	// A social platform's "safety team", and its pretexts: a page reported, a copyright strike.
	{"impersonation:social", 0.25, append(cross([]string{"facebook", "instagram", "meta", "whatsapp", "tiktok"},
		[]string{"safety", "security", "support", "team", "help", "help centre", "help center", "verification", "integrity"}),
		"copyright violation", "copyright infringement", "copyright strike", "reported your page", "reported your account",
		"page has been reported", "account has been reported", "page was reported", "account was reported")},
	{"impersonation:telecom", 0.25, []string{"british telecom", "bt", "at and t", "verizon", "comcast", "xfinity", "internet provider", "internet service provider", "broadband", "internet line"}},
	{"impersonation:utility", 0.25, []string{"electric company", "power company", "utility company", "gas and electric", "electricity will", "power will be"}},
	// A seller or landlord who cannot meet, and a deposit sent ahead: the
	// advance-fee rental and sale scam ("I'm posted in Germany so I can't
	// show it", "I post you the keys", "before the viewing", "or I give it
	// to the next one").
	{"cannot_meet", 0.3, []string{"cannot show it", "can not show it", "cannot show you", "can not show you",
		"cannot show the", "can not show the", "am abroad", "am overseas", "am out of the country",
		"am posted in", "posted overseas", "posted abroad", "deployed overseas", "post you the keys",
		"send you the keys", "mail you the keys", "post the keys", "before you see it", "before you have seen it",
		"before the viewing", "before the viewings", "whoever secures it first", "give it to the next",
		"go to the next person", "first come first served",
		"goes to the next", "go to the next family", "going to the next", "can not do viewings", "can not do a viewing",
		"no viewings"}},
	// Other buyers or renters said to be waiting: the scarcity that hurries
	// a deposit or a ticket payment off to a stranger by a payment app
	// ("I've got three other people wanting to see it", "someone else
	// messaged too … or I'll go with the other guy"). Pressure like urgency,
	// so a weak payment ("send the deposit on Zelle today") counts with it.
	{"other_buyers", 0.2, cross([]string{"other people", "other buyers", "other renters", "other tenants", "other bidders",
		"someone else", "somebody else", "a lot of people", "lots of people", "many people", "other families", "another family",
		"another buyer", "another person", "several people", "a few people", "a few other people"},
		[]string{"waiting", "wanting", "want it", "want them", "interested", "are waiting", "are interested", "are asking", "asking",
			"wants", "want the", "after it", "after them",
			"asking about it", "messaged", "messaged too", "is interested", "wants it", "wants them", "lined up", "lined up for it",
			"coming to look", "coming to see it", "coming to view", "coming to view it", "viewing it", "looking at it", "want to see it"})},
	{"other_buyers", 0.2, []string{"go with the other guy", "go with the other buyer", "go with someone else", "go with the next",
		"sell it to someone else", "sell them to someone else", "give it to someone else", "rent it to someone else",
		"let it go to someone else", "sell to the other", "lot of interest", "lots of interest", "other offers",
		"give her to the next", "give him to the next", "give them to the next"}},
	// A payment that must go as "friends and family" (no buyer protection,
	// no way to claim it back): what a fake seller or landlord insists on
	// ("we take a deposit of four hundred dollars on PayPal, it has to be
	// friends and family because of the fees"). Demanded, not named: "your
	// PayPal friends and family payment to your sister" is no signal.
	{"unprotected_payment", 0.3, append(cross([]string{"has to be", "have to be", "must be", "needs to be", "need to be", "should be",
		"send it as", "send it", "send as", "sent as", "send them as", "pay as", "pay it as", "paid as", "do it as", "it as", "mark it as",
		"select", "choose", "pick", "tick", "use"}, []string{"friends and family", "friends and family only"}),
		"friends and family only", "not goods and services", "not as goods and services", "not use goods and services",
		"not through goods and services", "not under goods and services", "no goods and services")},
	{"urgency", 0.2, append([]string{"right now", "right away", "immediately", "urgent", "urgently", "as soon as possible", "within # hours", "within the next", "today only", "last chance", "final notice", "final warning", "limited time", "act now", "act fast", "expire today", "expires today", "do not hang up", "stay on the line", "hurry", "urgently", "quickly", "before it is too late", "time sensitive", "emergency", "past due", "overdue", "immediate payment", "window closes", "by tomorrow or",
		// Done during the call, before the listener can check: "can you send it while we're on the phone".
		"while we are on the phone", "while we are still on the phone", "while we are on the line", "while we are still on the line",
		"while i am on the line", "while i am still on the line", "while i stay on the line", "while you are on the phone with me",
		"while you are on the line with me",
		// An ultimatum on the spot: "zelle it back now or I will get fired", "pay it today or I'm out",
		// "by bank transfer now, otherwise she goes to the next family". Not "now or later", "today or tomorrow".
		"in arrears", "get fired", "lose my job", "be fired"},
		cross([]string{"now", "today", "tonight"}, []string{"or i", "or we", "or you", "or the", "or it", "or he", "or she", "or they",
			"or else", "otherwise"})...)},
	{"threat", 0.4, []string{"arrest", "arrested", "warrant", "lawsuit", "legal action", "legal actions", "sue you", "police will", "jail", "prison", "deport", "deported", "deportation", "immigration enforcement", "leave the country", "leave the uk", "required to leave", "court", "penalty", "penalties", "disconnect", "disconnected", "disconnection", "cut off", "terminated", "termination", "shut off", "suspend your social", "frozen", "freeze your", "blocked", "seized", "seize", "criminal charges", "charges against you", "bail", "in trouble", "lose your", "out of compliance", "non compliance",
		"remove your meter", "remove the meter", "come remove", "crew will come",
		"cut your power", "cut off your power", "cut the power", "shut off your power", "cut your electricity", "cut off your electricity",
		"cut your gas", "power cut off", "power shut off", "crew is scheduled",
		// The cut-off said to the listener: "or the engineer will cut you off today".
		"cut you off", "cut your supply", "cut off your supply", "cut your service", "cut off your service",
		// A debt handed on: "it's going to collections", "without affecting your credit".
		"going to collections", "sent to collections", "go to collections", "goes to collections", "collection agency",
		"affecting your credit", "affect your credit", "damage your credit", "hurt your credit"}},
	{"press_1_menu", 0.3, []string{"press #", "press one", "press two", "press nine", "press zero", "dial #", "press the # key"}},
	// The fake-check setup: money "sent" by check before the listener is told to pass some on.
	// Money "sent by mistake" is the overpayment refund: the listener is to send it back.
	{"fake_check", 0.3, append([]string{"mailed you a check", "mailed you a cheque", "sent you a check", "sent you a cheque",
		"sent to you by mistake", "sent you by mistake", "sent to your account by mistake", "paid to you by mistake",
		"paid you by mistake", "deposited by mistake", "sent by mistake", "overpaid you", "we overpaid", "overpaid your",
		"check we mailed", "cheque we mailed", "check we sent", "cheque we sent", "check for the equipment", "check to buy",
		// An overpayment by the caller's own account: "I sent $1,250 instead of $250", "I paid you too much".
		// The amounts may be spoken ("a thousand dollars instead of a hundred"): see overpaidAmounts.
		"sent you too much", "paid you too much", "sent too much",
		"paid too much", "sent you the wrong amount", "sent the wrong amount", "sent you money by accident", "sent you money by mistake",
		// A cheque made out for more than the price: "it was for two thousand not four hundred, my assistant wrote the wrong amount".
		"was for # not", "is for # not", "was for # instead of", "is for # instead of", "wrote the wrong amount", "wrote it for the wrong",
		"wrote the check for too much", "wrote the cheque for too much", "made out for the wrong", "made it out for the wrong"}, overpaidAmounts()...)},
	{"fake_order", 0.25, []string{"order placed", "order has been placed", "placed an order", "placed on your", "purchase of", "charged", "charge of", "pre authorized", "preauthorized", "pre authorised", "auto renew", "auto renewal", "automatically renew", "renewal", "subscription", "iphone", "macbook", "playstation", "laptop you ordered", "did you authorize", "authorize this", "billed"}},
	{"refund", 0.25, []string{"refund", "refunded", "reverse", "reversal", "reimburse", "reimbursement", "compensation", "overpaid", "overpayment", "too much money", "extra money", "cash back"}},
	{"account_problem", 0.3, []string{"the fraudster", "fraudster has", "still has access", "has access to your", "suspended", "suspend", "suspension", "locked", "unlock", "lock your", "compromised", "hacked", "hacker", "hackers", "suspicious activity", "unusual activity", "suspicious transaction", "suspicious charge", "suspicious charges", "suspicious sign in", "suspicious login", "suspicious log in", "hold on your account", "unauthorized", "unauthorised", "fraudulent", "breach", "virus", "viruses", "malware", "infected", "identity theft", "identity has been", "misused", "illegal activity", "illegal activities", "security alert", "been compromised", "ip address",
		// An account about to be shut: "your account is going to be banned tomorrow", "will be disabled at 5 p.m.".
		"be banned", "be permanently banned", "be disabled", "been disabled", "get disabled", "be deactivated", "been deactivated", "be deleted", "account will be closed", "account is going to be closed",
		"account will be permanently closed", "account will be terminated"}},
	{"parcel_problem", 0.3, []string{"parcel on hold", "package on hold", "parcel is on hold", "package is on hold", "unable to deliver", "could not be delivered", "could not deliver", "failed delivery", "delivery attempt", "redelivery", "re delivery", "held at customs", "customs fee", "shipping fee", "delivery fee", "illegal items", "drugs", "suspicious package"}},
	// A payee's bank details changed just before a payment: the business-email-compromise and conveyancing fraud.
	{"account_change", 0.3, []string{"details have changed", "account details have changed", "bank details have changed",
		"changed banks", "moving banks", "changed our bank", "switched banks", "new bank details", "our new bank details",
		"do not use the details", "do not use the old details", "do not use the old account"}},
	{"secrecy", 0.4, []string{"it is confidential", "confidential until", "do not tell anyone", "do not mention this", "do not mention it", "not mention this to", "do not discuss this with", "do not discuss it with", "do not tell anybody", "not tell anyone", "keep this confidential", "keep it confidential", "keep this between us", "between us", "keep it secret", "keep this secret", "do not tell the bank", "do not tell your", "do not tell the cashier", "tell the cashier", "do not tell the teller", "tell the teller",
		"do not talk to the teller", "do not talk to the bank", "do not talk to your bank", "do not tell mum", "do not tell dad", "if the bank asks", "if they ask you why", "tell them it is for", "say it is for", "do not talk to anyone", "gag order", "do not discuss"}},
	{"prize", 0.2, []string{"you have won", "you won", "congratulations", "you have been selected", "winner", "lottery", "sweepstakes", "free gift", "prize", "grant", "you qualify", "you are eligible", "pre approved", "preapproved", "forgiveness", "loan forgiveness"}},
	{"investment", 0.25, []string{"investment", "investing", "trading platform", "your profits", "profits", "withdrawal fee", "crypto wallet"}},
	{"computer_access", 0.25, []string{"in front of your computer", "turn on your computer", "turn on the computer", "front of the computer", "on your computer", "your computer"}},
	{"family_emergency", 0.3, []string{"grandma", "grandpa", "granny", "grandson", "granddaughter", "car accident", "in an accident", "lawyer", "attorney", "public defender", "do not tell mom", "do not tell dad", "my new number", "lost my wallet", "stuck at the", "stranded", "lost my phone", "broke my phone", "new phone number", "a new number", "got a new phone", "phone got smashed", "phone is broken", "phone broke", "friend phone", "friends phone", "nan it is me", "gran it is me",
		"nana it is me", "nan its me", "it is me nan", "it is me gran", "it is me grandma", "hi nan", "hello nan", "hi gran"}},
	// The caller watching the listener's screen: "press share screen and I'll be able to see".
	{"caller_watching", 0.3, []string{"i will be able to see", "so i can see", "i can see your screen", "while i am watching",
		"while i watch", "so i can watch", "i will watch", "i can watch", "let me see your screen", "i will see everything",
		"i can see everything", "now i can see", "i can see your desktop", "i can see the transactions", "so i can see the"}},
	{"romance", 0.3, []string{"i love you so much", "my love", "my darling", "plane ticket", "flight ticket", "ticket to come", "to come see you", "to come to you", "oil rig", "ticket home", "flight home", "stuck overseas", "stuck abroad"}},
}

// Signal names raised by the call's own course rather than by phrases.
const (
	sigDisclosed      = "callee_disclosed"
	sigPossible       = "possible_request:"
	sigAsksDOB        = "asks_date_of_birth"
	sigAsksPartial    = "asks_partial_number"
	sigFoundOnline    = "number_found_online"
	weightDisclosed   = 0.3
	weightFoundOnline = 0.25
	weightPossible    = 0.2
	weightAsks        = 0.15
)

// softAsks are objects that are signals, not flags: date of birth and
// the last digits of a number are routinely asked by real banks and
// doctors' offices to identify a customer, so they only add risk.
var softAsks = []struct {
	signal  string
	phrases []string
}{
	{sigAsksDOB, []string{"date of birth", "birth date", "birthday", "d o b", "dob"}},
	{sigAsksPartial, []string{"last # digits", "last four", "last 4", "last # of your"}},
}

// contractions the apostrophe rules cannot infer, including the forms
// recognisers write without an apostrophe.
var contractions = map[string]string{
	"what's": "what is", "whats": "what is", "that's": "that is", "thats": "that is",
	"it's": "it is", "its": "it is", "there's": "there is", "here's": "here is", "heres": "here is",
	"where's": "where is", "who's": "who is", "how's": "how is", "let's": "let us", "lets": "let us",
	"don't": "do not", "dont": "do not", "doesn't": "does not", "doesnt": "does not",
	"didn't": "did not", "didnt": "did not", "won't": "will not", "wont": "will not",
	"can't": "can not", "cant": "can not", "cannot": "can not", "shouldn't": "should not",
	"wouldn't": "would not", "couldn't": "could not", "isn't": "is not", "isnt": "is not",
	"aren't": "are not", "arent": "are not", "i'm": "i am", "im": "i am",
	"i'll": "i will", "ill": "i will", "we'll": "we will", "you'll": "you will", "youll": "you will",
	"i've": "i have", "ive": "i have", "we've": "we have", "weve": "we have", "you've": "you have",
	"i'd": "i would", "we'd": "we would", "you're": "you are", "youre": "you are", "ur": "your",
	"we're": "we are", "they're": "they are", "gimme": "give me", "lemme": "let me",
	"gonna": "going to", "wanna": "want to", "gotta": "got to", "hafta": "have to", "ya": "you",
	"u": "you", "pls": "please", "plz": "please", "thx": "thanks", "ok": "okay", "wifi": "wifi",
	"wi-fi": "wifi", "e-mail": "email", "mum's": "mum", "mom's": "mom", "mother's": "mothers",
	"mothers": "mothers", "driver's": "drivers", "drivers": "drivers", "o'clock": "oclock",
	"y'all": "you", "tell'em": "tell them", "ain't": "is not",
	// Recognisers print contractions without the apostrophe. Those that
	// are no other word are listed here; "well", "ill", "its", "were",
	// "wed", "hell", "shell" and "id" are ordinary words too ("ill" and
	// "its" above are read as the contraction, as they are far more often).
	"couldnt": "could not", "wouldnt": "would not", "shouldnt": "should not", "wasnt": "was not",
	"werent": "were not", "hasnt": "has not", "havent": "have not", "hadnt": "had not", "mustnt": "must not",
	"neednt": "need not", "youd": "you would", "itd": "it would", "theyd": "they would", "thatd": "that would",
	"theyre": "they are", "theyll": "they will", "theyve": "they have", "itll": "it will", "thatll": "that will",
	"shouldve": "should have", "couldve": "could have", "wouldve": "would have", "mustve": "must have",
	"whos": "who is", "wheres": "where is", "hows": "how is", "theres": "there is", "whatll": "what will",
	"whatre": "what are", "youve": "you have",
}

// knownWords are ordinary words a few letters from a rule noun
// ("correction" from "connection"): listed so they are looked up as
// themselves and never taken for the noun by the misrecognition match.
var knownWords = []string{
	"correction", "corrections", "collection", "collections", "correct", "protection", "direction", "directions",
	"selection", "reflection", "infection", "injection", "inspection", "detection", "connected", "collector",
	"connecting", "conversation", "contraption", "prescription", "subscription", "description", "confection",
	"verifying", "notifications", "application", "applications", "publication", "medication", "medications",
	"transport", "passenger", "password's", "passport's", "software's", "accountant", "accounting",
}

// overpaidAmounts are an overpayment by the caller's own account named by
// its amounts: "I sent $1,250 instead of $250", "i accidentally sent you a
// thousand dollars instead of a hundred", "paid you fifteen hundred rather
// than one fifty". The amount is a numeral or a spoken number of up to
// four words ("two thousand five hundred"), with "a" before a short one
// and a currency word after it.
func overpaidAmounts() []string {
	amounts := []string{"#", "# #", "# # #", "# # # #", "a #", "a # #", "a # # #"}
	return cross([]string{"sent", "sent you", "paid", "paid you", "transferred", "transferred you", "gave you", "deposited"},
		amounts, []string{"", "dollars", "pounds", "euros", "bucks"}, []string{"instead of", "rather than"})
}

// numberWords are the spoken digits and the digits each stands for.
var numberWords = map[string]int32{
	"zero": 1, "oh": 1, "o": 1, "nought": 1, "nil": 1, "one": 1, "two": 1, "three": 1, "four": 1,
	"five": 1, "six": 1, "seven": 1, "eight": 1, "nine": 1, "niner": 1, "ten": 2, "eleven": 2,
	"twelve": 2, "thirteen": 2, "fourteen": 2, "fifteen": 2, "sixteen": 2, "seventeen": 2,
	"eighteen": 2, "nineteen": 2, "twenty": 2, "thirty": 2, "forty": 2, "fourty": 2, "fifty": 2,
	"sixty": 2, "seventy": 2, "eighty": 2, "ninety": 2, "hundred": 2, "thousand": 3,
}

// partialAsks are "the last four digits of your card" and the like: real
// banks ask them to identify a customer, so they cancel the card, account
// or Social Security object they contain and only add a signal.
func partialAsks() []string {
	var out []string
	for _, head := range []string{"last # digits", "last #", "last # numbers"} {
		for _, of := range []string{"of your", "on your", "of the", "on the"} {
			for _, what := range []string{"card", "card number", "credit card", "debit card", "account",
				"account number", "social", "social security number", "social security", "ssn"} {
				out = append(out, head+" "+of+" "+what)
			}
		}
	}
	return out
}

// serviceLogins are "the PayPal login", "your Amazon password": a named
// account's credentials, not a payment app or a shop (streaming services,
// shared in families, are left out on purpose).
func serviceLogins() []string {
	var out []string
	for _, svc := range []string{"paypal", "pay pal", "amazon", "apple", "google", "microsoft", "facebook",
		"instagram", "bank", "email", "gmail", "outlook", "icloud", "coinbase", "venmo", "zelle", "cash app",
		"workday", "office", "vpn", "payroll"} {
		for _, what := range []string{"login", "log in", "login details", "account password", "log in details"} {
			out = append(out, svc+" "+what)
		}
	}
	return out
}

// serviceCodes are a named service's sign-in codes: "the instagram login
// code", "your whatsapp verification code".
func serviceCodes() []string {
	var out []string
	for _, svc := range []string{"paypal", "amazon", "apple", "google", "microsoft", "facebook", "instagram", "whatsapp",
		"email", "gmail", "outlook", "icloud", "coinbase", "venmo", "zelle", "cash app", "snapchat", "tiktok", "twitter"} {
		for _, what := range []string{"login code", "log in code", "sign in code", "security code", "verification code"} {
			out = append(out, svc+" "+what)
		}
	}
	return out
}

// accountEmails are the email an account signs in with: "the email
// address for your Apple ID", "the email on the account".
func accountEmails() []string {
	return cross([]string{"email", "email address", "e mail", "e mail address"},
		[]string{"for your", "on your", "of your", "on the", "for the", "linked to your", "tied to your", "you use for your"},
		[]string{"apple id", "icloud", "icloud account", "amazon account", "paypal account", "microsoft account",
			"google account", "facebook account", "instagram account", "account", "bank account", "online banking"})
}

// householdCodes are the PINs and passwords of shared household things
// ("the PIN for the garage door", "the password for the laptop"), which
// family members ask each other for; they cancel "pin", "password", "code".
func accountPasswords() []string {
	return cross([]string{"password", "passcode", "pin", "login", "email"}, []string{"for the", "to the", "on the", "of the"},
		[]string{"xbox", "xbox live", "playstation", "nintendo", "switch", "netflix", "disney", "disney plus", "hulu", "spotify",
			"roku", "steam", "fortnite", "roblox", "minecraft", "epic games", "epic"}, []string{"account"})
}

func householdCodes() []string {
	var out []string
	things := []string{"garage", "garage door", "door", "front door", "back door", "gate", "front gate", "alarm",
		"alarm system", "lockbox", "lock box", "key safe", "keysafe", "laptop", "ipad", "tablet", "tv", "television",
		"printer", "router", "shed", "bike lock", "safe", "xbox", "playstation", "nintendo", "switch", "disney plus",
		"disney", "netflix", "hulu", "spotify", "roku", "fire stick", "firestick", "apple tv", "house", "building",
		"cabin", "apartment", "padlock", "locker"}
	for _, code := range []string{"password", "passcode", "pass code", "pin", "pin number", "code"} {
		for _, of := range []string{"for the", "to the", "on the", "of the"} {
			for _, t := range things {
				out = append(out, code+" "+of+" "+t)
			}
		}
		for _, t := range things {
			out = append(out, t+" "+code)
		}
	}
	return out
}

// oneRefs are requests for a thing named earlier by a pronoun:
// "I see your password expired. Tell me the old one."
func oneRefs() []string {
	return cross([]string{"tell me", "give me", "read me", "what is", "what was", "i need", "send me"},
		[]string{"the old one", "the current one", "the new one", "that one", "the one", "your old one", "your current one"})
}

// loginShapes are a login described by what the listener does with it:
// "what you type in when you log on", "what do you use to get in".
func loginShapes() []string {
	out := []string{"what you would type", "what you type", "what you enter", "what you would enter", "both boxes",
		"what do you type in there", "what do you type", "what do you put in there", "what do you enter there"}
	for _, what := range []string{"what you", "what do you", "what you normally", "what do you normally", "what you usually", "what do you usually",
		"thing you", "word you"} {
		for _, v := range []string{"type", "use", "enter", "put in", "type in"} {
			for _, when := range []string{"to log in", "to log on", "to sign in", "to get in", "to get into", "when you log", "when you sign", "in when you log"} {
				if p := what + " " + v + " " + when; len(strings.Fields(p)) <= maxPhrase {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// passiveMoves are obligations in the passive: "your funds must be moved".
func passiveMoves() []string {
	return append(cross([]string{"must be", "need to be", "needs to be", "has to be", "have to be", "will have to be", "should be"},
		[]string{"moved", "transferred", "wired", "sent", "withdrawn", "deposited", "taken out"}),
		// "the money needs to leave your account today".
		cross([]string{"needs to", "need to", "has to", "have to", "must"},
			[]string{"leave your account", "leave the account", "come out of your account", "come out today", "leave today"})...)
}

// newAccounts are a payee's account that has just changed, by whoever
// owns it: "to my new account", "into his new bank account", "my new
// account details", "pay into a different account". A supplier's changed
// details are invoice redirection; a relative's, the "new number" scam.
func newAccounts() []string {
	return cross([]string{"my", "our", "his", "her", "their", "a"}, []string{"new", "updated", "different", "changed"},
		[]string{"account", "bank account", "bank", "account number", "savings account", "checking account", "wallet",
			"account details", "bank details", "banking details", "sort code", "routing number", "payment details",
			"bank account details"})
}

// deviceAccess are a caller's way into the listener's machine, crossed
// from the verbs ("access", "view", "take over", "log in to", "get on")
// and the machine or its screen by its parts ("your computer", "your
// screen", "your mouse"), with "remotely" before the verb: "access your
// screen", "remotely take over your desktop", "view your laptop". Seeing
// needs a screen ("see your screen"; "see your computer" is no access),
// and a phone is reached only by verbs whose subject is the caller ("get
// on your phone and open the app" is said to the listener).
func deviceAccess() []string {
	machines := []string{"your computer", "your pc", "your laptop", "your device", "your machine", "your mac",
		"your system", "your tablet", "your ipad", "your desktop", "your mouse", "the mouse", "your keyboard",
		"your computer screen", "your screen", "your laptop screen", "your pc screen"}
	screens := []string{"your screen", "your desktop", "your computer screen", "your laptop screen", "your pc screen",
		"your monitor", "your display"}
	verbs := []string{"log in to", "log into", "log on to", "log onto", "sign in to", "sign into", "get into", "get in to",
		"remote into", "remote in to", "take control of", "take over", "control", "control of", "access", "access to",
		"connect to", "connect into", "go into", "come into", "get on", "get onto", "get on to",
		"let me into", "let me in to", "let me onto", "let me on", "let us into", "let us onto", "get me into"}
	out := cross([]string{"", "remotely"}, verbs, machines)
	out = append(out, cross([]string{"", "remotely"}, []string{"see", "view", "watch", "look at", "mirror"}, screens)...)
	return append(out, cross([]string{"", "remotely"}, []string{"access", "control", "take control of", "take over",
		"view", "remote into", "connect to"}, []string{"your phone", "your mobile", "your cell", "your cellphone"})...)
}

// remoteLogins are a log-in to the machine with no machine named, marked
// by "remotely": "let me log in remotely to process the refund", "so I
// can get in remotely". They ask when the caller is the one who logs in
// (objByCaller); "you can log in remotely from home" is what a help desk
// tells staff.
func remoteLogins() []string {
	acts := []string{"log in", "log on", "sign in", "get in", "connect", "dial in", "access it", "access", "get on",
		"jump on", "hop on", "take over", "control it", "go in", "come in", "fix it", "do it", "sort it", "check it",
		"look at it", "connect in"}
	return append(cross(acts, []string{"remotely"}), cross([]string{"remotely"}, acts)...)
}

// accessPurposes open a purpose clause with the caller as its subject:
// "so I can", "so that we could". They ask for remote access only when an
// access act follows (accessActs: "so I can log in", "so we can see your
// computer") and software, a download or a screen share comes before it
// in their sentence (objAccessFor): "so I can log in" alone is anyone's
// errand, and "so you can log in yourself" leaves the listener at the
// keys. Only the opening is a phrase, so a standalone request starting
// inside the clause ("take control of your computer") still matches.
func accessPurposes() []string {
	return cross([]string{"so", "so that"}, []string{"i", "we", "he", "she", "they", "a technician", "an engineer"}, []string{"can", "could"})
}

// accessActs are what the caller does in the machine after an access
// purpose (accessPurposes): "log in", "see your computer", "take over".
func accessActs() []string {
	out := []string{"log in", "log on", "log into", "get in", "get into", "get on", "sign in", "remote in", "dial in",
		"access", "take control", "take over", "control", "see everything", "see what you see", "fix it remotely",
		"jump on", "hop on", "get on remotely", "connect"}
	return append(out, cross([]string{"see", "look at", "work on", "go into", "get on"},
		[]string{"your computer", "your screen", "your desktop", "your laptop", "your pc", "your machine", "your device"})...)
}

// suppliedSoftware is software the caller supplies to be installed: "the
// program I give you", "the file we're sending you", "the app that I
// sent you". Whatever it is called, a program from the caller is the
// way into the machine.
func suppliedSoftware() []string {
	return cross([]string{"program", "software", "tool", "file", "app", "application", "installer", "setup file",
		"exe", "apk", "link"}, []string{"", "that"}, []string{"i", "we"},
		[]string{"give you", "gave you", "will give you", "am giving you", "are giving you", "am going to give you",
			"send you", "sent you", "will send you", "am sending you", "are sending you", "just sent you",
			"have sent you", "have just sent you", "am going to send you", "are going to send you", "email you",
			"emailed you", "text you", "texted you", "share with you", "shared with you"})
}

// handOvers are a thing named before passed on by pronoun, to whoever
// the caller names ("tell it to the agent", "read them out to my
// colleague"; "give it to your new provider" stays the listener's own,
// see toYours), or brought to a call-back ("call us back with it").
// "Tell them to …" is an instruction about people and is left out.
func handOvers() []string {
	out := cross([]string{"tell", "read", "read out", "say", "pass", "pass on", "hand", "hand over", "give", "repeat",
		"send", "text", "forward"}, []string{"it", "that", "those", "them"}, []string{"to", "out to", "over to", "on to"})
	kept := out[:0]
	for _, p := range out {
		if !strings.HasPrefix(p, "tell them") && !strings.HasPrefix(p, "tell those") && !strings.HasPrefix(p, "say them") {
			kept = append(kept, p)
		}
	}
	for _, v := range []string{"call", "ring", "phone", "get", "come"} {
		for _, who := range []string{"", " me", " us"} {
			for _, it := range []string{"it", "them", "that", "those", "the code", "the number", "the numbers"} {
				kept = append(kept, v+who+" back with "+it, "please "+v+who+" back with "+it) // "please call" alone is no ask
			}
		}
	}
	return kept
}

// askYou are "can you tell me", "could you give me" and the like.
func askYou() []string {
	var out []string
	for _, aux := range []string{"can", "could", "would", "will", "please", "just", "so", "if"} {
		for _, v := range []string{"tell me", "give me", "read me", "send me", "tell us", "give us", "read us", "send us"} {
			out = append(out, aux+" you "+v)
		}
	}
	return out
}

// inPersons are a document or card shown where the listener goes, not
// read out on the phone: "please bring your passport in person", "bring
// your driving licence to the branch", "have your photo ID with you on
// your first day".
func inPersons() []string {
	out := cross([]string{"to", "at", "into"}, []string{"reception", "the reception", "the front desk", "the desk",
		"the branch", "your branch", "your local branch", "the office", "our office", "the counter", "the clinic",
		"the surgery", "the practice", "the appointment", "your appointment", "the interview", "your interview",
		"the post office", "the station", "the hospital", "the pharmacy"})
	return append(out, "in person", "on your first day", "on the first day", "on your first morning", "on the day",
		"when you come in", "when you come into", "when you arrive", "when you get here", "when you visit",
		"when you pop in", "when you check in", "bring it with you", "bring them with you", "bring it along",
		"bring them along", "with you on the day", "with you when you come", "in paper", "the original", "originals",
		"take a photocopy", "take a copy", "make a copy", "photocopy")
}

// Call-level references. A delivery ("I'm sending you a text") or a named
// object ("your debit card", "a link") is remembered for the rest of the
// call; a later reference to "it" ("what does it say", "what came
// through", "the little number", "accept the prompt") asks for the most
// recent one, however many lines back, within refReach tokens.
const (
	refDeliver     = iota // something is being delivered to the listener: a code
	refCard               // a bank card named plainly: "the card", "your card"
	refLink               // a link or app the caller sends: remote access
	refBack               // a reference that asks for the referent by itself
	refNoun               // "the little number", "those digits": asks only after an info cue
	refAct                // "accept the prompt": asks only for a remote-access referent
	refType               // "what you type when you log on": a login by its shape, or the referent
	refNone               // "it came with the computer": looks like a delivery, is not one
	refInbound            // "thank you for calling": the callee dialled, so a company's name is no pressure
	refFamily             // "hi mom", "aunt sue": the caller addresses a relative
	refDialled            // said by the callee: "I'm calling to book a flight": the callee rang a business
	refGot                // "what did you get": asks for a delivery only; of a named object it asks about the past
	refYourNum            // "confirm your number" just after an ID was named, under pressure: the ID, not a phone number
	refPayBack            // "return it", "pay it back": asks only for money the caller claims to have sent
	refNeedQ              // said by the callee: "what do you need?": the caller's answer, a list of things, asks for them
	refAnswer             // "what answer did you set": asks for the security question just named, and only for that
	refBanking            // "online banking": a login asked later in the call is the bank's too
	refInPerson           // "in person", "to reception": a document shown at a desk, not read out on the phone
	refSurvey             // "the survey", "a short poll": a caller with no records of the listener to match an identity number against
	refVideo              // "a whatsapp video call", "facetime": a call the listener's screen is shared into (Call.sharedIntoCall)
	refCalledMe           // the listener's "you called me": not a call the listener placed
	refGreet              // "how can I help", "you're through to": an organisation answering, at the start of the call only (greetReach)
	refWords              // "the words", "each word": after an info cue, a wallet's recovery words or a login just named, and only that
	refFoundOnline        // said by the callee: "I found this number online": a support line from a search, the fake helpline's way in
)

// greetReach is how far into the call, in tokens, an answering greeting
// ("Harbour View Hotel, how can I help?") shows that the listener placed
// the call: later, "how can I help" is said in any call.
const greetReach = 24

// inboundPressure are the signals that still count as pressure in a call
// the listener placed (Call.inbound). A helpline the listener rang names
// itself, mentions charges, refunds and renewals, offers to do things right
// away and watches a shared screen; a threat, a locked or hacked account, a
// virus, secrecy or a relative in trouble are no part of its ordinary work.
var inboundPressure = map[string]bool{
	"threat": true, "account_problem": true, "secrecy": true, "family_emergency": true, "romance": true,
	"unprotected_payment": true, "fake_check": true, "investment": true, "cannot_meet": true,
}

const yourNumReach = 40 // tokens after a named ID within which "your number" means it

const refReach = 90 // tokens (both sides) a referent stays current

type refRule struct {
	kind    int
	phrases []string
}

var refRules = []refRule{
	{refDeliver, []string{
		"sending you", "send you a", "send you one", "sent you", "sent a", "sent one", "sent it", "sent to your",
		"you will get", "you will receive", "you should have", "you should get", "you are going to get",
		"you are going to receive", "you will see", "going to buzz", "is coming", "on its way", "trigger a",
		"will arrive", "going to pop up", "popped up", "came through", "when it comes", "when it arrives",
	}},
	// A delivery to the contact the sender keeps for the listener: "a security code has been sent to the
	// mobile number on file", "sent to the email address we hold" (as "sent to your mobile").
	{refDeliver, cross([]string{"sent to the", "texted to the"}, []string{"mobile", "phone", "number", "email", "device", "registered"})},
	// A delivery expected by now: "it's a six-digit one, should've come through a minute ago".
	// Only of "it" / "one": "the letter should have come through your door" is post.
	{refDeliver, cross([]string{"it", "one", "it just"}, []string{"should have come through", "should have come", "should have arrived",
		"should have popped up", "should have just come", "should have just come through"})},
	{refDeliver, []string{
		"when it lands", "a text from", "an email from", "a message from", "there is a message",
		"there is a text", "there is an email", "i got a text", "i got a message", "i got an email",
		"i got something", "i got one", "it came", "i see one", "a one from", "email you", "text you",
		"message you", "generated a", "will email you", "will text you", "has just sent",
		"have just sent", "just sent", "by sms", "by text", "an sms", "got something", "buzzed", "sms to",
		"text to your", "message to your", "email to your", "notification", "a prompt", "a push",
		"you should of", "should of got", "should of gotten", "should of received", "triggering", "trigger it",
		"triggered", "trigger the", "triggering it", "got sent to you", "got sent to your", "was sent to you",
		"went to your phone", "gone to your phone", "sent to you", "send a code", "send a text", "send a message",
		"send a pin", "send a one time", "send a verification", "send a security", "send an sms", "send a notification",
		// A text by its arrival: "if a text lands in the next minute", "the number that comes up".
		"text lands", "message lands", "lands on your phone", "a text comes", "text comes through", "text arrives",
		"message comes through", "message arrives", "verification to your", "that comes up", "that pops up", "coming through",
	}},
	{refCard, []string{"the card", "your card", "your bank card", "the replacement card", "your checks", "your cheques",
		// A card by its look or use: "have you got your plastic handy? The one you use in the shops."
		"your plastic", "the plastic", "the one you use in the shops", "the card you use in the shops", "the one you pay with",
		"the card you pay with", "the card in front of you", "your visa", "your mastercard", "your debit", "your amex"}},
	{refLink, []string{"a link", "the link", "link by text", "screen share link", "the app", "the program"}},
	{refBack, []string{
		"what it says", "what does it say", "what did it say", "what is written", "what is it saying",
		"what came through", "whatever came through", "whatever came", "what popped up", "what you see",
		"what do you see", "what is on it", "what is in it",
		"what is printed", "read back whatever", "what is showing", "it is showing", "in the chat",
		"walk me through what", "the security bit", "the part in bold", "what were the numbers",
		"what is it", "what was it", "read that", "read it", "read that to me", "say it", "say it out",
		"send it back", "key it in", "what does that say", "which number", "what number", "what is on the card",
		"what is on your card",
		// Under a scratched strip: "scratch the silver strip gently. Read me what's underneath."
		"what is underneath", "what is underneath it", "what is under it", "what is under there", "what is behind it",
		"what it says underneath", "what is written underneath", "what is under the strip", "what is under the silver",
		"read me that", "read me those", "read me it",
		// A code sent back by text: "I'm sending you a Google Voice code, just text it back to me".
		"text it back", "text it back to me", "text them back", "text them back to me", "text me back with it", "reply with it",
	}},
	// The same, put in a message: "can you pop it into a text back to this number", "stick them in a message to me".
	{refBack, cross([]string{"pop", "put", "stick", "drop"}, []string{"it", "them"}, []string{"in a", "into a", "in an", "into an", "in the", "into the"},
		[]string{"text", "message", "reply", "email", "sms"})},
	{refNoun, []string{
		"the little number", "the number", "the numbers", "those digits", "those numbers", "the digits",
		"that number", "these numbers", "the numbers after that", "the old one", "the one you used", "the one you use",
		"the current one", "the one you set up",
		"what is there", "everything on it", "everything under",
		// With a count, a modifier or as the remainder: "those three numbers", "the current number", "the rest of it".
		"those # numbers", "those # digits", "these # numbers", "these # digits", "the # numbers", "the # digits",
		"the current number", "the full number", "the whole number", "the complete number", "the entire number",
		"your full number", "the rest of it", "the rest of the number", "the rest of the digits", "the remaining digits",
		"the other digits", "the rest of them", "the remaining numbers", "the rest of the numbers",
	}},
	{refGot, []string{"what you got", "what did you get", "what you get"}},
	{refNeedQ, []string{"what do you need", "what do you need from me", "what information do you need", "what else do you need",
		"what details do you need", "what do i need to give", "what do you want from me", "what should i give you",
		"what do you need me to", "what information", "what details"}},
	{refYourNum, []string{"your number", "your full number", "your number again"}},
	{refFoundOnline, cross([]string{"found", "got", "looked up", "googled"}, []string{"this number", "your number", "the number", "you"},
		[]string{"online", "on google", "on the internet", "on facebook", "from google", "on a website", "in a search", "from a search"})},
	{refInPerson, inPersons()},
	{refAnswer, securityAnswerRefs()},
	// The recovery card's words by themselves: "take out the card with the twenty four words … read the words out to me".
	{refWords, []string{"the words", "those words", "these words", "the # words", "all the words", "all # words", "each word",
		"every word", "the word", "word number one", "the first word", "the phrase", "that phrase", "the whole phrase"}},
	{refBanking, []string{"online banking", "internet banking", "mobile banking", "net banking", "netbanking", "ebanking",
		"e banking", "online bank account", "online banking account", "banking app", "bank app", "banking website",
		"netbank", "net bank", "ibanking", "i banking", "mobile bank", "online bank", "internet bank"}},
	{refPayBack, []string{"return it", "return them", "return that", "refund it", "refund that", "pay it back", "pay that back",
		"give it back", "give that back", "transfer it back", "wire it back", "zelle it back", "venmo it back", "return the money",
		"return the payment", "return the funds", "return the extra", "send the extra back", "send back the extra"}},
	{refType, loginShapes()},
	{refType, loginUses()},
	{refNoun, groupRefs()},
	{refInbound, []string{"thank you for calling", "thanks for calling", "thank you for contacting",
		"thanks for contacting", "thank you for holding", "you have reached", "you called about", "you called us"}},
	{refFamily, familyAddress()},
	// An organisation answering the phone: the listener dialled it.
	{refGreet, []string{"how can i help", "how may i help", "how can we help", "how may we help", "how can i assist",
		"how may i assist", "how can i direct your call", "how may i direct your call", "what can i get for you",
		"what can i get you", "what can i do for you", "you are through to", "you are speaking to", "you are speaking with"}},
	// A survey or poll keeps no file on the listener, so the last four of a
	// social it asks for ("so we don't count you twice") identify no record:
	// see Call.survey.
	{refSurvey, []string{"survey", "surveys", "the survey", "a survey", "opinion poll", "our poll", "polling project", "polling company", "questionnaire",
		"market research"}},
	// A video call: a screen shared into it is shown to whoever is on it
	// ("start a whatsapp video call with me and tap share screen").
	{refVideo, []string{"video call", "video chat", "video meeting", "facetime", "face time", "whatsapp call", "whatsapp video",
		"zoom call", "zoom meeting", "teams call", "teams meeting", "skype call", "google meet", "messenger call", "facetime call"}},
	{refDialled, []string{"i am calling to", "i am calling about", "i am calling because", "i am ringing to",
		"i am ringing about", "i would like to book", "i would like to order", "i want to book", "i want to order",
		"i wanted to book", "i wanted to order", "i would like to pay", "i want to pay", "i would like to make a payment",
		"i want to make a payment", "i am calling for"}},
	// A call-back asked for by an earlier call, text or voicemail: the listener dials, the caller began it.
	{refNone, []string{"thank you for calling back", "thanks for calling back", "thank you for calling us back",
		"thanks for calling us back", "thank you for returning our call", "thanks for returning our call",
		"thank you for returning my call", "thanks for returning my call"}},
	// Said by the listener: the caller rang, whatever the greeting.
	{refCalledMe, []string{"you called me", "you rang me", "you phoned me", "you are the one who called", "why are you calling me"}},
	{refNone, []string{"it came with", "came with the", "comes with", "came with your", "came with it",
		// "sign in to your email you know the secret word": the listener's email, no delivery.
		"your email you", "the email you", "my email you"}},
	{refAct, []string{
		"accept the prompt", "accept the request", "press accept", "click allow", "tap allow", "accept it",
		"start broadcast", "let it record", "record your screen",
	}},
}

// callerAgents are the caller's own staff who would work on the
// listener's machine: "our agent", "our specialist".
func callerAgents() []string {
	return cross([]string{"our", "my"}, []string{"agent", "technician", "tech", "specialist", "engineer", "expert", "support agent", "team", "support team"})
}

// thirdPayees are a third party on the caller's side named as the one to
// pay: "to our equipment vendor", "to my lawyer", "to the court clerk".
// Relatives, landlords and teachers are left out: families and schools
// ask for money to be sent to them.
func thirdPayees() []string {
	return cross([]string{"to our", "to my", "to the", "to their", "to his", "to her"},
		[]string{"vendor", "supplier", "equipment vendor", "equipment supplier", "attorney", "lawyer",
			"solicitor", "processing agent", "shipping agent", "courier", "court clerk", "bail bondsman",
			"bondsman", "escrow agent", "release agent", "customs agent", "broker", "account manager",
			"debt collector", "investigator"})
}

// familyAddress is a caller greeting a relative by what they call them.
// Households share logins and card PINs; asked of a relative, those are
// weak requests that need pressure ("new number", "jail") to flag.
// Not "ma" or "mam": "okay mam" is a call centre's "ma'am".
func familyAddress() []string {
	return cross([]string{"hi", "hey", "hello", "thanks", "thank you", "okay", "morning"},
		[]string{"mom", "mum", "mommy", "dad", "daddy", "aunt", "auntie", "uncle", "sis", "bro",
			"babe", "honey", "sweetheart", "love", "son", "grandma", "grandpa", "nana", "papa", "pa", "gran", "granny"})
}

// politeAsks are indirect requests: "would you mind confirming", "if you
// could pass along", "I'll just need you to read".
func politeAsks() []string {
	out := []string{"pass along", "pass on", "pass me", "pass that along", "pass them along", "pass it along",
		"call me back with", "reading me", "and reading me"}
	for _, v := range []string{"confirming", "reading", "reading me", "giving me", "telling me", "sharing", "providing",
		"sending", "sending me", "sending back", "verifying", "scratching off", "scratching", "texting me", "emailing me",
		"letting me", "downloading", "installing", "passing along"} {
		out = append(out, "mind "+v, "not mind "+v) // "you wouldn't mind giving me"
	}
	return out
}

// payVerbs are payment apps used as verbs: "venmo me", "zelle it",
// "cash app me the money", or put to use: "use Zelle". Weak: families pay each other back this way.
func payVerbs() []string {
	var out []string
	for _, app := range []string{"venmo", "zelle", "zell", "cash app", "cashapp", "paypal", "pay pal", "google pay", "apple pay", "wire"} {
		// "venmo the difference back": the overpayment scam's own object.
		for _, obj := range []string{"me", "us", "it", "them", "the money", "the rest", "that", "the difference", "the extra", "the balance"} {
			if app == "wire" && (obj == "it" || obj == "the money" || obj == "the difference" || obj == "the extra" || obj == "the balance") {
				continue
			}
			out = append(out, app+" "+obj)
		}
		// The app put to use: "just use Zelle to my new number", "please use
		// PayPal friends and family".
		if app != "wire" {
			out = append(out, "use "+app, "using "+app)
		}
	}
	return out
}

// bankLogins are a bank website's or app's login by the names banks use
// around the world: "net banking user ID", "your iBanking PIN".
func bankLogins() []string {
	var out []string
	for _, b := range []string{"online banking", "internet banking", "net banking", "netbanking", "ibanking", "i banking", "netbank", "net bank",
		"mobile banking", "e banking", "ebanking", "phone banking", "telephone banking"} {
		for _, what := range []string{"user id", "userid", "username", "user name", "password", "login", "log in", "pin",
			"login id", "customer id", "customer number", "passcode", "details", "credentials", "id",
			"client number", "client id"} {
			out = append(out, b+" "+what)
		}
		if b != "online banking" && b != "internet banking" && b != "mobile banking" {
			out = append(out, b)
		}
	}
	return out
}

// securityAnswers are security questions named by their content ("what
// street you grew up on", "your favourite teacher") and characters asked
// from a secret ("the 2nd and 5th characters of your memorable word").
func securityAnswers() []string {
	out := []string{"street you grew up on", "street you grew up", "street you lived on as a child",
		"favorite teacher", "favourite teacher", "first school", "first car", "childhood friend", "childhood best friend",
		"childhood nickname", "city you were born in", "town you were born in", "hospital you were born in",
		"city where you were born", "town where you were born", "hospital where you were born",
		"first job", "first employer", "first boss", "favorite food", "favourite food", "favorite movie", "favourite film",
		"name of your first", "make of your first car", "model of your first car", "your favorite teacher", "your favourite teacher"}
	for _, part := range []string{"characters of your", "characters from your", "letters of your", "letters from your",
		"digits of your", "digits from your", "character of your", "letter of your"} {
		for _, secret := range []string{"memorable word", "password", "passcode", "pass code", "security number",
			"memorable information", "secret word", "security code"} {
			out = append(out, part+" "+secret)
		}
	}
	return out
}

// securityAnswerRefs ask for the answer to a security question named
// before by its content: "It asks about the street you grew up on … What
// answer did you set for that?"
func securityAnswerRefs() []string {
	out := cross([]string{"what answer did you", "what answer have you", "what answer you", "the answer you", "the answer that you",
		"which answer did you", "what answers did you"},
		[]string{"set", "put", "give", "gave", "chose", "choose", "picked", "pick", "put down", "use", "used", "entered", "enter",
			"set up", "put in", "type"})
	return append(out, "what did you put as the answer", "what did you set as the answer", "what did you give as the answer",
		"what is the answer", "what is your answer", "your answer to that", "your answer to it",
		"the answer to that", "the answer to it", "the answer to the question", "the answer to your security question",
		"the answer to the security question", "answer to your security question", "what answer is", "what is the answer to that",
		"what is the answer to it")
}

// giftPlurals are the plural forms of the branded gift cards ("amazon
// cards"), which the plural lookup cannot find because "cards" is a
// vocabulary word of its own.
func giftPlurals() []string {
	var out []string
	for _, b := range []string{"amazon", "itunes", "i tunes", "apple", "google play", "play store", "steam", "ebay",
		"target", "walmart", "best buy", "sephora", "vanilla", "xbox", "playstation", "razer gold", "nordstrom",
		"visa gift", "prepaid visa", "amazon gift", "apple gift", "app store", "netflix gift", "spotify gift",
		"roblox", "nintendo", "fortnite", "v bucks"} {
		out = append(out, b+" cards")
	}
	return out
}

// shopCards are gift cards named by where they hang in a shop or by
// the brand printed on them: "the cards by the register", "a rack by the
// till", "the ones that say Apple".
func shopCards() []string {
	var out []string
	for _, what := range []string{"cards", "rack", "card rack"} {
		for _, by := range []string{"by the", "at the", "near the", "behind the", "next to the"} {
			for _, place := range []string{"register", "registers", "till", "tills", "counter", "checkout", "checkouts", "cashier"} {
				out = append(out, what+" "+by+" "+place)
			}
		}
	}
	for _, brand := range []string{"apple", "itunes", "google", "google play", "steam", "amazon", "target", "ebay", "razer", "vanilla", "app store"} {
		out = append(out, "ones that say "+brand, "ones for the "+brand, "ones for "+brand, "card that says "+brand, "cards that say "+brand)
	}
	return out
}

// pushApprovals are a push sign-in prompt approved on the listener's
// phone, which lets the caller in as a typed code would: "just tap
// approve on the notification".
func pushApprovals() []string {
	var out []string
	for _, v := range []string{"tap", "press", "click", "hit", "select", "touch"} {
		for _, b := range []string{"approve", "yes it is me", "it was me", "yes on the notification", "yes on the prompt", "allow on the notification"} {
			out = append(out, v+" "+b)
		}
	}
	for _, n := range []string{"the notification", "the request", "the prompt", "the login", "the sign in", "the log in", "the push"} {
		out = append(out, "approve "+n, "accept "+n)
	}
	return out
}
