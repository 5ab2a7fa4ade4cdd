/**
 * The Promise API's cost: N OpenAI invites listed with `for await` over `@invitekit/openai/promise` against the
 * same listing through the Effect API (`OpenAiInvites.list` mapped to `Invite`, one long-lived undici Agent).
 * The Promise side pays what its users pay: a runtime and an undici Agent built and torn down per listing, a
 * Promise per invite, and the mapping to plain objects with `Date`s.
 */
import * as Effect from "effect/Effect"
import { listInvites } from "@invitekit/openai/promise"
import { BenchError, describe } from "./BenchError.js"
import { type Contender, ours, oursContext } from "./contenders.js"
import * as EmulatorProcess from "./emulatorProcess.js"
import type { Outcome } from "./report.js"
import { median, pairedRatio, round } from "./stats.js"
import { checkedRun, runRounds } from "./timing.js"

export interface Config {
  readonly count: number
  readonly rounds: number
}

/** "Within a few percent": at most 5% slower. */
const goal = 1.05

const promiseApi = (env: Readonly<Record<string, string>>): Contender => ({
  name: "invitekit promise (for await)",
  provider: "openai",
  run: Effect.tryPromise({
    try: async () => {
      let count = 0
      for await (const _ of listInvites({ apiKey: env.OPENAI_ADMIN_KEY!, baseUrl: env.OPENAI_BASE_URL! })) count++
      return count
    },
    catch: (cause) => new BenchError({ message: `invitekit promise: ${describe(cause)}`, cause })
  })
})

export const run = (config: Config): Effect.Effect<Outcome, unknown> =>
  Effect.scoped(Effect.gen(function*() {
    const { count, rounds } = config
    const emulator = yield* EmulatorProcess.start({ counts: { openai: count } })
    const effectApi = ours.openai(yield* oursContext(emulator.env), "invitekit effect (Stream)")
    const promise = promiseApi(emulator.env)
    yield* checkedRun(effectApi, count)
    yield* checkedRun(promise, count)
    const samples = yield* runRounds([effectApi, promise], rounds, count)
    // time promise ÷ time effect, paired by round: 1.00 = no overhead
    const ratio = pairedRatio(samples[promise.name]!, samples[effectApi.name]!)
    return {
      targets: [{
        name: `promise overhead · openai · for await ÷ Effect Stream (time)`,
        measured: ratio,
        unit: "×",
        goal: `≤ ${goal.toFixed(2)}×`,
        pass: ratio <= goal
      }],
      observations: [
        { name: `promise overhead · openai · Effect Stream (${count.toLocaleString("en-US")} invites)`, measured: median(samples[effectApi.name]!), unit: "ms" },
        { name: `promise overhead · openai · for await`, measured: median(samples[promise.name]!), unit: "ms" }
      ],
      raw: {
        invites: count,
        rounds,
        samplesMs: Object.fromEntries(Object.entries(samples).map(([name, ms]) => [name, ms.map((x) => round(x, 1))]))
      }
    }
  }))
