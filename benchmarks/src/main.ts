/**
 * `pnpm bench [--quick] [--only name,…]`: runs the measurements in order, prints the table and writes
 * bench-results.json at the repository root. A missed goal is a result (exit 0); a measurement that cannot run
 * is a failure (exit 1).
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { parseArgs } from "node:util"
import { describe } from "./BenchError.js"
import * as chaos from "./chaos.js"
import { repoRoot } from "./cli.js"
import * as latency from "./latency.js"
import * as memory from "./memory.js"
import * as promiseOverhead from "./promiseOverhead.js"
import { type Failure, machine, type Observation, type Outcome, table, type Target } from "./report.js"
import * as roundTrips from "./roundTrips.js"
import * as startup from "./startup.js"
import * as throughput from "./throughput.js"
import * as wholeProcess from "./wholeProcess.js"

const usage = `Usage: pnpm bench [--quick] [--only NAMES]

  --quick        smaller lists and fewer rounds: a few minutes on a 2-core machine
  --only NAMES   comma-separated subset of: roundTrips, latency, throughput, memory, startup, chaos, wholeProcess,
                 promiseOverhead
  -h, --help     this help
`

/** Sizes per mode. Quick keeps every goal meaningful (Portkey still has ≥ 8 pages) at a fraction of the time. */
const modes = {
  quick: {
    roundTrips: { count: 2_050 },
    latency: { count: 2_000, latencyMs: 50, rounds: 4 },
    throughput: { count: 50_000, rounds: 6 },
    memory: { small: 20_000, large: 200_000, rounds: 3 },
    startup: { runs: 10 },
    chaos: { count: 510, seeds: [11, 23] },
    wholeProcess: { listing: { openai: 2_000, anthropic: 4_000, latencyMs: 50, rounds: 3 }, onePage: { count: 50, rounds: 6 } },
    promiseOverhead: { count: 50_000, rounds: 6 }
  },
  full: {
    roundTrips: { count: 10_050 },
    latency: { count: 5_000, latencyMs: 50, rounds: 4 },
    throughput: { count: 100_000, rounds: 6 },
    memory: { small: 100_000, large: 1_000_000, rounds: 3 },
    startup: { runs: 30 },
    chaos: { count: 1_010, seeds: [11, 23, 37] },
    wholeProcess: { listing: { openai: 4_100, anthropic: 9_400, latencyMs: 50, rounds: 5 }, onePage: { count: 50, rounds: 15 } },
    promiseOverhead: { count: 100_000, rounds: 6 }
  }
} as const

type Mode = typeof modes[keyof typeof modes]

const measurements = (mode: Mode): ReadonlyArray<readonly [string, Effect.Effect<Outcome, unknown>]> => [
  ["roundTrips", roundTrips.run(mode.roundTrips)],
  ["latency", latency.run(mode.latency)],
  ["throughput", throughput.run(mode.throughput)],
  ["memory", memory.run(mode.memory)],
  ["startup", startup.run(mode.startup)],
  ["chaos", chaos.run(mode.chaos)],
  ["wholeProcess", wholeProcess.run(mode.wholeProcess)],
  ["promiseOverhead", promiseOverhead.run(mode.promiseOverhead)]
]

const parse = (argv: ReadonlyArray<string>) => {
  // `pnpm bench -- --quick` passes the `--` through on some pnpm versions
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== "--"),
    options: { quick: { type: "boolean", default: false }, only: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
    allowPositionals: false
  })
  return values
}

const log = (line: string) => Effect.sync(() => process.stderr.write(`${line}\n`))

const program = (argv: ReadonlyArray<string>): Effect.Effect<number> =>
  Effect.gen(function*() {
    const args = yield* Effect.try(() => parse(argv)).pipe(Effect.either)
    if (Either.isLeft(args)) {
      yield* log(`${describe(args.left.error)}\n\n${usage}`)
      return 2
    }
    if (args.right.help === true) {
      yield* Effect.sync(() => process.stdout.write(usage))
      return 0
    }
    const modeName = args.right.quick ? "quick" : "full"
    const mode = modes[modeName]
    const all = measurements(mode)
    const only = args.right.only?.split(",").map((s) => s.trim()).filter((s) => s !== "")
    const unknown = (only ?? []).filter((name) => !all.some(([known]) => known === name))
    if (unknown.length > 0) {
      yield* log(`unknown measurement(s): ${unknown.join(", ")}\n\n${usage}`)
      return 2
    }
    const selected = only === undefined ? all : all.filter(([name]) => only.includes(name))

    const startedAt = new Date()
    const targets: Array<Target> = []
    const observations: Array<Observation> = []
    const failures: Array<Failure> = []
    const raw: Record<string, unknown> = {}
    yield* log(`invitekit benchmarks (${modeName}) on ${machine().model}, ${machine().cpus} cpus, node ${process.version}`)
    for (const [index, [name, measurement]] of selected.entries()) {
      yield* log(`[${index + 1}/${selected.length}] ${name}…`)
      const started = performance.now()
      const result = yield* Effect.either(measurement)
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      if (Either.isRight(result)) {
        targets.push(...result.right.targets)
        observations.push(...result.right.observations)
        raw[name] = { ...result.right.raw, seconds: Number(seconds) }
        yield* log(`      done in ${seconds} s`)
      } else {
        failures.push({ measurement: name, message: describe(result.left) })
        yield* log(`      FAILED after ${seconds} s: ${describe(result.left)}`)
      }
    }

    const results = {
      mode: modeName,
      startedAt: startedAt.toISOString(),
      seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      machine: machine(),
      parameters: Object.fromEntries(selected.map(([name]) => [name, mode[name as keyof Mode]])),
      targets,
      observations,
      failures,
      measurements: raw
    }
    const path = join(repoRoot, "bench-results.json")
    yield* Effect.sync(() => {
      writeFileSync(path, JSON.stringify(results, null, 2) + "\n")
      process.stdout.write(`\n${table(targets, observations, failures)}\n\n`)
      const missed = targets.filter((t) => !t.pass).length
      process.stdout.write(
        `${targets.length - missed}/${targets.length} goals met${failures.length > 0 ? `, ${failures.length} measurement(s) failed to run` : ""}; ` +
          `results in ${path}\n`
      )
    })
    return failures.length > 0 ? 1 : 0
  })

// Exit explicitly once everything is closed: the SDKs' idle keep-alive sockets (global fetch) would otherwise
// hold the process open for a few more seconds. SIGINT interrupts the program, which stops the emulators.
NodeRuntime.runMain(
  program(process.argv.slice(2)).pipe(Effect.flatMap((code) => Effect.sync(() => process.exit(code))))
)
