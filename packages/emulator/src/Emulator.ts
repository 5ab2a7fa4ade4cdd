/**
 * One loopback HTTP server emulating the OpenAI, Anthropic, Portkey and Openlayer invite APIs, each
 * under its own path prefix, with seeded data, fault injection and request counters.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Scope from "effect/Scope"
import * as Dataset from "./Dataset.js"
import * as Faults from "./Faults.js"
import type { Route } from "./internal/Http.js"
import * as Server from "./internal/Server.js"
import * as Anthropic from "./providers/Anthropic.js"
import * as OpenAi from "./providers/OpenAi.js"
import * as Openlayer from "./providers/Openlayer.js"
import * as Portkey from "./providers/Portkey.js"

/**
 * The providers the emulator serves.
 *
 * @since 0.1.0
 */
export type ProviderName = Dataset.ProviderName

/**
 * Every provider name.
 *
 * @since 0.1.0
 */
export const providerNames: ReadonlyArray<ProviderName> = Dataset.providerNames

/**
 * The admin keys each provider accepts unless `keys` overrides them: fixed and recognisable.
 *
 * @since 0.1.0
 */
export const defaultKeys: Readonly<Record<ProviderName, string>> = {
  openai: "sk-admin-emulator-openai-0000000000000000",
  anthropic: "sk-ant-admin01-emulator-anthropic-0000000000000000",
  portkey: "pk-emulator-portkey-0000000000000000",
  openlayer: "ol-emulator-openlayer-0000000000000000"
}

/**
 * How to start the emulator. Everything is optional.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Default `127.0.0.1`. */
  readonly host?: string
  /** Default `0`: an ephemeral port. */
  readonly port?: number
  /** Default {@link Dataset.defaultSeed}. */
  readonly seed?: number
  /** The instant (epoch ms) the data is anchored to. Default: the start of the current UTC day. */
  readonly now?: number
  /** Invites per provider (Openlayer: per workspace). Default {@link Dataset.defaultCounts}. */
  readonly counts?: Partial<Record<ProviderName, number>>
  readonly keys?: Partial<Record<ProviderName, string>>
  readonly openai?: { readonly timestampField?: "created_at" | "invited_at" }
  readonly portkey?: { readonly maxPageSize?: number }
  readonly openlayer?: {
    /** Default: two uuids derived from the seed. */
    readonly workspaceIds?: ReadonlyArray<string>
    /** Default `"absolute"`. */
    readonly nextLink?: Openlayer.NextLink
  }
  /** Latency added to every request, unless a fault plan sets its own. */
  readonly latencyMs?: Partial<Record<ProviderName, number>>
  /** Fault plans in force from the start. */
  readonly faults?: Partial<Record<ProviderName, Faults.Plan>>
}

/**
 * A provider's request counters.
 *
 * @since 0.1.0
 */
export interface Counters {
  readonly requests: number
  readonly inFlight: number
  readonly maxInFlight: number
}

/**
 * Where a provider is served and the key it accepts.
 *
 * @since 0.1.0
 */
export interface Endpoint {
  readonly baseUrl: string
  readonly apiKey: string
}

/**
 * A running emulator.
 *
 * @since 0.1.0
 */
export interface Handle {
  /** `http://127.0.0.1:PORT` */
  readonly url: string
  /** Base URL `…/openai/v1` (the SDK's convention). */
  readonly openai: Endpoint
  /** Base URL `…/anthropic`: the SDK's paths start with `/v1`. */
  readonly anthropic: Endpoint
  /** Base URL `…/portkey/v1`. */
  readonly portkey: Endpoint
  /** Base URL `…/openlayer/v1`. */
  readonly openlayer: Endpoint & { readonly workspaceIds: ReadonlyArray<string> }
  /**
   * `OPENAI_BASE_URL`, `OPENAI_ADMIN_KEY`, `ANTHROPIC_BASE_URL`, `ANTHROPIC_ADMIN_KEY`, `PORTKEY_BASE_URL`,
   * `PORTKEY_API_KEY`, `OPENLAYER_BASE_URL`, `OPENLAYER_API_KEY`, `OPENLAYER_WORKSPACE_ID` (comma-separated).
   */
  readonly env: Readonly<Record<string, string>>
  /** The seeded data the server serves, generated lazily. */
  readonly dataset: Dataset.Dataset
  /**
   * The exact wire objects the server serves, in list order. Openlayer: all workspaces concatenated, or
   * one workspace's when `workspaceId` is given. Materialises the list: meant for test-sized counts.
   */
  readonly invites: (provider: ProviderName, workspaceId?: string) => ReadonlyArray<unknown>
  /** Replaces the provider's fault plan. */
  readonly setFaults: (provider: ProviderName, plan: Faults.Plan) => Effect.Effect<void>
  /** Removes the fault plan of one provider, or of all. The `latencyMs` option stays in force. */
  readonly clearFaults: (provider?: ProviderName) => Effect.Effect<void>
  readonly counters: (provider: ProviderName) => Effect.Effect<Counters>
  /** Zeroes `requests`; `maxInFlight` restarts from the requests still in flight. */
  readonly resetCounters: Effect.Effect<void>
}

