/**
 * 6. Chaos: the emulator fails a seeded 30% of every provider's requests with the recoverable faults (429 with
 * Retry-After, 500/502/503/504 and Anthropic's 529, an HTML 502, a reset mid-body, a request that never
 * answers), and `invitekit list` over all four providers must still print exactly the emulator's invites.
 * The faults injected are replayed from each plan for as many requests as the emulator counted; every one of
 * them must have been survived, each costing exactly one more request.
 */
import { Dataset, Faults } from "@invitekit/emulator"
import * as Effect from "effect/Effect"
import { spawn } from "node:child_process"
import { request } from "node:http"
import { performance } from "node:perf_hooks"
import { BenchError, describe } from "./BenchError.js"
import { bundle, cleanEnv } from "./cli.js"
import * as EmulatorProcess from "./emulatorProcess.js"
import type { Observation, Outcome, Target } from "./report.js"
import { round } from "./stats.js"

export interface Config {
  /** Invites per provider (Openlayer: per workspace); not a multiple of the page size. */
  readonly count: number
  readonly seeds: ReadonlyArray<number>
}

const providers: ReadonlyArray<Dataset.ProviderName> = ["openai", "anthropic", "portkey", "openlayer"]
const rate = 0.3
// Pages of 20, so a run makes hundreds of requests for the faults to land on.
const pageSize = 20
// A request fails for good only if 11 attempts in a row draw a fault: 0.3^11 ≈ 1.8e-6 per request.
const maxRetries = 10
const timeoutSeconds = 1

/** PUT /_emulator/faults/{provider}, on its own connection. */
const putPlan = (url: string, provider: string, plan: Faults.Plan): Effect.Effect<void, BenchError> =>
  Effect.async<void, BenchError>((resume) => {
    const body = JSON.stringify(plan)
    const req = request(`${url}/_emulator/faults/${provider}`, { method: "PUT", agent: false }, (res) => {
      res.resume()
      res.on("end", () =>
        (res.statusCode ?? 0) < 300
          ? resume(Effect.void)
          : resume(Effect.fail(new BenchError({ message: `PUT faults/${provider}: HTTP ${res.statusCode}` }))))
    })
    req.on("error", (cause) => resume(Effect.fail(new BenchError({ message: `PUT faults/${provider}: ${describe(cause)}`, cause }))))
    req.end(body)
  })

interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
}

const runCli = (cli: string, env: Readonly<Record<string, string>>): Effect.Effect<CliRun, BenchError> =>
  Effect.async<CliRun, BenchError>((resume) => {
    const args = [cli, "list", "--format", "ndjson", "--page-size", String(pageSize), "--timeout", String(timeoutSeconds), "--max-retries", String(maxRetries)]
    const started = performance.now()
    const child = spawn(process.execPath, args, { env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] })
    const stdout: Array<Buffer> = []
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 10_000) stderr += chunk.toString("utf8")
    })
    child.on("error", (cause) => resume(Effect.fail(new BenchError({ message: `cannot run invitekit: ${describe(cause)}`, cause }))))
    child.on("close", (code) =>
      resume(Effect.succeed({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr, ms: performance.now() - started })))
    return Effect.sync(() => child.kill("SIGKILL"))
  })

/** How the listed invites compare with the dataset, per provider. */
const compare = (dataset: Dataset.Dataset, stdout: string) => {
  const seen = new Set<string>()
  const listed: Record<string, number> = {}
  let repeated = 0
  let unknown = 0
  let partialLines = 0
  const lines = stdout.split("\n")
  if (lines.at(-1) !== "") partialLines++
  for (const line of lines.slice(0, -1)) {
    let invite: { provider: string; id: string; scopes?: ReadonlyArray<{ id: string }> }
    try {
      invite = JSON.parse(line)
    } catch {
      partialLines++
      continue
    }
    const key = `${invite.provider}/${invite.id}`
    if (seen.has(key)) repeated++
    seen.add(key)
    listed[invite.provider] = (listed[invite.provider] ?? 0) + 1
    const collection = invite.provider === "openlayer"
      ? dataset.openlayerWorkspace(invite.scopes?.[0]?.id ?? "")?.invites
      : invite.provider === "openai" || invite.provider === "anthropic" || invite.provider === "portkey"
      ? dataset[invite.provider]
      : undefined
    if (collection?.indexOf(invite.id) === undefined) unknown++
  }
  return { listed, repeated, unknown, partialLines }
}

