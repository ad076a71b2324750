# Consent receipts: the public page that checks a pasted receipt, says
# whether it is genuine and whether its consent still stands.

receipts-title = Check a consent receipt
receipts-lead = When someone agrees to let their story be used, they get a consent receipt: a signed record of what they agreed to, for whom, and until when. Paste one here to check that it is genuine and whether that consent still stands.
receipts-keys-before = The check uses the keys this platform publishes at
receipts-keys-path = /.well-known/jwks.json
receipts-keys-after = , so anyone can also check a receipt with their own tools. A receipt holds no story text.
receipts-genuine = This receipt is genuine
receipts-signed-before = It was signed by this platform (key
receipts-signed-after = ) and has not been changed since.
receipts-what-happened = What happened
receipts-happened-given = Consent given on { $when }
receipts-happened-changed = Consent changed on { $when }
receipts-happened-withdrawn = Consent withdrawn on { $when }
receipts-who-responsible = Who is responsible
receipts-sensitive = Sensitive information
receipts-yes = Yes
receipts-no = No
receipts-number = Receipt number
receipts-privacy-notice = Privacy notice
receipts-agreed = What was agreed
receipts-agreed-now = What was agreed, and where it stands now
receipts-col-purpose = Purpose
receipts-col-audience = Who may see the story
receipts-col-attribution = How the teller is named
receipts-col-until = Until
receipts-col-event = On this receipt
receipts-col-now = Now
receipts-by-name = by name
receipts-by-first-name = by first name only
receipts-anonymously = anonymously
receipts-event-given = given
receipts-event-changed = changed
receipts-event-withdrawn = withdrawn
receipts-not-trusted = This receipt cannot be trusted
receipts-the-receipt = The receipt
receipts-hint = A long line of letters and numbers with two dots in it, starting with “eyJ”. You can download yours from “My consents”.
receipts-check = Check the receipt

# Where a consent stands.
receipts-standing-live = This consent is still in force, on the terms below.
receipts-standing-withdrawn = This consent is no longer in force: it was withdrawn.
receipts-standing-expired = This consent is no longer in force: it has expired.
receipts-standing-superseded = This receipt has been superseded: the consent was later changed or renewed, and a newer receipt records the terms now.
receipts-standing-partly-live = Part of this consent is still in force: see each purpose below.
receipts-standing-other-place = This receipt was issued by another place on this platform. Check it on that place’s site to see whether the consent still stands.
receipts-standing-unknown = This place no longer holds the consent this receipt records (for example, the person left), so it is not in force.
receipts-short-live = in force
receipts-short-withdrawn = withdrawn
receipts-short-expired = expired
receipts-short-superseded = replaced by a later change
receipts-short-partly-live = partly in force
receipts-short-other-place = ask the place that issued it
receipts-short-unknown = no longer held here

## Problems with a pasted receipt

receipts-error-required = Paste the receipt: the long text that starts with “eyJ”.
receipts-error-too-long = This is far longer than a receipt: paste only the receipt itself.
receipts-invalid-shape = This is not a consent receipt: it should be three parts separated by dots, starting with “eyJ”.
receipts-invalid-algorithm = This receipt was not signed the way our receipts are (EdDSA).
receipts-invalid-no-key = This receipt does not say which key signed it.
receipts-invalid-unknown-key = This receipt was signed by a key this platform has never published, so it did not come from here.
receipts-invalid-signature = The signature does not match: this receipt has been changed since it was issued.
receipts-invalid-not-ours = This is signed by us but is not a consent receipt we would issue.
