# Error pages, the form error summary, and waits in words.

status-400 = Bad request
status-401 = Sign-in needed
status-403 = Not allowed
status-404 = Not found
status-405 = Method not allowed
status-409 = Conflict
status-410 = Hidden
status-413 = Too large
status-415 = Unsupported media type
status-422 = Check your input
status-429 = Too many requests
status-500 = Something went wrong
status-503 = Temporarily unavailable
status-507 = Out of space
status-other = Error

error-detail-unauthorized = sign in to do this
error-detail-method-not-allowed = this address does not accept that method
error-detail-too-large = the request body is too large
error-detail-media-type = the request body has a type this address does not accept
error-detail-validation = some fields need attention
error-detail-internal = something went wrong on our side; it has been logged and the request changed nothing
error-detail-bad-request = the request could not be understood

error-unknown-host = No place is served at this address. Check the address you typed or the link you followed.
error-unknown-host-admin = If you run this installation, add this hostname to a tenant with { $command }, or set { $variable }.
error-suspended = This place is paused for now. Please try again later, or contact the council that runs it.
error-unavailable = We cannot reach our records just now, so this could not be done. It is usually back within moments: please wait and try again.
error-unavailable-wait = We cannot reach our records just now, so this could not be done. It is usually back within moments: please wait { $wait } and try again.
error-check-before-resending = If you were sending a form, check whether it went through before sending it again.
error-storage-full = We have run out of room to save things just now, so nothing you sent was saved. The people who run this site have been told; please try again later.
error-rate-limited = Too many attempts. For your safety, please wait { $wait } and try again.
error-rate-limited-why = This short pause keeps accounts here safe from people guessing passwords or sending unwanted email.
error-not-found = We could not find that page. It may have moved, or the address may be mistyped.
error-home-link = Go to the home page
error-reference = If you contact us about this, please quote the reference { $reference }.

error-summary-title = There is a problem

wait-seconds = { $n ->
    [one] { $n } second
   *[other] { $n } seconds
}
wait-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
wait-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}

# Before a field's error message, and in the title of a page with errors.
error-prefix = Error:

# A conflict no service foresaw: something by that name or key is there.
error-already-exists = this already exists

# Requests that could not be read ($reason is the parser's own words, in English).
error-page-number-invalid = give a whole number from 1 to { $max }
error-json-shape = the JSON does not have the expected shape: { $reason }
error-json-malformed = the body is not valid JSON: { $reason }
error-body-unreadable = the request body could not be read: { $reason }
error-form-unreadable = the form could not be read: { $reason }
error-form-cross-site = this form was sent from another website
error-form-expired = this form has expired; go back, reload the page and try again

# Idempotency keys ($header is the header's name).
error-idempotency-key-invalid = the { $header } header must be 1 to { $max } visible ASCII characters (no spaces or quotes), e.g. a UUID
error-idempotency-key-reused = this key was used for a different request (another path or body); use a new key for a new request
error-idempotency-in-flight = the first request with this Idempotency-Key is still being answered; try again in a moment
error-idempotency-just-reused = this Idempotency-Key was just being reused; send the request again
