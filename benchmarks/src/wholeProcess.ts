/**
 * 7. Whole processes, as users run them: `invitekit list --provider … -f ndjson` against a user's script on the
 * official SDK (dist/sdkScript.js: its auto-pager, every invite written as a JSON line), each a fresh `node`
 * process timed from spawn to exit, start-up included.
 *
 * - Listing at each SDK's largest page with latency on every request: OpenAI (openai-node 7 on Node ≥ 22, 6.49's
 *   admin resource on Node 20) and Anthropic (@anthropic-ai/sdk 1.15).
 * - A one-page cold listing (the first thing a user runs): a few invites, no added latency.
 * - Beside each listing, its floor (floorScript.ts: node:http and JSON.parse alone) ÷ the same SDK: cursor pages
 *   come one after another, so a ratio goal below the floor's is out of reach for any client.
 *
 * Each pair runs on the same Node, on every Node available (see nodes.ts), in alternating order, medians of paired
 * ratios. Every run must print exactly the invites the emulator holds. One untimed run of each side first: the
 * first read from disk (and, on Node ≥ 22.1, filling invitekit's compile cache) is not what users feel from the
 * second run on.
 */
import * as Effect from "effect/Effect"
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { performance } from "node:perf_hooks"
import { BenchError } from "./BenchError.js"
import { bundle, cleanEnv } from "./cli.js"
import * as EmulatorProcess from "./emulatorProcess.js"
import { major, type NodeBinary, binaries } from "./nodes.js"
import type { Observation, Outcome, Target } from "./report.js"
import { largestPageSize } from "./roundTrips.js"
import { alternate, median, pairedRatio, round } from "./stats.js"

export interface Config {
  readonly listing: { readonly openai: number; readonly anthropic: number; readonly latencyMs: number; readonly rounds: number }
  readonly onePage: { readonly count: number; readonly rounds: number }
}

const listingGoal = 0.9
const onePageGoal = 1

const sdkScript = fileURLToPath(new URL("./sdkScript.js", import.meta.url))
const floorScript = fileURLToPath(new URL("./floorScript.js", import.meta.url))

/** One process, timed around a blocking spawn (no event loop between the clock and the child). */
export const timeProcess = (
  node: NodeBinary,
  args: ReadonlyArray<string>,
  env: NodeJS.ProcessEnv
): Effect.Effect<{ readonly ms: number; readonly stdout: string }, BenchError> =>
  Effect.suspend(() => {
    const started = performance.now()
    const result = spawnSync(node.path, args, { env, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 29 })
    const ms = performance.now() - started
    if (result.error !== undefined || result.status !== 0) {
      const detail = result.error?.message ?? `exit ${result.status}: ${result.stderr.toString("utf8").trim().slice(0, 500)}`
      return Effect.fail(new BenchError({ message: `node ${node.version} ${args.join(" ")}: ${detail}` }))
    }
    return Effect.succeed({ ms, stdout: result.stdout.toString("utf8") })
  })

interface Side {
  readonly name: string
  readonly args: ReadonlyArray<string>
}

const lines = (text: string) => {
  let count = 0
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++
  return count
}

/** `rounds` alternating runs of two sides on one Node; each must print `expected` lines (one per invite). */
const pair = (node: NodeBinary, sides: readonly [Side, Side], env: NodeJS.ProcessEnv, expected: number, rounds: number) =>
  Effect.gen(function*() {
    const run = (side: Side) =>
      Effect.flatMap(timeProcess(node, side.args, env), ({ ms, stdout }) =>
        lines(stdout) === expected
          ? Effect.succeed(ms)
          : Effect.fail(new BenchError({ message: `${side.name} on node ${node.version} printed ${lines(stdout)} invites, expected ${expected}` })))
    for (const side of sides) yield* run(side)
    const samples: Record<string, Array<number>> = { [sides[0].name]: [], [sides[1].name]: [] }
    for (let i = 0; i < rounds; i++) {
      for (const side of alternate(sides, i)) samples[side.name]!.push(yield* run(side))
    }
    return { ratio: pairedRatio(samples[sides[0].name]!, samples[sides[1].name]!), samples }
  })

