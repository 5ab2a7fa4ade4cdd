/**
 * 5. Start-up: `invitekit --version` (answered before the command tree loads) and `invitekit list --help` (the
 * whole command tree and the Effect runtime, as every real command pays) against `node -e 0` on the same Node,
 * alternating, medians of many runs. The ratio is what the CLI adds on top of starting node itself. `list --help`
 * is measured on every Node available (see nodes.ts): Node ≥ 22.1 runs it from invitekit's compile cache.
 */
import * as Effect from "effect/Effect"
import { BenchError } from "./BenchError.js"
import { bundle, cleanEnv } from "./cli.js"
import { binaries, type NodeBinary } from "./nodes.js"
import type { Observation, Outcome, Target } from "./report.js"
import { alternate, median, pairedRatio, round } from "./stats.js"
import { timeProcess } from "./wholeProcess.js"

export interface Config {
  /** Runs of each command. */
  readonly runs: number
}

const versionGoal = 2.5
const helpGoal = 2

/** `runs` alternating runs of a command and `node -e 0`, after one untimed run each. */
const versusNode = (node: NodeBinary, args: ReadonlyArray<string>, runs: number) =>
  Effect.gen(function*() {
    const commands = [args, ["-e", "0"]] as const
    const first = yield* timeProcess(node, args, cleanEnv())
    yield* timeProcess(node, commands[1], cleanEnv())
    const samples: [Array<number>, Array<number>] = [[], []]
    for (let i = 0; i < runs; i++) {
      for (const index of alternate([0, 1] as const, i)) {
        samples[index].push((yield* timeProcess(node, commands[index], cleanEnv())).ms)
      }
    }
    return { stdout: first.stdout.trim(), ratio: pairedRatio(samples[0], samples[1]), cli: samples[0], node: samples[1] }
  })

export const run = (config: Config): Effect.Effect<Outcome, unknown> =>
  Effect.gen(function*() {
    const cli = yield* bundle
    const nodes = yield* binaries
    const targets: Array<Target> = []
    const observations: Array<Observation> = []
    const samplesMs: Record<string, unknown> = {}
    const here = nodes[0]!
    const version = yield* versusNode(here, [cli, "--version"], config.runs)
    if (version.stdout === "") return yield* new BenchError({ message: "invitekit --version printed nothing" })
    targets.push({
      name: `start-up · invitekit --version ÷ node -e 0 (node ${here.version})`,
      measured: version.ratio,
      unit: "×",
      goal: `≤ ${versionGoal.toFixed(2)}×`,
      pass: version.ratio <= versionGoal
    })
    observations.push(
      { name: `start-up · invitekit --version (median, node ${here.version})`, measured: median(version.cli), unit: "ms" },
      { name: `start-up · node -e 0 (median, node ${here.version})`, measured: median(version.node), unit: "ms" }
    )
    samplesMs[`--version, node ${here.version}`] = { invitekit: version.cli.map((x) => round(x, 1)), node: version.node.map((x) => round(x, 1)) }
    for (const node of nodes) {
      const help = yield* versusNode(node, [cli, "list", "--help"], config.runs)
      if (!help.stdout.includes("--provider")) return yield* new BenchError({ message: "invitekit list --help printed no options" })
      targets.push({
        name: `start-up · invitekit list --help ÷ node -e 0 (node ${node.version})`,
        measured: help.ratio,
        unit: "×",
        goal: `≤ ${helpGoal.toFixed(2)}×`,
        pass: help.ratio <= helpGoal
      })
      observations.push(
        { name: `start-up · invitekit list --help (median, node ${node.version})`, measured: median(help.cli), unit: "ms" },
        { name: `start-up · node -e 0 (median, node ${node.version}, beside list --help)`, measured: median(help.node), unit: "ms" }
      )
      samplesMs[`list --help, node ${node.version}`] = { invitekit: help.cli.map((x) => round(x, 1)), node: help.node.map((x) => round(x, 1)) }
    }
    return { targets, observations, raw: { version: version.stdout, runs: config.runs, nodes, samplesMs } }
  })
