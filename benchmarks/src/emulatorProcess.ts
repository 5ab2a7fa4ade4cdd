/**
 * The emulator in its own process (`@invitekit/emulator`'s bin). The machine has two cores: serving in the
 * benchmark's process would put the server's JSON encoding on the same event loop as the client being timed.
 * Counters are read over the emulator's `/_emulator/counters` endpoint.
 */
import type { Dataset } from "@invitekit/emulator"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { type ChildProcess, spawn } from "node:child_process"
import { request } from "node:http"
import { fileURLToPath } from "node:url"
import { BenchError, describe } from "./BenchError.js"

export type ProviderName = Dataset.ProviderName

export interface Counters {
  readonly requests: number
  readonly inFlight: number
  readonly maxInFlight: number
}

export interface Options {
  /** Invites per provider (Openlayer: per workspace). */
  readonly counts: Partial<Record<ProviderName, number>>
  /** Latency added to every request of every provider. */
  readonly latencyMs?: number
}

export interface EmulatorProcess {
  readonly pid: number
  /** `http://127.0.0.1:PORT` */
  readonly url: string
  /** `OPENAI_BASE_URL`, `OPENAI_ADMIN_KEY`, … as the emulator printed them. */
  readonly env: Readonly<Record<string, string>>
  readonly workspaceIds: ReadonlyArray<string>
  readonly counters: Effect.Effect<Readonly<Record<ProviderName, Counters>>, BenchError>
  readonly resetCounters: Effect.Effect<void, BenchError>
}

/** The variables the emulator prints, all of which must arrive before it counts as started. */
const expectedVariables = [
  "OPENAI_BASE_URL",
  "OPENAI_ADMIN_KEY",
  "ANTHROPIC_BASE_URL",
  "ANTHROPIC_ADMIN_KEY",
  "PORTKEY_BASE_URL",
  "PORTKEY_API_KEY",
  "OPENLAYER_BASE_URL",
  "OPENLAYER_API_KEY",
  "OPENLAYER_WORKSPACE_ID"
]

const binPath = (): string => fileURLToPath(import.meta.resolve("@invitekit/emulator/bin"))

const flags = (options: Options): Array<string> => {
  const args = ["--port", "0", "--host", "127.0.0.1"]
  for (const [provider, count] of Object.entries(options.counts)) args.push(`--count-${provider}`, String(count))
  if (options.latencyMs !== undefined) args.push("--latency", String(options.latencyMs))
  return args
}

/** `export NAME=value` or `export NAME='value'` (the emulator quotes anything unusual). */
const parseExport = (line: string): readonly [string, string] | undefined => {
  const match = /^export ([A-Z_]+)=(.*)$/.exec(line.trim())
  if (match === null) return undefined
  const raw = match[2]!
  const value = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replace(/'\\''/g, "'") : raw
  return [match[1]!, value]
}

const waitForExports = (child: ChildProcess): Effect.Effect<Record<string, string>, BenchError> =>
  Effect.async<Record<string, string>, BenchError>((resume) => {
    const env: Record<string, string> = {}
    let stdout = ""
    let stderr = ""
    const done = (effect: Effect.Effect<Record<string, string>, BenchError>) => {
      clearTimeout(timer)
      child.stdout?.off("data", onStdout)
      child.off("exit", onExit)
      resume(effect)
    }
    const onStdout = (chunk: Buffer) => {
      stdout += chunk.toString("utf8")
      const lines = stdout.split("\n")
      stdout = lines.pop() ?? ""
      for (const line of lines) {
        const parsed = parseExport(line)
        if (parsed !== undefined) env[parsed[0]] = parsed[1]
      }
      if (expectedVariables.every((name) => name in env)) done(Effect.succeed(env))
    }
    const onExit = (code: number | null) =>
      done(Effect.fail(new BenchError({ message: `the emulator exited (${code}) before it was ready: ${stderr.trim()}` })))
    child.stdout?.on("data", onStdout)
    // stderr is kept only to explain a failed start; drained either way so the pipe never fills
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 10_000) stderr += chunk.toString("utf8")
    })
    child.once("exit", onExit)
    const timer = setTimeout(
      () => done(Effect.fail(new BenchError({ message: `the emulator did not print its address within 15 s: ${stderr}` }))),
      15_000
    )
  })

const stop = (child: ChildProcess): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.void)
    // SIGINT lets the emulator close its sockets and exit 0; SIGKILL only if it does not within 5 s
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000)
    child.once("exit", () => {
      clearTimeout(timer)
      resume(Effect.void)
    })
    child.kill("SIGINT")
  })

/** One control call, on its own connection so it never shares a pool with the clients being measured. */
const control = (url: string, method: "GET" | "DELETE"): Effect.Effect<string, BenchError> =>
  Effect.async<string, BenchError>((resume) => {
    const req = request(url, { method, agent: false }, (res) => {
      let body = ""
      res.setEncoding("utf8")
      res.on("data", (chunk: string) => (body += chunk))
      res.on("end", () =>
        (res.statusCode ?? 0) < 300
          ? resume(Effect.succeed(body))
          : resume(Effect.fail(new BenchError({ message: `${method} ${url}: HTTP ${res.statusCode} ${body}` }))))
    })
    req.on("error", (cause) => resume(Effect.fail(new BenchError({ message: `${method} ${url}: ${describe(cause)}`, cause }))))
    req.end()
  })

/** Starts an emulator process; it is stopped (SIGINT) when the scope closes. */
export const start = (options: Options): Effect.Effect<EmulatorProcess, BenchError, Scope.Scope> =>
  Effect.gen(function*() {
    let stopping = false
    const child = yield* Effect.acquireRelease(
      Effect.try({
        try: () => spawn(process.execPath, [binPath(), ...flags(options)], { stdio: ["ignore", "pipe", "pipe"] }),
        catch: (cause) => new BenchError({ message: `cannot start the emulator: ${describe(cause)}`, cause })
      }),
      (child) => Effect.suspend(() => {
        stopping = true
        return stop(child)
      })
    )
    const env = yield* waitForExports(child)
    // An emulator that dies mid-measurement shows up in the clients only as connection errors: say why it died.
    let stderrTail = ""
    child.stderr?.on("data", (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString("utf8")).slice(-4000)
    })
    child.once("exit", (code, signal) => {
      if (!stopping) {
        process.stderr.write(`      the emulator (pid ${child.pid}) exited unexpectedly (${signal ?? code}):\n${stderrTail}\n`)
      }
    })
    const url = new URL(env.OPENAI_BASE_URL!).origin
    const counters = Effect.flatMap(control(`${url}/_emulator/counters`, "GET"), (body) =>
      Effect.try({
        try: () => JSON.parse(body) as Record<ProviderName, Counters>,
        catch: (cause) => new BenchError({ message: `unreadable counters: ${body}`, cause })
      }))
    return {
      pid: child.pid ?? -1,
      url,
      env,
      workspaceIds: env.OPENLAYER_WORKSPACE_ID!.split(","),
      counters,
      resetCounters: Effect.asVoid(control(`${url}/_emulator/counters`, "DELETE"))
    }
  })
