/**
 * Schema pieces every provider's wire format shares.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * An enum the provider documents, open to values it does not: a new role or status must not break listing.
 *
 * The documented literals live in the type (and in the error message); at run time any string decodes as
 * itself. A `Union(Literal…, String)` would accept the same values but tries each literal first, a cost paid
 * for every field of every invite.
 *
 * @since 0.1.0
 */
export const openEnum = <const Literals extends ReadonlyArray<string>>(
  ...literals: Literals
): Schema.Schema<Literals[number] | (string & {}), string> =>
  Schema.String.annotations({
    description: `one of ${literals.join(", ")}, or a value not documented yet`,
    message: () => `Expected a string (documented: ${literals.join(", ")})`
  })

/**
 * Reads the provider's own message out of an error body, if the body has the provider's error shape: what
 * `ProviderHttp` puts in an `InvalidRequestError`.
 *
 * @since 0.1.0
 */
export const errorMessage = <A, I>(
  schema: Schema.Schema<A, I, never>,
  pick: (body: A) => string | undefined
): (body: unknown) => string | undefined => {
  const decode = Schema.decodeUnknownOption(schema)
  return (body) => {
    const decoded = decode(body)
    const message = decoded._tag === "Some" ? pick(decoded.value)?.trim() : undefined
    return message === "" ? undefined : message
  }
}
