/**
 * Runs the bundled CLI as a child process (real stdout, stderr and exit code) and maps the emulator's data
 * the way the providers do, so outputs can be compared with what the emulator serves.
 */
import * as AnthropicInvites from "@invitekit/anthropic/AnthropicInvites"
import * as AnthropicSchema from "@invitekit/anthropic/AnthropicSchema"
import * as Invite from "@invitekit/core/Invite"
import type { ProviderName as Provider } from "@invitekit/emulator/Emulator"
import * as Emulator from "@invitekit/emulator/Emulator"
import * as OpenAiInvites from "@invitekit/openai/OpenAiInvites"
import * as OpenAiSchema from "@invitekit/openai/OpenAiSchema"
import * as OpenlayerInvites from "@invitekit/openlayer/OpenlayerInvites"
import * as OpenlayerSchema from "@invitekit/openlayer/OpenlayerSchema"
import * as PortkeyInvites from "@invitekit/portkey/PortkeyInvites"
import * as PortkeySchema from "@invitekit/portkey/PortkeySchema"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

export const bin = fileURLToPath(new URL("../dist/invitekit.mjs", import.meta.url))

export interface Result {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Everything any run printed, to check that no key ever shows. */
export const printed: Array<string> = []

export interface RunOptions {
  /** The whole environment of the child (nothing is inherited but PATH). */
  readonly env?: Readonly<Record<string, string>>
  /** Called once the child runs, e.g. to signal it. */
  readonly onSpawn?: (child: ChildProcess, output: { stdout: () => string }) => void
  readonly timeoutMs?: number
}

const emptyConfigHome = mkdtempSync(join(tmpdir(), "invitekit-config-"))
process.once("exit", () => rmSync(emptyConfigHome, { recursive: true, force: true }))

/** Runs the bundled CLI (`bin`, or a copy of it) as a child process and collects what it printed. */
export const runBundle = (bundle: string, args: ReadonlyArray<string>, options: RunOptions = {}): Promise<Result> =>
  new Promise((resolve, reject) => {
    // Generous: a loaded machine can take seconds to start a process; a hang still ends the test.
    const timeoutMs = options.timeoutMs ?? 50_000
    const child = spawn(process.execPath, [bundle, ...args], {
      // Nothing is inherited but PATH, and the config directory is an empty one of the tests' own: a config file
      // in the home of whoever runs the tests must not become part of them.
      env: { PATH: process.env["PATH"] ?? "", XDG_CONFIG_HOME: emptyConfigHome, ...options.env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`invitekit ${args.join(" ")} did not finish in ${timeoutMs} ms\n${stderr}`))
    }, timeoutMs)
    child.on("error", reject)
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      printed.push(stdout, stderr)
      resolve({ code, signal, stdout, stderr })
    })
    options.onSpawn?.(child, { stdout: () => stdout })
  })

/** Runs the bundled CLI as a child process. */
export const run = (args: ReadonlyArray<string>, options: RunOptions = {}): Promise<Result> =>
  runBundle(bin, args, options)

export type Handle = Awaited<ReturnType<typeof Emulator.startPromise>>

export const start = (options: Emulator.Options = {}): Promise<Handle> => Emulator.startPromise(options)

export const setFaults = (handle: Handle, provider: Provider, plan: Parameters<Handle["setFaults"]>[1]) =>
  Effect.runPromise(handle.setFaults(provider, plan))

export const counters = (handle: Handle, provider: Provider) => Effect.runPromise(handle.counters(provider))

export const resetCounters = (handle: Handle) => Effect.runPromise(handle.resetCounters)

/** The emulator's environment restricted to some providers. */
export const envFor = (handle: Handle, providers: ReadonlyArray<Provider>): Record<string, string> => {
  const prefixes = providers.map((provider) => `${provider.toUpperCase()}_`)
  return Object.fromEntries(Object.entries(handle.env).filter(([name]) => prefixes.some((p) => name.startsWith(p))))
}

/** What the emulator serves for a provider, as the JSON encoding the CLI prints (in the provider's order). */
export const expected = (handle: Handle, provider: Provider): ReadonlyArray<Invite.Encoded> => {
  const wire = handle.invites(provider)
  const map = <A, I>(schema: Schema.Schema<A, I>, toInvite: (a: A) => Invite.Invite) =>
    wire.map((raw) => Invite.encode(toInvite(Schema.decodeUnknownSync(schema)(raw))))
  switch (provider) {
    case "openai":
      return map(OpenAiSchema.Invite, OpenAiInvites.toInvite)
    case "anthropic":
      return map(AnthropicSchema.Invite, AnthropicInvites.toInvite)
    case "portkey":
      return map(PortkeySchema.Invite, PortkeyInvites.toInvite)
    case "openlayer":
      return map(OpenlayerSchema.Invite, OpenlayerInvites.toInvite)
  }
}

export const expectedAll = (handle: Handle, providers: ReadonlyArray<Provider>) =>
  providers.flatMap((provider) => expected(handle, provider))

/** RFC 4180 parser: quoted fields with doubled quotes, CRLF records. */
export const parseCsv = (text: string): Array<Array<string>> => {
  const records: Array<Array<string>> = []
  let field = ""
  let record: Array<string> = []
  let i = 0
  let quoted = false
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === "\"" && text[i + 1] === "\"") {
        field += "\""
        i += 2
        continue
      }
      if (c === "\"") {
        quoted = false
        i++
        continue
      }
      field += c
      i++
      continue
    }
    if (c === "\"" && field === "") {
      quoted = true
      i++
    } else if (c === ",") {
      record.push(field)
      field = ""
      i++
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field)
      records.push(record)
      record = []
      field = ""
      i += 2
    } else {
      field += c
      i++
    }
  }
  if (field !== "" || record.length > 0) throw new Error(`unterminated CSV record: ${JSON.stringify(record)}`)
  return records
}

/** Lines of an ndjson output, parsed; fails on a partial line. */
export const parseNdjson = (text: string): Array<Invite.Encoded> => {
  if (text === "") return []
  if (!text.endsWith("\n")) throw new Error("ndjson output does not end with a line end")
  return text.slice(0, -1).split("\n").map((line) => JSON.parse(line) as Invite.Encoded)
}

export const ids = (invites: ReadonlyArray<{ readonly id: string }>) => invites.map((invite) => invite.id)

export const sortById = <A extends { readonly provider: string; readonly id: string }>(invites: ReadonlyArray<A>) =>
  [...invites].sort((a, b) => `${a.provider}/${a.id}`.localeCompare(`${b.provider}/${b.id}`))

/** Every key the emulator accepts, and more: none may ever be printed. */
export const keysOf = (handle: Handle): ReadonlyArray<string> => [
  handle.env["OPENAI_ADMIN_KEY"]!,
  handle.env["ANTHROPIC_ADMIN_KEY"]!,
  handle.env["PORTKEY_API_KEY"]!,
  handle.env["OPENLAYER_API_KEY"]!
]
