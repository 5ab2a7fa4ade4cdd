/**
 * What a complete, non-transient reply means: the decoded body, or the `ProviderError` its status, content
 * type or body stands for.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import { quote } from "../BaseUrl.js"
import type { Provider } from "../Provider.js"
import * as ProviderError from "../ProviderError.js"
import type { RawReply } from "./attempt.js"
import { decodeJson, parseBody } from "./decodeBody.js"

/** What `interpret` needs to know of the provider. */
export interface Context {
  readonly provider: Provider
  /** The variable holding the key, named when the key is refused. */
  readonly keyVariable: string
  /** Reads the provider's own message out of an error body. */
  readonly errorMessage?: ((body: unknown) => string | undefined) | undefined
}

/** The reply decoded with `schema`: `readJson`, then `decode`. */
export const interpret = <A, I>(
  context: Context,
  request: string,
  reply: RawReply,
  schema: Schema.Schema<A, I, never>
): Effect.Effect<A, ProviderError.ProviderError> =>
  Effect.flatMap(readJson(context, request, reply), (json) => decode(context.provider, request, schema, json))

/**
 * What a reply means up to its JSON: the parsed body of a 200 (not decoded yet), or the `ProviderError` its
 * status, content type or body stands for.
 */
export const readJson = (
  context: Context,
  request: string,
  reply: RawReply
): Effect.Effect<unknown, ProviderError.ProviderError> => {
  const { provider } = context
  const { status } = reply
  if (status === 401 || status === 403) {
    return Effect.fail(new ProviderError.AuthenticationError({ provider, status, variable: context.keyVariable }))
  }
  if (status >= 400) {
    return Effect.fail(
      new ProviderError.InvalidRequestError({
        provider,
        status,
        request,
        providerMessage: providerMessage(reply.body, context.errorMessage)
      })
    )
  }
  if (status !== 200) {
    const location = reply.headers["location"]
    const detail = status >= 300 && status < 400 && location !== undefined
      ? ` redirecting to ${quote(location)}; invitekit does not follow redirects, so the key stays with the provider`
      : ""
    return Effect.fail(invalidResponse(provider, request, "", `unexpected HTTP status ${status}${detail}`))
  }
  const contentType = reply.headers["content-type"]
  if (contentType !== undefined && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
    return Effect.fail(
      invalidResponse(provider, request, "", `expected a JSON body but the content type is ${quote(contentType)}`)
    )
  }
  return Either.match(parseBody(reply.body), {
    onLeft: ({ path, reason }) => Effect.fail(invalidResponse(provider, request, path, reason)),
    onRight: Effect.succeed
  })
}

/** A body `readJson` gave, decoded with a wire schema; a mismatch names the field. */
export const decode = <A, I>(
  provider: Provider,
  request: string,
  schema: Schema.Schema<A, I, never>,
  json: unknown
): Effect.Effect<A, ProviderError.InvalidResponseError> =>
  Effect.mapError(decodeJson(schema, json), ({ path, reason }) => invalidResponse(provider, request, path, reason))

export const invalidResponse = (provider: Provider, request: string, path: string, reason: string) =>
  new ProviderError.InvalidResponseError({ provider, request, path, reason })

export const providerMessage = (body: string, extract: Context["errorMessage"]): string => {
  let message: string | undefined
  try {
    message = extract?.(JSON.parse(body))
  } catch {
    message = undefined
  }
  const text = (message ?? body).replace(/\s+/g, " ").trim()
  if (text === "") return "no message"
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}
