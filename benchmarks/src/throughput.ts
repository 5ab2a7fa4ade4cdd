/**
 * 3. Throughput at zero latency: N OpenAI invites, invites per second. invitekit decodes every invite against
 * its schema and maps it to the core `Invite`; openai-node only parses JSON. Both ask for pages of 100, so the
 * figure is the cost per invite, not the number of round trips.
 */
import * as Effect from "effect/Effect"
import { openaiNode, ours, oursContext, oursHttpClient } from "./contenders.js"
import * as EmulatorProcess from "./emulatorProcess.js"
import type { Outcome } from "./report.js"
import { largestPageSize } from "./roundTrips.js"
import { median, pairedRatio, round } from "./stats.js"
import { checkedRun, runRounds } from "./timing.js"

export interface Config {
  readonly count: number
  readonly rounds: number
}

const goal = 0.8

export const run = (config: Config): Effect.Effect<Outcome, unknown> =>
  Effect.scoped(Effect.gen(function*() {
    const { count, rounds } = config
    const emulator = yield* EmulatorProcess.start({ counts: { openai: count } })
    const context = yield* oursContext(emulator.env)
    const invitekit = ours.openai(context)
    const sdk = openaiNode(emulator.env, largestPageSize.openai)
    // one untimed run each: JIT, connections and the emulator's own warm-up are not what is measured
    yield* checkedRun(invitekit, count)
    yield* checkedRun(sdk, count)
    const samples = yield* runRounds([invitekit, sdk], rounds, count)
    const perSecond = (ms: number) => count / (ms / 1000)
    // invites/s ours ÷ theirs = their time ÷ ours, paired by round
    const ratio = pairedRatio(samples[sdk.name]!, samples[invitekit.name]!)
    return {
      targets: [{
        name: `throughput · openai · invitekit ÷ ${sdk.name} (invites/s)`,
        measured: ratio,
        unit: "×",
        goal: `≥ ${goal.toFixed(2)}×`,
        pass: ratio >= goal
      }],
      observations: [
        { name: `throughput · openai · invitekit (${count.toLocaleString("en-US")} invites)`, measured: perSecond(median(samples[invitekit.name]!)), unit: "invites/s" },
        { name: `throughput · openai · ${sdk.name}`, measured: perSecond(median(samples[sdk.name]!)), unit: "invites/s" }
      ],
      raw: {
        invites: count,
        rounds,
        httpClient: oursHttpClient,
        samplesMs: Object.fromEntries(Object.entries(samples).map(([name, ms]) => [name, ms.map((x) => round(x, 1))]))
      }
    }
  }))
