/**
 * 2. Wall time with latency: N invites per provider, L ms added to every request by the emulator. invitekit
 * against each SDK at its defaults and at its largest page size, and Portkey's concurrent pages against one page
 * at a time. Ratios are medians of per-round ratios (see stats.pairedRatio).
 */
import * as Effect from "effect/Effect"
import { anthropicSdk, type Contender, openaiNode, ours, oursContext, portkeySdk } from "./contenders.js"
import * as EmulatorProcess from "./emulatorProcess.js"
import type { Observation, Outcome, Target } from "./report.js"
import { largestPageSize } from "./roundTrips.js"
import { median, pairedRatio, round } from "./stats.js"
import { checkedRun, runRounds } from "./timing.js"

export interface Config {
  /** Invites per provider (Openlayer: per workspace). */
  readonly count: number
  readonly latencyMs: number
  readonly rounds: number
}

/** Concurrent pages only pay off with enough pages to overlap: the goal applies from 8 pages on. */
const minPagesForConcurrencyGoal = 8
const concurrencyGoal = 2.5

export const run = (config: Config): Effect.Effect<Outcome, unknown> =>
  Effect.scoped(Effect.gen(function*() {
    const { count, latencyMs, rounds } = config
    const emulator = yield* EmulatorProcess.start({
      counts: { openai: count, anthropic: count, portkey: count, openlayer: count },
      latencyMs
    })
    const context = yield* oursContext(emulator.env)
    const env = emulator.env
    const targets: Array<Target> = []
    const observations: Array<Observation> = []
    const raw: Record<string, unknown> = { invitesPerProvider: count, latencyMs, rounds, samplesMs: {} }
    const samplesMs = raw.samplesMs as Record<string, unknown>

    /**
     * `warmUp`: contenders run once untimed first (JIT, connections). The SDKs' default-page variants share
     * their code and client with the largest-page ones, and would cost a whole slow listing each, so they are
     * not warmed on their own.
     */
    const measure = (
      provider: EmulatorProcess.ProviderName,
      contenders: ReadonlyArray<Contender>,
      expected: number,
      warmUp: ReadonlyArray<Contender> = contenders
    ) =>
      Effect.gen(function*() {
        for (const contender of warmUp) yield* checkedRun(contender, expected)
        const maxInFlight: Record<string, number> = {}
        yield* emulator.resetCounters
        const samples = yield* runRounds(contenders, rounds, expected, (contender) =>
          Effect.gen(function*() {
            const counters = yield* emulator.counters
            maxInFlight[contender.name] = Math.max(maxInFlight[contender.name] ?? 0, counters[provider].maxInFlight)
            yield* emulator.resetCounters
          }))
        samplesMs[provider] = Object.fromEntries(Object.entries(samples).map(([name, ms]) => [name, ms.map((x) => round(x, 1))]))
        for (const c of contenders) {
          observations.push({ name: `latency · ${provider} · ${c.name} (median)`, measured: median(samples[c.name]!), unit: "ms" })
        }
        return { samples, maxInFlight }
      })

    const versus = (a: Contender, b: Contender, samples: Record<string, Array<number>>) =>
      pairedRatio(samples[a.name]!, samples[b.name]!)

    // OpenAI and Anthropic: one cursor after another, so only page size and per-request overhead differ.
    for (const [provider, oursOne, sdkMax, sdkDefaults] of [
      ["openai", ours.openai(context), openaiNode(env, largestPageSize.openai), openaiNode(env)],
      ["anthropic", ours.anthropic(context), anthropicSdk(env, largestPageSize.anthropic), anthropicSdk(env)]
    ] as const) {
      const { samples } = yield* measure(provider, [oursOne, sdkMax, sdkDefaults], count, [oursOne, sdkMax])
      const ratio = versus(oursOne, sdkMax, samples)
      targets.push({
        name: `latency · ${provider} · invitekit ÷ ${sdkMax.name}`,
        measured: ratio,
        unit: "×",
        goal: "≤ 1.00×",
        pass: ratio <= 1
      })
      observations.push({
        name: `latency · ${provider} · invitekit ÷ ${sdkDefaults.name}`,
        measured: versus(oursOne, sdkDefaults, samples),
        unit: "×"
      })
    }

    // Portkey: offset pages with a total, so invitekit fetches pages concurrently (4 by default).
    const portkeyOurs = ours.portkey(context)
    const portkeySerial = ours.portkey(context, 1, "invitekit (concurrency 1)")
    const portkeyMax = portkeySdk(env, largestPageSize.portkey)
    const portkeyDefaults = portkeySdk(env)
    const portkey = yield* measure("portkey", [portkeyOurs, portkeySerial, portkeyMax, portkeyDefaults], count, [
      portkeyOurs,
      portkeyMax
    ])
    const portkeyRatio = versus(portkeyOurs, portkeyMax, portkey.samples)
    targets.push({
      name: `latency · portkey · invitekit ÷ ${portkeyMax.name}`,
      measured: portkeyRatio,
      unit: "×",
      goal: "≤ 1.00×",
      pass: portkeyRatio <= 1
    })
    const pages = Math.ceil(count / largestPageSize.portkey)
    const speedup = versus(portkeySerial, portkeyOurs, portkey.samples)
    const speedupVsSdk = versus(portkeyMax, portkeyOurs, portkey.samples)
    if (pages >= minPagesForConcurrencyGoal) {
      targets.push({
        name: `latency · portkey · speed-up of concurrent pages (concurrency 1 ÷ 4, ${pages} pages)`,
        measured: speedup,
        unit: "×",
        goal: `≥ ${concurrencyGoal.toFixed(2)}×`,
        pass: speedup >= concurrencyGoal
      })
    } else {
      observations.push({ name: `latency · portkey · speed-up concurrency 1 ÷ 4 (${pages} pages: no goal below 8)`, measured: speedup, unit: "×" })
    }
    observations.push(
      { name: `latency · portkey · speed-up vs ${portkeyMax.name}`, measured: speedupVsSdk, unit: "×" },
      { name: `latency · portkey · invitekit ÷ ${portkeyDefaults.name}`, measured: versus(portkeyOurs, portkeyDefaults, portkey.samples), unit: "×" },
      { name: "latency · portkey · invitekit requests in flight (max)", measured: portkey.maxInFlight[portkeyOurs.name] ?? 0, unit: "requests" }
    )
    raw.portkeyMaxInFlight = portkey.maxInFlight

    // Openlayer: no SDK pager to compare with; its time is reported for the record.
    yield* measure("openlayer", [ours.openlayer(context)], count * emulator.workspaceIds.length)
    return { targets, observations, raw }
  }))