/**
 * The emulator as a service, for `Layer`-based tests.
 *
 * @since 0.1.0
 */
export class Emulator extends Context.Tag("@invitekit/emulator/Emulator")<Emulator, Handle>() {}

/**
 * Bad options, or the server could not listen (port in use, address not available).
 *
 * @since 0.1.0
 */
export class EmulatorError extends Schema.TaggedError<EmulatorError>()("EmulatorError", {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect)
}) {}

interface Resolved {
  readonly host: string
  readonly port: number
  readonly dataset: Dataset.Dataset
  readonly keys: Readonly<Record<ProviderName, string>>
  readonly portkeyMaxPageSize: number | undefined
  readonly nextLink: Openlayer.NextLink
  readonly baseLatencyMs: Readonly<Record<ProviderName, number>>
  readonly plans: Partial<Record<ProviderName, Faults.Plan>>
}

const isInt = (n: unknown, min: number, max: number): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= min && n <= max

const resolve = (options: Options): Either.Either<Resolved, string> => {
  const port = options.port ?? 0
  if (!isInt(port, 0, 65535)) return Either.left(`port must be an integer in 0..65535, got ${port}`)
  const seed = options.seed ?? Dataset.defaultSeed
  if (!isInt(seed, 0, 0xffffffff)) return Either.left(`seed must be an integer in 0..4294967295, got ${seed}`)
  const now = options.now ?? Dataset.startOfUtcDay()
  if (!Number.isFinite(now)) return Either.left(`now must be epoch milliseconds, got ${now}`)
  const counts = { ...Dataset.defaultCounts, ...options.counts }
  const keys = { ...defaultKeys, ...options.keys }
  const baseLatencyMs: Record<ProviderName, number> = { openai: 0, anthropic: 0, portkey: 0, openlayer: 0 }
  const plans: Partial<Record<ProviderName, Faults.Plan>> = {}
  for (const name of Dataset.providerNames) {
    if (!isInt(counts[name], 0, Dataset.maxCount)) {
      return Either.left(`counts.${name} must be an integer in 0..${Dataset.maxCount}, got ${counts[name]}`)
    }
    if (typeof keys[name] !== "string" || keys[name].length === 0) return Either.left(`keys.${name} must be a non-empty string`)
    const latency = options.latencyMs?.[name] ?? 0
    if (!(typeof latency === "number" && latency >= 0 && Number.isFinite(latency))) {
      return Either.left(`latencyMs.${name} must be a non-negative number, got ${latency}`)
    }
    baseLatencyMs[name] = latency
    const plan = options.faults?.[name]
    if (plan !== undefined) {
      const decoded = Faults.decodePlan(plan)
      if (Either.isLeft(decoded)) return Either.left(`faults.${name}: ${decoded.left}`)
      plans[name] = decoded.right
    }
  }
  const maxPageSize = options.portkey?.maxPageSize
  if (maxPageSize !== undefined && !isInt(maxPageSize, 1, Number.MAX_SAFE_INTEGER)) {
    return Either.left(`portkey.maxPageSize must be a positive integer, got ${maxPageSize}`)
  }
  const workspaceIds = options.openlayer?.workspaceIds ?? Dataset.workspaceIds(seed, 2)
  if (workspaceIds.some((id) => typeof id !== "string" || id.length === 0 || id.includes("/"))) {
    return Either.left("openlayer.workspaceIds must be non-empty strings without '/'")
  }
  if (new Set(workspaceIds).size !== workspaceIds.length) return Either.left("openlayer.workspaceIds must be unique")
  const nextLink = options.openlayer?.nextLink ?? "absolute"
  if (!["absolute", "relative", "none"].includes(nextLink)) {
    return Either.left(`openlayer.nextLink must be absolute, relative or none, got ${nextLink}`)
  }
  const timestampField = options.openai?.timestampField ?? "created_at"
  if (timestampField !== "created_at" && timestampField !== "invited_at") {
    return Either.left(`openai.timestampField must be created_at or invited_at, got ${timestampField}`)
  }
  return Either.right({
    host: options.host ?? "127.0.0.1",
    port,
    dataset: Dataset.make({
      seed,
      now,
      counts,
      openaiTimestampField: timestampField,
      openlayerWorkspaceIds: [...workspaceIds]
    }),
    keys,
    portkeyMaxPageSize: maxPageSize,
    nextLink,
    baseLatencyMs,
    plans
  })
}

const routes = (r: Resolved): Record<ProviderName, Route> => ({
  openai: OpenAi.make(r.dataset.openai, r.keys.openai),
  anthropic: Anthropic.make(r.dataset.anthropic, r.keys.anthropic),
  portkey: Portkey.make(r.dataset.portkey, r.keys.portkey, { maxPageSize: r.portkeyMaxPageSize }),
  openlayer: Openlayer.make(r.dataset.openlayerWorkspace, r.keys.openlayer, {
    prefix: "/openlayer",
    nextLink: r.nextLink
  })
})

