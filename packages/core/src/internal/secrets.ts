/**
 * The forms of a key a server could send back, and a function that blanks them out of any text taken from a
 * response: error messages, field values, `Location` headers and links all come from the other side.
 */
import * as ProviderError from "../ProviderError.js"

const base64 = (text: string): string | undefined => {
  try {
    return btoa(text).replace(/=+$/, "")
  } catch {
    // not Latin-1: such a key cannot travel in a header anyway
    return undefined
  }
}

/** A secret as sent, URL-encoded, and base64 (plain and URL-safe, without padding). */
const forms = (secret: string): ReadonlyArray<string> => {
  const encoded = base64(secret)
  return [
    secret,
    encodeURIComponent(secret),
    ...(encoded === undefined ? [] : [encoded, encoded.replace(/\+/g, "-").replace(/\//g, "_")])
  ]
}

/** What replaces a secret in text. */
export const placeholder = "<redacted>"

/**
 * A function replacing every form of the given secrets with `<redacted>`. Secrets shorter than 4 characters are
 * left alone: blanking them would mangle ordinary text, and no real key is that short.
 */
export const scrubber = (secrets: ReadonlyArray<string>): (text: string) => string => {
  const all = [...new Set(secrets.filter((secret) => secret.length >= 4).flatMap(forms))]
    // longest first, so a secret's longer form is replaced whole before a shorter one inside it
    .sort((a, b) => b.length - a.length)
  if (all.length === 0) return (text) => text
  return (text) => {
    let out = text
    for (const secret of all) if (out.includes(secret)) out = out.split(secret).join(placeholder)
    return out
  }
}

/** The error with every text that came from the other side scrubbed of the key. */
export const scrubError = (scrub: (text: string) => string) =>
<E extends ProviderError.ProviderError>(error: E): E => {
  switch (error._tag) {
    case "AuthenticationError":
      return error
    case "ConfigError":
      return new ProviderError.ConfigError({ ...error, reason: scrub(error.reason) }) as E
    case "InvalidRequestError":
      return new ProviderError.InvalidRequestError({
        ...error,
        request: scrub(error.request),
        providerMessage: scrub(error.providerMessage)
      }) as E
    case "ProviderUnavailableError":
      return new ProviderError.ProviderUnavailableError({
        ...error,
        request: scrub(error.request),
        lastFailure: scrub(error.lastFailure)
      }) as E
    case "InvalidResponseError":
      return new ProviderError.InvalidResponseError({
        ...error,
        request: scrub(error.request),
        path: scrub(error.path),
        reason: scrub(error.reason)
      }) as E
  }
}
