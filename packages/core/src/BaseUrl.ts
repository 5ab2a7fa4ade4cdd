/**
 * Where a provider's requests may go: the base-URL policy (http(s) only, no credentials, query or fragment;
 * plain `http://` only to loopback unless allowed), path joining that keeps a base URL's path prefix, and the
 * resolution of next-page links, which must stay on the base URL's origin.
 *
 * @since 0.2.0
 */
import * as Either from "effect/Either"
import { isLoopbackHost } from "./internal/loopback.js"
import * as ProviderSettings from "./ProviderSettings.js"

/**
 * Why a base URL was refused: the text after the variable's name in a `ConfigError`.
 *
 * @since 0.2.0
 */
export type Refusal = string

/**
 * Checks a base URL against the policy. Plain http to a non-loopback host would send the key unencrypted, so
 * it needs `allowInsecureHttp`.
 *
 * @since 0.2.0
 */
export const parse = (baseUrl: string, allowInsecureHttp: boolean): Either.Either<URL, Refusal> => {
  const parsed = Either.try(() => new URL(baseUrl))
  if (Either.isLeft(parsed)) return Either.left(`is not a valid URL: ${quote(baseUrl)}`)
  const url = parsed.right
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return Either.left(`must be an http(s) URL, not ${quote(baseUrl)}`)
  }
  if (url.username !== "" || url.password !== "") {
    return Either.left("must not contain credentials: put the key in its own variable")
  }
  if (url.search !== "" || url.hash !== "") return Either.left(`must not have a query or fragment: ${quote(baseUrl)}`)
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    return Either.left(
      `uses plain http:// to ${url.host}, which would send the key unencrypted. Use https://, or allow it ` +
        `with --allow-insecure-http (${ProviderSettings.variables.allowInsecureHttp}=true).`
    )
  }
  return Either.right(url)
}

/**
 * Joins a path to a base URL so that the base URL's own path survives:
 * `http://host/prefix/v1` + `/organization/invites` → `http://host/prefix/v1/organization/invites`.
 *
 * @since 0.1.0
 */
export const joinPath = (baseUrl: string, path: string): string =>
  `${baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`

/**
 * Resolves a next-page link a provider sent (absolute, or relative to the base URL's origin) to an absolute
 * URL. Refused: a link that is not a URL, one that would carry the key (`carriesKey`), and one on another
 * origin — following it would send the key to a host the user never named.
 *
 * @since 0.2.0
 */
export const resolveLink = (
  link: string,
  base: URL,
  carriesKey: (href: string) => boolean
): Either.Either<string, string> => {
  const resolved = Either.try(() => new URL(link, base))
  if (Either.isLeft(resolved)) return Either.left(`the next-page link ${quote(link)} is not a URL`)
  const url = resolved.right
  // Following it would write the key into a URL: request lines, proxies' logs, span attributes.
  if (carriesKey(url.href)) return Either.left("the next-page link carries the key")
  if (url.origin !== base.origin) {
    return Either.left(
      `the next-page link points to another origin (${url.origin}); invitekit only sends the key to ${base.origin}`
    )
  }
  return Either.right(url.href)
}

/**
 * A value as messages quote it, cut short when long.
 *
 * @since 0.2.0
 */
export const quote = (value: string): string =>
  JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)