// A server bound to "all interfaces" is still reached through loopback by the clients on this machine.
const urlHost = (host: string): string =>
  host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host

const makeHandle = (r: Resolved, running: Server.Running): Handle => {
  const url = `http://${urlHost(r.host)}:${running.port}`
  const controller = running.controller
  const workspaceIds = r.dataset.openlayer.map((w) => w.workspace.id)
  const endpoints = {
    openai: { baseUrl: `${url}/openai/v1`, apiKey: r.keys.openai },
    anthropic: { baseUrl: `${url}/anthropic`, apiKey: r.keys.anthropic },
    portkey: { baseUrl: `${url}/portkey/v1`, apiKey: r.keys.portkey },
    openlayer: { baseUrl: `${url}/openlayer/v1`, apiKey: r.keys.openlayer, workspaceIds }
  }
  const invites = (provider: ProviderName, workspaceId?: string): ReadonlyArray<unknown> => {
    switch (provider) {
      case "openai":
        return r.dataset.openai.toArray()
      case "anthropic":
        return r.dataset.anthropic.toArray()
      case "portkey":
        return r.dataset.portkey.toArray()
      case "openlayer":
        return workspaceId === undefined
          ? r.dataset.openlayer.flatMap((w) => w.invites.toArray())
          : r.dataset.openlayerWorkspace(workspaceId)?.invites.toArray() ?? []
    }
  }
  return {
    url,
    ...endpoints,
    env: {
      OPENAI_BASE_URL: endpoints.openai.baseUrl,
      OPENAI_ADMIN_KEY: endpoints.openai.apiKey,
      ANTHROPIC_BASE_URL: endpoints.anthropic.baseUrl,
      ANTHROPIC_ADMIN_KEY: endpoints.anthropic.apiKey,
      PORTKEY_BASE_URL: endpoints.portkey.baseUrl,
      PORTKEY_API_KEY: endpoints.portkey.apiKey,
      OPENLAYER_BASE_URL: endpoints.openlayer.baseUrl,
      OPENLAYER_API_KEY: endpoints.openlayer.apiKey,
      OPENLAYER_WORKSPACE_ID: workspaceIds.join(",")
    },
    dataset: r.dataset,
    invites,
    setFaults: (provider, plan) =>
      Effect.suspend(() => {
        // a typed plan can still be wrong at runtime (a rate of 3, a negative latency): a defect, as a bad argument is
        const decoded = Faults.decodePlan(plan)
        return Either.isLeft(decoded)
          ? Effect.dieMessage(`Invalid fault plan for ${provider}: ${decoded.left}`)
          : Effect.sync(() => controller.setPlan(provider, decoded.right))
      }),
    clearFaults: (provider) => Effect.sync(() => controller.clear(provider)),
    counters: (provider) => Effect.sync(() => controller.counters(provider)),
    resetCounters: Effect.sync(() => controller.resetCounters())
  }
}

/**
 * Starts the emulator. The server, with every socket (keep-alive and hanging ones too), closes when
 * the scope closes.
 *
 * @since 0.1.0
 */
export const start = (options: Options = {}): Effect.Effect<Handle, EmulatorError, Scope.Scope> =>
  Effect.gen(function* () {
    const resolved = yield* Either.match(resolve(options), {
      onLeft: (message) => Effect.fail(new EmulatorError({ message: `Invalid emulator options: ${message}` })),
      onRight: Effect.succeed
    })
    const running = yield* Effect.acquireRelease(
      Effect.async<Server.Running, EmulatorError>((resume) => {
        Server.listen(
          {
            host: resolved.host,
            port: resolved.port,
            routes: routes(resolved),
            baseLatencyMs: resolved.baseLatencyMs,
            plans: resolved.plans
          },
          (running) => resume(Effect.succeed(running)),
          (cause) =>
            resume(Effect.fail(
              new EmulatorError({ message: `Cannot listen on ${resolved.host}:${resolved.port}: ${cause.message}`, cause })
            ))
        )
      }),
      (running) => Effect.promise(() => running.close())
    )
    return makeHandle(resolved, running)
  })

/**
 * The emulator as a layer: an ephemeral port by default, closed when the layer is released.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<Emulator, EmulatorError> => Layer.scoped(Emulator, start(options))

/**
 * Starts the emulator from plain async code (the official SDKs' tests, scripts). Call `close()` when done.
 *
 * @since 0.1.0
 */
export const startPromise = (options: Options = {}): Promise<Handle & { close(): Promise<void> }> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const scope = yield* Scope.make()
      const handle = yield* start(options).pipe(
        Scope.extend(scope),
        Effect.onError(() => Scope.close(scope, Exit.void))
      )
      return { ...handle, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
    })
  )
