/**
 * What a provider module gives the emulator: everything the server, the handle, the options and the flags
 * need to know about one provider. The registry (`../Providers.ts`) lists the modules; nothing else names a
 * provider, so a fifth one is one module and one line there.
 */
import type * as Schema from "effect/Schema"
import type { Config } from "../Dataset.js"
import type { Flag } from "./Flag.js"
import type { Route } from "./Http.js"

/** The 5xx statuses a random `ServerError` fault draws from. */
export type ServerStatus = 500 | 502 | 503 | 504 | 529

/** The flag values a module reads, by flag name, already decoded by each flag's Schema. */
export type FlagValues = Readonly<Record<string, unknown>>

export interface Provider<Name extends string, Data, Own extends object | never, Extra extends object> {
  readonly name: Name
  readonly displayName: string
  /** The path of the base URL below the provider's mount (`/openai`): `/v1`, or `` for Anthropic's SDK. */
  readonly basePath: string
  /** The admin key accepted unless the `keys` option overrides it: fixed and recognisable. */
  readonly defaultKey: string
  /** Invites generated unless `counts` says otherwise: enough for several pages at the largest page size. */
  readonly defaultCount: number
  /** How `--count` reads for this provider in the help, e.g. `per workspace`. */
  readonly countUnit: string
  /** The variables a client reads: the base URL and the key. */
  readonly env: { readonly baseUrl: string; readonly apiKey: string }
  readonly serverErrorStatuses: ReadonlyArray<ServerStatus>
  /** The provider's own options (`Options[name]`), if it has any. */
  readonly options: Schema.Schema<Own> | undefined
  /** The provider's own flags, and how their values become its options. */
  readonly flags: ReadonlyArray<Flag>
  readonly fromFlags: (values: FlagValues, seed: number) => Own | undefined
  /** The part of the dataset config the provider's options decide (with their defaults). */
  readonly configure: (own: Own | undefined, seed: number) => Partial<Config>
  /** The provider's data, generated lazily from the config. */
  readonly generate: (config: Config) => Data
  /** The route that serves the data under `mount` (`/openai`), guarded by `apiKey`. */
  readonly route: (data: Data, apiKey: string, own: Own | undefined, mount: string) => Route
  /** The wire objects served, in list order (Openlayer: of one workspace when `scope` is given). */
  readonly invites: (data: Data, scope?: string) => ReadonlyArray<unknown>
  /** Fields of the handle's endpoint beyond `baseUrl` and `apiKey` (Openlayer's `workspaceIds`). */
  readonly endpoint: (data: Data) => Extra
  /** Variables beyond the base URL and the key (Openlayer's `OPENLAYER_WORKSPACE_ID`). */
  readonly extraEnv: (data: Data) => Readonly<Record<string, string>>
}

/** Any provider module, for code that treats them all alike. */
export type Any = Provider<string, any, any, object>

type Optional = "options" | "flags" | "fromFlags" | "configure" | "endpoint" | "extraEnv" | "serverErrorStatuses"

/** A provider with defaults for what most providers do not need: no own options or flags, nothing extra. */
export const define = <Name extends string, Data, Own extends object = never, Extra extends object = {}>(
  spec: Omit<Provider<Name, Data, Own, Extra>, Optional> & Partial<Pick<Provider<Name, Data, Own, Extra>, Optional>>
): Provider<Name, Data, Own, Extra> => ({
  options: undefined,
  flags: [],
  fromFlags: () => undefined,
  configure: () => ({}),
  endpoint: () => ({}) as Extra,
  extraEnv: () => ({}),
  serverErrorStatuses: [500, 502, 503, 504],
  ...spec
})
