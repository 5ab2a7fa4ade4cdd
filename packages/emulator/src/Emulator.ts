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
import type { Revocable } from "./internal/Revocable.js"
import * as Server from "./internal/Server.js"
import * as EmulatorOptions from "./Options.js"
import * as Providers from "./Providers.js"

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
export const defaultKeys: Readonly<Record<ProviderName, string>> = Providers.record((module) => module.defaultKey)

/**
 * How to start the emulator. Everything is optional; {@link EmulatorOptions.Options} is its Schema.
 *
 * @since 0.1.0
 */
export type Options = EmulatorOptions.Options

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
 * Where each provider is served: `handle.openai.baseUrl` (`…/openai/v1`, the SDK's convention),
 * `handle.anthropic` (`…/anthropic`: the SDK's paths start with `/v1`), `handle.portkey`, and
 * `handle.openlayer` (with its `workspaceIds`).
 *
 * @since 0.2.0
 */
export type Endpoints = { readonly [N in ProviderName]: Endpoint & ReturnType<Providers.ModuleOf<N>["endpoint"]> }

/**
 * One more organization of a provider (the `organizations` option): where it is served (the provider's base
 * URL), its key, its seed, and the exact wire objects it serves.
 *
 * @since 0.2.0
 */
export type Organization<N extends ProviderName = ProviderName> = Endpoint & ReturnType<Providers.ModuleOf<N>["endpoint"]> & {
  readonly seed: number
  readonly invites: (workspaceId?: string) => ReadonlyArray<unknown>
}

/**
 * A running emulator.
 *
 * @since 0.1.0
 */
export type Handle = Endpoints & {
  /** `http://127.0.0.1:PORT`: an address clients on this machine can use (loopback when bound to all interfaces). */
  readonly url: string
  /** The address the server is bound to, as given (`0.0.0.0` listens on every interface). */
  readonly host: string
  /**
   * Each provider's base URL and key variables (`OPENAI_BASE_URL`, `OPENAI_ADMIN_KEY`, …) plus
   * `OPENLAYER_WORKSPACE_ID` (comma-separated).
   */
  readonly env: Readonly<Record<string, string>>
  /** The seeded data the server serves, generated lazily. */
  readonly dataset: Dataset.Dataset
  /** The further organizations of each provider, in the order given (none unless `organizations` is set). */
  readonly organizations: { readonly [N in ProviderName]: ReadonlyArray<Organization<N>> }
  /**
   * The exact wire objects the server serves, in list order. Openlayer: all workspaces concatenated, or
   * one workspace's when `workspaceId` is given. Materialises the list: meant for test-sized counts.
   */
  readonly invites: (provider: ProviderName, workspaceId?: string) => ReadonlyArray<unknown>
  /**
   * Changes an invite's status from now on (OpenAI, Anthropic, Portkey): for "accepted between plan and apply".
   * `false` for an unknown or revoked id, or a provider without revocable invites.
   */
  readonly setInviteStatus: (provider: ProviderName, id: string, status: string) => boolean
  /**
   * Changes an invite's status once the provider has served `requests` more requests (counted when each is
   * answered): "it was accepted between the plan and the apply", without a race against the client.
   */
  readonly setInviteStatusAfter: (provider: ProviderName, requests: number, id: string, status: string) => void
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
  readonly options: Options
  readonly host: string
  readonly port: number
  readonly dataset: Dataset.Dataset
  readonly keys: Readonly<Record<ProviderName, string>>
  readonly baseLatencyMs: Readonly<Record<ProviderName, number>>
  readonly plans: Partial<Record<ProviderName, Faults.Plan>>
  /** Per provider: requests answered so far, and changes due once that count reaches theirs. */
  readonly hooks: Record<ProviderName, { served: number; due: Array<{ readonly at: number; readonly run: () => void }> }>
  readonly organizations: Readonly<Record<ProviderName, ReadonlyArray<ResolvedOrganization>>>
}

interface ResolvedOrganization {
  readonly key: string
  readonly seed: number
  readonly data: unknown
}

const resolve = (input: Options): Either.Either<Resolved, string> =>
  Either.map(EmulatorOptions.decode(input), (options) => {
    const seed = options.seed ?? Dataset.defaultSeed
    const own = options as Readonly<Record<string, unknown>>
    const config = Object.assign(
      {
        seed,
        now: options.now ?? Dataset.startOfUtcDay(),
        counts: { ...Dataset.defaultCounts, ...options.counts },
        sharedAddresses: options.sharedAddresses ?? 0
      },
      ...Providers.all.map((module) => module.configure(own[module.name] as never, seed)),
      // each module's `shapes` option, gathered (a module's configure would overwrite the others')
      {
        sparse: Providers.record((module) =>
          (own[module.name] as { readonly shapes?: string } | undefined)?.shapes === "sparse"
        )
      }
    ) as Dataset.Config
    const organizations = Providers.record((module) =>
      (options.organizations?.[module.name] ?? []).map((org, index): ResolvedOrganization => {
        // Another seed gives other invites (and other Openlayer workspaces): no invite is seen by two keys.
        const orgSeed = org.seed ?? ((seed + 7919 * (index + 1)) >>> 0)
        const orgConfig = Object.assign({}, config, module.configure(own[module.name] as never, orgSeed), {
          seed: orgSeed,
          counts: { ...config.counts, [module.name]: org.count ?? config.counts[module.name] }
        }) as Dataset.Config
        return { key: org.key, seed: orgSeed, data: module.generate(orgConfig as never) }
      })
    )
    return {
      options,
      organizations,
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 0,
      dataset: Dataset.make(config),
      keys: { ...defaultKeys, ...options.keys },
      baseLatencyMs: Providers.record((module) => options.latencyMs?.[module.name] ?? 0),
      plans: { ...options.faults },
      hooks: Providers.record(() => ({ served: 0, due: [] }))
    }
  })

const mount = (name: ProviderName): string => `/${name}`

const routes = (r: Resolved): Record<ProviderName, Route> => {
  const own = r.options as Readonly<Record<string, unknown>>
  return Providers.record((module) => {
    const route = (data: unknown, key: string) =>
      module.route(data as never, key, own[module.name] as never, mount(module.name))
    const main = route(r.dataset[module.name], r.keys[module.name])
    const others = r.organizations[module.name].map((org) => ({ key: org.key, route: route(org.data, org.key) }))
    const served = others.length === 0 ? main : byKey(main, others)
    const hooks = r.hooks[module.name]
    return {
      ...served,
      handle: (request, fault) => {
        const reply = served.handle(request, fault)
        hooks.served++
        const due = hooks.due.filter((change) => change.at <= hooks.served)
        hooks.due = hooks.due.filter((change) => change.at > hooks.served)
        for (const change of due) change.run()
        return reply
      }
    } satisfies Route
  })
}

/**
 * One provider's organizations behind one mount: a request goes to the organization whose key it carries (in
 * whichever header the provider reads it from), else to the default one, which answers for a wrong key.
 */
const byKey = (main: Route, others: ReadonlyArray<{ readonly key: string; readonly route: Route }>): Route => ({
  ...main,
  handle: (request, fault) => {
    const values = Object.values(request.headers).flatMap((value) => value === undefined ? [] : [value].flat())
    const carries = (key: string) => values.some((value) => value.trim() === key || /^\s*bearer\s+(.+?)\s*$/i.exec(value)?.[1] === key)
    const chosen = others.find((org) => carries(org.key))
    return (chosen?.route ?? main).handle(request, fault)
  }
})

// A server bound to "all interfaces" is still reached through loopback by the clients on this machine.
const urlHost = (host: string): string =>
  host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host

const makeHandle = (r: Resolved, running: Server.Running): Handle => {
  const url = `http://${urlHost(r.host)}:${running.port}`
  const controller = running.controller
  const data = (name: ProviderName): never => r.dataset[name] as never
  const endpoints = Providers.record((module) => ({
    baseUrl: `${url}${mount(module.name)}${module.basePath}`,
    apiKey: r.keys[module.name],
    ...module.endpoint(data(module.name))
  })) as unknown as Endpoints
  const env: Record<string, string> = {}
  for (const module of Providers.all) {
    env[module.env.baseUrl] = endpoints[module.name].baseUrl
    env[module.env.apiKey] = endpoints[module.name].apiKey
    Object.assign(env, module.extraEnv(data(module.name)))
  }
  const organizations = Providers.record((module) =>
    r.organizations[module.name].map((org) => ({
      baseUrl: endpoints[module.name].baseUrl,
      apiKey: org.key,
      seed: org.seed,
      ...module.endpoint(org.data as never),
      invites: (workspaceId?: string) => module.invites(org.data as never, workspaceId)
    }))
  ) as unknown as Handle["organizations"]
  return {
    ...endpoints,
    url,
    host: r.host,
    env,
    dataset: r.dataset,
    organizations,
    invites: (provider, workspaceId) => Providers.get(provider).invites(data(provider), workspaceId),
    setInviteStatus: (provider, id, status) => {
      const invites = r.dataset[provider] as Partial<Revocable<{ readonly status: string }>>
      return typeof invites.setStatus === "function" && invites.setStatus(id, status)
    },
    setInviteStatusAfter: (provider, requests, id, status) => {
      const hooks = r.hooks[provider]
      const invites = r.dataset[provider] as Partial<Revocable<{ readonly status: string }>>
      hooks.due.push({ at: hooks.served + requests, run: () => void invites.setStatus?.(id, status) })
    },
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
