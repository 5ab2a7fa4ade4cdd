/**
 * 4. Memory: peak RSS of `invitekit list --provider openai --format ndjson > /dev/null` over a large list and
 * one ten times smaller. A stream that never holds the list keeps the two peaks close. The emulators run in
 * their own processes, so only the CLI's memory is counted.
 */
import * as Effect from "effect/Effect"
import { spawn } from "node:child_process"
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { BenchError, describe } from "./BenchError.js"
import { bundle, cleanEnv } from "./cli.js"
import * as EmulatorProcess from "./emulatorProcess.js"
import type { Outcome } from "./report.js"
import { largestPageSize } from "./roundTrips.js"
import { alternate, median } from "./stats.js"

export interface Config {
  readonly small: number
  readonly large: number
  readonly rounds: number
}

const ratioGoal = 1.25
const peakGoalMb = 200
const gnuTime = "/usr/bin/time"

interface Run {
  readonly peakKb: number
  readonly ms: number
}

const readProcStatusHwm = (pid: number): number | undefined => {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))
    return match === null ? undefined : Number(match[1])
  } catch {
    return undefined
  }
}

/**
 * Runs the command with stdout on /dev/null and returns its peak RSS: GNU time's `%M` when installed, else the
 * kernel's high-water mark (`VmHWM`) polled every 10 ms until the process exits.
 */
const peakRss = (command: ReadonlyArray<string>, env: NodeJS.ProcessEnv): Effect.Effect<Run, BenchError> =>
  Effect.async<Run, BenchError>((resume) => {
    const useTime = existsSync(gnuTime)
    const dir = mkdtempSync(join(tmpdir(), "invitekit-bench-"))
    const timeFile = join(dir, "time")
    const devNull = openSync("/dev/null", "w")
    const [file, ...args] = useTime ? [gnuTime, "-f", "%M", "-o", timeFile, ...command] : command
    const started = performance.now()
    const child = spawn(file!, args, { stdio: ["ignore", devNull, "pipe"], env })
    let stderr = ""
    let polledKb = 0
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 10_000) stderr += chunk.toString("utf8")
    })
    const poll = useTime ? undefined : setInterval(() => {
      polledKb = Math.max(polledKb, readProcStatusHwm(child.pid ?? -1) ?? 0)
    }, 10)
    const cleanup = () => {
      if (poll !== undefined) clearInterval(poll)
      closeSync(devNull)
      rmSync(dir, { recursive: true, force: true })
    }
    child.on("error", (cause) => {
      cleanup()
      resume(Effect.fail(new BenchError({ message: `cannot run ${command.join(" ")}: ${describe(cause)}`, cause })))
    })
    child.on("close", (code) => {
      const ms = performance.now() - started
      const timeOutput = useTime && existsSync(timeFile) ? readFileSync(timeFile, "utf8") : ""
      cleanup()
      if (code !== 0) {
        return resume(Effect.fail(new BenchError({ message: `${command.join(" ")} exited ${code}: ${stderr.trim().slice(0, 2000)}` })))
      }
      // GNU time writes "%M" last (a "Command exited…" line would come first)
      const peakKb = useTime ? Number(timeOutput.trim().split("\n").at(-1)) : polledKb
      if (!Number.isFinite(peakKb) || peakKb <= 0) {
        return resume(Effect.fail(new BenchError({ message: `no peak RSS for ${command.join(" ")}: ${JSON.stringify(timeOutput)}` })))
      }
      resume(Effect.succeed({ peakKb, ms }))
    })
  })

export const run = (config: Config): Effect.Effect<Outcome, unknown> =>
  Effect.scoped(Effect.gen(function*() {
    const cli = yield* bundle
    const sizes = [config.small, config.large] as const
    const emulators = yield* Effect.all(
      sizes.map((count) => EmulatorProcess.start({ counts: { openai: count } })),
      { concurrency: "unbounded" }
    )
    const runs: Record<number, Array<Run>> = { [config.small]: [], [config.large]: [] }
    for (let round = 0; round < config.rounds; round++) {
      for (const index of alternate([0, 1], round)) {
        const count = sizes[index]!
        const emulator = emulators[index]!
        yield* emulator.resetCounters
        const result = yield* peakRss(
          [process.execPath, cli, "list", "--provider", "openai", "--format", "ndjson"],
          cleanEnv({ OPENAI_BASE_URL: emulator.env.OPENAI_BASE_URL!, OPENAI_ADMIN_KEY: emulator.env.OPENAI_ADMIN_KEY! })
        )
        // stdout went to /dev/null: the request count is the proof that the whole list was walked
        const requests = (yield* emulator.counters).openai.requests
        const expected = Math.ceil(count / largestPageSize.openai)
        if (requests !== expected) {
          return yield* new BenchError({ message: `invitekit list made ${requests} requests for ${count} invites, expected ${expected}` })
        }
        runs[count]!.push(result)
      }
    }
    const peakMb = (count: number) => median(runs[count]!.map((r) => r.peakKb)) / 1024
    const invitesPerSecond = (count: number) => count / (median(runs[count]!.map((r) => r.ms)) / 1000)
    const ratio = peakMb(config.large) / peakMb(config.small)
    const n = (count: number) => count.toLocaleString("en-US")
    return {
      targets: [
        {
          name: `memory · peak RSS ${n(config.large)} ÷ ${n(config.small)} invites`,
          measured: ratio,
          unit: "×",
          goal: `≤ ${ratioGoal.toFixed(2)}×`,
          pass: ratio <= ratioGoal
        },
        {
          name: `memory · peak RSS at ${n(config.large)} invites`,
          measured: peakMb(config.large),
          unit: "MB",
          goal: `< ${peakGoalMb} MB`,
          pass: peakMb(config.large) < peakGoalMb
        }
      ],
      observations: [
        { name: `memory · peak RSS at ${n(config.small)} invites`, measured: peakMb(config.small), unit: "MB" },
        { name: `memory · invitekit list ndjson, ${n(config.large)} invites (whole process)`, measured: invitesPerSecond(config.large), unit: "invites/s" }
      ],
      raw: {
        command: "invitekit list --provider openai --format ndjson > /dev/null",
        peakRssSource: existsSync(gnuTime) ? "GNU time %M" : "/proc/<pid>/status VmHWM",
        runs: Object.fromEntries(Object.entries(runs).map(([count, rs]) => [count, rs.map((r) => ({ peakKb: r.peakKb, ms: Math.round(r.ms) }))]))
      }
    }
  }))
