/**
 * 5. Start-up: `invitekit --version` against `node -e 0`, alternating, medians of many runs. The ratio is what
 * the CLI adds on top of starting node itself.
 */
import * as Effect from "effect/Effect"
import { spawnSync } from "node:child_process"
import { performance } from "node:perf_hooks"
import { BenchError } from "./BenchError.js"
import { bundle, cleanEnv } from "./cli.js"
import type { Outcome } from "./report.js"
import { alternate, median, pairedRatio, round } from "./stats.js"

export interface Config {
  /** Runs of each command. */
  readonly runs: number
}

const goal = 2.5

/** One run, timed around a blocking spawn: no event loop between the clock and the child. */
const timeCommand = (args: ReadonlyArray<string>): Effect.Effect<{ readonly ms: number; readonly stdout: string }, BenchError> =>
  Effect.suspend(() => {
    const started = performance.now()
    const result = spawnSync(process.execPath, args, { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] })
    const ms = performance.now() - started
    if (result.error !== undefined || result.status !== 0) {
      const detail = result.error?.message ?? `exit ${result.status}: ${result.stderr.toString("utf8").trim().slice(0, 500)}`
      return Effect.fail(new BenchError({ message: `node ${args.join(" ")}: ${detail}` }))
    }
    return Effect.succeed({ ms, stdout: result.stdout.toString("utf8").trim() })
  })

export const run = (config: Config): Effect.Effect<Outcome, unknown> =>
  Effect.gen(function*() {
    const cli = yield* bundle
    const commands = [
      { name: "invitekit --version", args: [cli, "--version"] },
      { name: "node -e 0", args: ["-e", "0"] }
    ] as const
    // one untimed run each: the first read of the bundle from disk is not start-up
    const version = (yield* timeCommand(commands[0].args)).stdout
    if (version === "") return yield* new BenchError({ message: "invitekit --version printed nothing" })
    yield* timeCommand(commands[1].args)
    const samples: Record<string, Array<number>> = { "invitekit --version": [], "node -e 0": [] }
    for (let i = 0; i < config.runs; i++) {
      for (const c of alternate(commands, i)) samples[c.name]!.push((yield* timeCommand(c.args)).ms)
    }
    const cliMs = samples["invitekit --version"]!
    const nodeMs = samples["node -e 0"]!
    const ratio = pairedRatio(cliMs, nodeMs)
    return {
      targets: [{ name: "start-up · invitekit --version ÷ node -e 0", measured: ratio, unit: "×", goal: `≤ ${goal.toFixed(2)}×`, pass: ratio <= goal }],
      observations: [
        { name: "start-up · invitekit --version (median)", measured: median(cliMs), unit: "ms" },
        { name: "start-up · node -e 0 (median)", measured: median(nodeMs), unit: "ms" }
      ],
      raw: {
        version,
        runs: config.runs,
        samplesMs: Object.fromEntries(Object.entries(samples).map(([name, ms]) => [name, ms.map((x) => round(x, 1))]))
      }
    }
  })