/** The openai-node a user has on this Node: 7 from Node 22 on, else 6.49 (its admin resource arrived in 6.48). */
const openaiSdk = (node: NodeBinary) => major(node) >= 22 ? { id: "openai7", name: "openai-node 7.59" } : { id: "openai6", name: "openai-node 6.49" }

export const run = (config: Config): Effect.Effect<Outcome, unknown> =>
  Effect.scoped(Effect.gen(function*() {
    const cli = yield* bundle
    const nodes = yield* binaries
    const targets: Array<Target> = []
    const observations: Array<Observation> = []
    const samplesMs: Record<string, unknown> = {}
    const record = (key: string, samples: Record<string, Array<number>>) => {
      samplesMs[key] = Object.fromEntries(Object.entries(samples).map(([name, ms]) => [name, ms.map((x) => round(x, 1))]))
      for (const [name, ms] of Object.entries(samples)) {
        observations.push({ name: `whole process · ${key} · ${name} (median)`, measured: median(ms), unit: "ms" })
      }
    }
    const invitekit = (provider: string): Side => ({ name: "invitekit", args: [cli, "list", "--provider", provider, "-f", "ndjson"] })

    // Listing at the largest page, with latency.
    const { latencyMs, rounds } = config.listing
    const counts = { openai: config.listing.openai, anthropic: config.listing.anthropic }
    const slow = yield* EmulatorProcess.start({ counts, latencyMs })
    const slowEnv = cleanEnv(slow.env)
    for (const node of nodes) {
      const openai = openaiSdk(node)
      const sdks = [
        ["openai", { name: `${openai.name} (limit ${largestPageSize.openai})`, args: [sdkScript, openai.id, String(largestPageSize.openai)] }],
        ["anthropic", { name: `@anthropic-ai/sdk 1.15 (limit ${largestPageSize.anthropic})`, args: [sdkScript, "anthropic", String(largestPageSize.anthropic)] }]
      ] as const
      for (const [provider, sdk] of sdks) {
        const { ratio, samples } = yield* pair(node, [invitekit(provider), sdk], slowEnv, counts[provider], rounds)
        const key = `${provider} ${counts[provider].toLocaleString("en-US")} invites, ${latencyMs} ms latency, both on node ${node.version}`
        targets.push({ name: `whole process · ${key} · invitekit ÷ ${sdk.name}`, measured: ratio, unit: "×", goal: `≤ ${listingGoal.toFixed(2)}×`, pass: ratio <= listingGoal })
        record(key, samples)
        // The floor: node:http and JSON.parse alone (floorScript.ts). Below floor ÷ SDK no client can go.
        const floorSide = { name: "floor (node:http + JSON.parse)", args: [floorScript, provider, String(largestPageSize[provider])] }
        const floor = yield* pair(node, [floorSide, sdk], slowEnv, counts[provider], rounds)
        observations.push({ name: `whole process · ${key} · floor ÷ ${sdk.name} (no client can do better)`, measured: floor.ratio, unit: "×" })
        record(`${key}, floor`, floor.samples)
      }
    }

    // One page, cold.
    const fast = yield* EmulatorProcess.start({ counts: { openai: config.onePage.count } })
    const fastEnv = cleanEnv(fast.env)
    for (const node of nodes) {
      const openai = openaiSdk(node)
      const sdk = { name: `${openai.name} script`, args: [sdkScript, openai.id, String(largestPageSize.openai)] }
      const { ratio, samples } = yield* pair(node, [invitekit("openai"), sdk], fastEnv, config.onePage.count, config.onePage.rounds)
      const key = `one page (${config.onePage.count} openai invites) cold, both on node ${node.version}`
      targets.push({ name: `whole process · ${key} · invitekit ÷ ${sdk.name}`, measured: ratio, unit: "×", goal: `≤ ${onePageGoal.toFixed(2)}×`, pass: ratio <= onePageGoal })
      record(key, samples)
    }
    if (nodes.length === 1 && major(nodes[0]!) < 22) {
      observations.push({ name: "whole process · Node 24 unavailable (set INVITEKIT_BENCH_NODE24): openai-node 7 not measured", measured: Number.NaN, unit: "" })
    }
    return {
      targets,
      observations,
      raw: { nodes, latencyMs, counts, onePage: config.onePage.count, samplesMs }
    }
  }))