export const run = (config: Config): Effect.Effect<Outcome, unknown> =>
  Effect.scoped(Effect.gen(function*() {
    const cli = yield* bundle
    const counts = { openai: config.count, anthropic: config.count, portkey: config.count, openlayer: config.count }
    const emulator = yield* EmulatorProcess.start({ counts })
    // The emulator process serves the default seed's data, anchored to the start of the day.
    const dataset = Dataset.make({
      seed: Dataset.defaultSeed,
      now: Dataset.startOfUtcDay(),
      counts,
      openaiTimestampField: "created_at",
      openlayerWorkspaceIds: emulator.workspaceIds
    })
    const expected: Record<string, number> = {
      openai: config.count,
      anthropic: config.count,
      portkey: config.count,
      openlayer: config.count * emulator.workspaceIds.length
    }
    const pages: Record<string, number> = {
      openai: Math.ceil(config.count / pageSize),
      anthropic: Math.ceil(config.count / pageSize),
      portkey: Math.ceil(config.count / pageSize),
      openlayer: emulator.workspaceIds.length * Math.ceil(config.count / pageSize)
    }
    const expectedTotal = Object.values(expected).reduce((a, b) => a + b, 0)

    const observations: Array<Observation> = []
    const raw: Record<string, unknown> = { count: config.count, pageSize, rate, maxRetries, timeoutSeconds, seeds: {} }
    let listedExactly = 0
    let allExact = true
    let injectedTotal = 0
    let survivedTotal = 0
    for (const seed of config.seeds) {
      const plan: Faults.Plan = { random: { rate, seed } }
      for (const provider of providers) yield* putPlan(emulator.url, provider, plan)
      yield* emulator.resetCounters
      const result = yield* runCli(cli, emulator.env)
      const counters = yield* emulator.counters
      const { listed, partialLines, repeated, unknown } = compare(dataset, result.stdout)
      const exact = result.code === 0 && repeated === 0 && unknown === 0 && partialLines === 0 &&
        providers.every((provider) => listed[provider] === expected[provider])
      let injected = 0
      let extraRequests = 0
      const kinds: Record<string, number> = {}
      for (const provider of providers) {
        const injector = new Faults.Injector(provider, plan)
        for (let i = 0; i < counters[provider].requests; i++) {
          const fault = injector.next()
          if (fault === null) continue
          injected++
          kinds[fault._tag] = (kinds[fault._tag] ?? 0) + 1
        }
        extraRequests += counters[provider].requests - pages[provider]!
      }
      // A fault is survived when the run still listed everything; each cost exactly one more request.
      const survived = exact ? Math.min(injected, extraRequests) : 0
      injectedTotal += injected
      survivedTotal += survived
      if (exact) listedExactly += providers.reduce((n, provider) => n + (listed[provider] ?? 0), 0)
      allExact &&= exact && extraRequests === injected
      observations.push(
        { name: `chaos · seed ${seed} · faults injected`, measured: injected, unit: "faults" },
        { name: `chaos · seed ${seed} · faults survived`, measured: survived, unit: "faults" },
        { name: `chaos · seed ${seed} · wall time`, measured: round(result.ms, 0), unit: "ms" }
      )
      ;(raw["seeds"] as Record<string, unknown>)[String(seed)] = {
        exitCode: result.code,
        listed,
        expected,
        repeated,
        unknown,
        partialLines,
        requests: Object.fromEntries(providers.map((provider) => [provider, counters[provider].requests])),
        pages,
        injected,
        extraRequests,
        kinds,
        ms: round(result.ms, 0),
        stderr: result.stderr.slice(0, 2000)
      }
    }
    const seeds = config.seeds.length
    const targets: Array<Target> = [
      {
        name: `chaos · invites listed exactly (${seeds} seeds × ${expectedTotal})`,
        measured: listedExactly,
        unit: "invites",
        goal: `= ${seeds * expectedTotal}`,
        pass: listedExactly === seeds * expectedTotal
      },
      {
        name: `chaos · faults survived of injected (${rate * 100}% of requests)`,
        measured: survivedTotal,
        unit: "faults",
        goal: `= ${injectedTotal} injected`,
        pass: allExact && survivedTotal === injectedTotal && injectedTotal > 0
      }
    ]
    return { targets, observations, raw }
  }))
