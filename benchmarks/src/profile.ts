/**
 * `pnpm --filter @invitekit/benchmarks profile`: where invitekit's time goes in the throughput measurement.
 *
 * Run under `node --cpu-prof` it lists OpenAI invites from an emulator process (not profiled: `--cpu-prof` is not
 * passed on to children) with the same client as `throughput.ts`. `--summarize DIR` then prints the functions
 * with the most self time in the newest `.cpuprofile` of DIR, by file and line.
 */
import * as Effect from "effect/Effect"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { repoRoot } from "./cli.js"
import { ours, oursContext } from "./contenders.js"
import * as EmulatorProcess from "./emulatorProcess.js"
import { checkedRun } from "./timing.js"

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
  readonly hitCount?: number
}

interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

const shortUrl = (url: string): string => {
  if (url === "") return "(native)"
  const path = url.startsWith("file://") ? fileURLToPath(url) : url
  const store = path.indexOf("node_modules/.pnpm/")
  if (store >= 0) return path.slice(path.indexOf("/node_modules/", store + 19) + 14)
  return path.startsWith(repoRoot) ? relative(repoRoot, path) : path
}

/** Self time per function (file:line), and per package, from the samples of a V8 CPU profile. */
const summarize = (dir: string, top: number): string => {
  const newest = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  if (newest === undefined) throw new Error(`no .cpuprofile in ${dir}`)
  const profile = JSON.parse(readFileSync(newest, "utf8")) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<string, number>()
  const byPackage = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!
    const dt = profile.timeDeltas[i] ?? 0
    total += dt
    const { functionName, url, lineNumber } = node.callFrame
    const file = shortUrl(url)
    const key = `${functionName || "(anonymous)"}  ${file}:${lineNumber + 1}`
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt)
    const pkg = file.startsWith("(") ? functionName : file.split("/").slice(0, file.startsWith("@") ? 2 : 1).join("/")
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt)
  })
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`
  const rows = (map: Map<string, number>) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `${pct(us)}  ${k}`)
  return [
    `${newest}: ${(total / 1000).toFixed(0)} ms sampled`,
    "",
    "self time by package / file:",
    ...rows(byPackage),
    "",
    "self time by function:",
    ...rows(selfUs)
  ].join("\n")
}

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { summarize: { type: "string" }, count: { type: "string", default: "100000" }, runs: { type: "string", default: "3" }, top: { type: "string", default: "30" } },
  strict: true
})

if (values.summarize !== undefined) {
  process.stdout.write(summarize(values.summarize, Number(values.top)) + "\n")
} else {
  const count = Number(values.count)
  const program = Effect.scoped(Effect.gen(function*() {
    const emulator = yield* EmulatorProcess.start({ counts: { openai: count } })
    const context = yield* oursContext(emulator.env)
    const contender = ours.openai(context)
    for (let i = 0; i < Number(values.runs); i++) {
      const ms = yield* checkedRun(contender, count)
      yield* Effect.sync(() => process.stderr.write(`run ${i + 1}: ${count} invites in ${ms.toFixed(0)} ms (${Math.round(count / (ms / 1000))} invites/s)\n`))
    }
  }))
  Effect.runPromise(program).catch((error) => {
    process.stderr.write(`${String(error)}\n`)
    process.exitCode = 1
  })
}
