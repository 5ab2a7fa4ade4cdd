/**
 * Timed rounds: every contender runs once per round, in alternating order, and each run is checked to have
 * listed exactly the invites the emulator holds (a fast wrong answer must fail the measurement, not win it).
 */
import * as Effect from "effect/Effect"
import { performance } from "node:perf_hooks"
import { BenchError } from "./BenchError.js"
import type { Contender } from "./contenders.js"
import { alternate } from "./stats.js"

/** Wall milliseconds of one run, and what it returned. */
export const timed = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<{ readonly value: A; readonly ms: number }, E, R> =>
  Effect.suspend(() => {
    const started = performance.now()
    return Effect.map(effect, (value) => ({ value, ms: performance.now() - started }))
  })

/** One run of a contender that must list `expected` invites. */
export const checkedRun = (contender: Contender, expected: number): Effect.Effect<number, BenchError> =>
  Effect.flatMap(timed(contender.run), ({ value, ms }) =>
    value === expected
      ? Effect.succeed(ms)
      : Effect.fail(new BenchError({ message: `${contender.name} listed ${value} ${contender.provider} invites, expected ${expected}` })))

/**
 * `rounds` rounds of every contender, the order alternating from round to round. Returns each contender's
 * samples (ms), in round order, so samples of the same index ran back to back.
 */
export const runRounds = (
  contenders: ReadonlyArray<Contender>,
  rounds: number,
  expected: number,
  onRun?: (contender: Contender, round: number, ms: number) => Effect.Effect<void, BenchError>
): Effect.Effect<Record<string, Array<number>>, BenchError> =>
  Effect.gen(function*() {
    const samples: Record<string, Array<number>> = Object.fromEntries(contenders.map((c) => [c.name, []]))
    for (let round = 0; round < rounds; round++) {
      for (const contender of alternate(contenders, round)) {
        const ms = yield* checkedRun(contender, expected)
        samples[contender.name]!.push(ms)
        if (onRun !== undefined) yield* onRun(contender, round, ms)
      }
    }
    return samples
  })
