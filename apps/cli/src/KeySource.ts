/**
 * Reading an account's key from where the config file says: a variable, a file only its owner can read, or the
 * stdout of a command (a password manager). The key is `Redacted` as soon as it is read; a failure is a
 * `ConfigError` of the account naming the source — never the key, and never a command's stderr (it may hold
 * secrets).
 *
 * @since 0.2.0
 */
import type * as Provider from "@invitekit/core/Provider"
import * as ProviderConfig from "@invitekit/core/ProviderConfig"
import * as ProviderError from "@invitekit/core/ProviderError"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { spawn } from "node:child_process"
import { readFile, stat } from "node:fs/promises"
import type { KeySource } from "./ConfigFile.js"

/**
 * How long a key command may run.
 *
 * @since 0.2.0
 */
export const commandTimeoutMillis = 10_000

/** A key is one header value: no white space inside, and not absurdly long. */
const maxKeyBytes = 16 * 1024

/**
 * How errors name a key source: the variable, `key file PATH`, or `key command "…"`.
 *
 * @since 0.2.0
 */
export const label = (source: KeySource): string => {
  switch (source._tag) {
    case "env":
      return source.variable
    case "file":
      return `key file ${source.path}`
    case "command":
      return `key command "${source.command}"`
  }
}

/**
 * How `invitekit accounts` shows a key source.
 *
 * @since 0.2.0
 */
export const describe = (source: KeySource): string => {
  switch (source._tag) {
    case "env":
      return `env ${source.variable}`
    case "file":
      return `file ${source.written}`
    case "command":
      return `command ${source.command}`
  }
}

/**
 * Reads the key of an account.
 *
 * @since 0.2.0
 */
export const read = (
  account: { readonly name: string; readonly provider: Provider.Provider },
  source: KeySource
): Effect.Effect<Redacted.Redacted<string>, ProviderError.ConfigError> => {
  const fail = (reason: string) =>
    new ProviderError.ConfigError({ provider: account.provider, account: account.name, variable: label(source), reason })
  switch (source._tag) {
    case "env":
      return Effect.mapError(
        ProviderConfig.key(account.provider, source.variable),
        (error) => new ProviderError.ConfigError({ ...error, account: account.name })
      )
    case "file":
      return Effect.flatMap(fromFile(source.path, fail), (key) => checked(key, fail, "holds"))
    case "command":
      return Effect.flatMap(fromCommand(source.command, fail), (key) => checked(key, fail, "printed"))
  }
}

const checked = (
  text: Redacted.Redacted<string>,
  fail: (reason: string) => ProviderError.ConfigError,
  verb: string
): Effect.Effect<Redacted.Redacted<string>, ProviderError.ConfigError> => {
  const key = Redacted.value(text).trim()
  if (key === "") return Effect.fail(fail(`${verb} no key`))
  if (/\s/.test(key)) return Effect.fail(fail(`${verb} more than one word: it must be the key alone`))
  return Effect.succeed(Redacted.make(key))
}

const fromFile = (
  path: string,
  fail: (reason: string) => ProviderError.ConfigError
): Effect.Effect<Redacted.Redacted<string>, ProviderError.ConfigError> =>
  Effect.gen(function*() {
    const info = yield* Effect.tryPromise({ try: () => stat(path), catch: (error) => fail(fsReason(error)) })
    if (!info.isFile()) return yield* fail("is not a file")
    // As ssh does with its keys: a key others can read is no longer a secret.
    if (process.platform !== "win32" && (info.mode & 0o077) !== 0) {
      const mode = (info.mode & 0o777).toString(8).padStart(3, "0")
      return yield* fail(`is readable by group or others (mode ${mode}): run chmod 600 ${path}`)
    }
    if (info.size > maxKeyBytes) return yield* fail("is too large to hold a key")
    return yield* Effect.tryPromise({
      try: () => readFile(path, "utf8").then(Redacted.make),
      catch: (error) => fail(fsReason(error))
    })
  })

const fsReason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === "ENOENT" ? "does not exist" : code === "EACCES" ? "cannot be read (permission denied)" : `cannot be read (${code ?? "error"})`
}

const fromCommand = (
  command: string,
  fail: (reason: string) => ProviderError.ConfigError
): Effect.Effect<Redacted.Redacted<string>, ProviderError.ConfigError> =>
  Effect.async<Redacted.Redacted<string>, ProviderError.ConfigError>((resume) => {
    // No terminal to prompt on (stdin closed), and stderr dropped unread: it may hold secrets.
    const child = spawn("sh", ["-c", command], { stdio: ["ignore", "pipe", "ignore"] })
    const chunks: Array<Buffer> = []
    let size = 0
    let settled = false
    const settle = (result: Effect.Effect<Redacted.Redacted<string>, ProviderError.ConfigError>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resume(result)
    }
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      settle(Effect.fail(fail(`did not finish within ${commandTimeoutMillis / 1000} s`)))
    }, commandTimeoutMillis)
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > maxKeyBytes) {
        child.kill("SIGKILL")
        settle(Effect.fail(fail("printed too much to be a key")))
      } else chunks.push(chunk)
    })
    child.on("error", (error) => settle(Effect.fail(fail(`could not be started (${(error as NodeJS.ErrnoException).code ?? "error"})`))))
    child.on("close", (code, signal) => {
      if (code === 0) settle(Effect.succeed(Redacted.make(Buffer.concat(chunks).toString("utf8"))))
      else {
        const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`
        settle(Effect.fail(fail(`${how} (its stderr is not shown: run it yourself to see why)`)))
      }
    })
    return Effect.sync(() => {
      clearTimeout(timer)
      child.kill("SIGKILL")
    })
  })
