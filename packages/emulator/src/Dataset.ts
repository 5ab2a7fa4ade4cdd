/**
 * Deterministic, lazily generated invites for each provider, exactly as each API puts them on the wire.
 *
 * Invite `i` is a pure function of (seed, anchor instant, i): nothing is stored, so a million invites
 * cost no memory, and every id embeds a keyed permutation of its index so a cursor resolves in O(1).
 * Each provider's generator lives in its module (`providers/*.ts`); this module puts them together.
 *
 * @since 0.1.0
 */
import { DAY } from "./internal/Generate.js"
import * as Providers from "./Providers.js"
import * as Openlayer from "./providers/Openlayer.js"

/**
 * @since 0.1.0
 */
export type { AnthropicInvite } from "./providers/Anthropic.js"
/**
 * @since 0.1.0
 */
export type { OpenAiInvite, OpenAiProject } from "./providers/OpenAi.js"
/**
 * @since 0.1.0
 */
export type { OpenlayerInvite, OpenlayerWorkspace, OpenlayerWorkspaceData } from "./providers/Openlayer.js"
/**
 * @since 0.1.0
 */
export type { PortkeyInvite } from "./providers/Portkey.js"

/**
 * The providers the emulator serves.
 *
 * @since 0.1.0
 */
export type ProviderName = Providers.Name

/**
 * Every provider, in the order the emulator reports them.
 *
 * @since 0.1.0
 */
export const providerNames: ReadonlyArray<ProviderName> = Providers.names

/**
 * The seed used when none is given.
 *
 * @since 0.1.0
 */
export const defaultSeed = 20241030

/**
 * Invites per provider when none are given (Openlayer: per workspace). Each needs several pages even at
 * the API's largest page size (100, 1000, unbounded → 20 by default, 100).
 *
 * @since 0.1.0
 */
export const defaultCounts: Readonly<Record<ProviderName, number>> = Providers.record((module) => module.defaultCount)

/**
 * The largest count an id can encode (the index is a permuted uint32).
 *
 * @since 0.1.0
 */
export const maxCount = 0xffffffff

/**
 * What a dataset is generated from.
 *
 * @since 0.1.0
 */
export interface Config {
  readonly seed: number
  /** The instant (epoch ms) the data is anchored to: every invite was created before it. */
  readonly now: number
  readonly counts: Readonly<Record<ProviderName, number>>
  /** `created_at` (the current API) or `invited_at` (the OpenAPI document's name). */
  readonly openaiTimestampField: "created_at" | "invited_at"
  readonly openlayerWorkspaceIds: ReadonlyArray<string>
  /**
   * Providers served in their sparse shapes: only what their docs require, in every form the docs allow
   * (optional fields absent or null, pagination hints left out, Portkey's RFC 3339 times). Default: none.
   */
  readonly sparse?: Readonly<Partial<Record<ProviderName, boolean>>> | undefined
  /**
   * The newest `n` invites of every list (each provider, each Openlayer workspace) go to the same `n` addresses
   * and are pending: the same people invited in several accounts, and twice in one Openlayer account. Default 0.
   */
  readonly sharedAddresses?: number | undefined
}

/**
 * A lazily generated, ordered list of invites. `at` builds a fresh object on every call, so callers may
 * mutate what they get.
 *
 * @since 0.1.0
 */
export interface Collection<A> {
  readonly count: number
  readonly at: (index: number) => A
  readonly idAt: (index: number) => string
  /** The list position of an id, in O(1); `undefined` for an id this collection never served. */
  readonly indexOf: (id: string) => number | undefined
  /** Invites `[start, end)`, clamped to the collection. */
  readonly slice: (start: number, end: number) => Array<A>
  readonly toArray: () => Array<A>
}
/**
 * The invites of every provider, under its name, lazily generated.
 *
 * @since 0.1.0
 */
export type Dataset =
  & { readonly config: Config }
  & { readonly [N in ProviderName]: Providers.DataOf<N> }
  & {
    /** One Openlayer workspace's data by id. */
    readonly openlayerWorkspace: (id: string) => Openlayer.OpenlayerWorkspaceData | undefined
  }

/**
 * Builds the dataset. O(1): invites are generated when asked for.
 *
 * @since 0.1.0
 */
export const make = (config: Config): Dataset => {
  const data = Providers.record((module) => module.generate(config)) as { readonly [N in ProviderName]: Providers.DataOf<N> }
  return { config, ...data, openlayerWorkspace: Openlayer.lookup(data.openlayer) }
}

/**
 * `n` workspace ids derived from a seed: the default Openlayer workspaces (two of them).
 *
 * @since 0.1.0
 */
export const workspaceIds: (seed: number, n: number) => ReadonlyArray<string> = Openlayer.workspaceIds

/**
 * The default anchor instant: the start of the current UTC day. Stable for a day, and recent enough that
 * "pending and not yet expired" still holds against the real clock clients compare with.
 *
 * @since 0.1.0
 */
export const startOfUtcDay = (epochMs: number = Date.now()): number => epochMs - (epochMs % (DAY * 1000))

