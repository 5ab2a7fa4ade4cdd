/**
 * Secrets, library-level: each provider's source, built from the environment the way the CLI builds it, run
 * in-process with a tracer and a logger that record everything — span names, attributes, events and exits, log
 * messages, annotations and causes, at every level — over every way a listing ends. No form of the key appears
 * in any of it.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as ProviderSettings from "@invitekit/core/ProviderSettings"
import { Emulator } from "@invitekit/emulator"
import type * as Faults from "@invitekit/emulator/Faults"
import * as Cause from "effect/Cause"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Providers from "../../src/Providers.js"
import { type Handle, setFaults, start } from "../helpers.js"
import { forms, secretKeys, startEchoServer } from "./support.js"

const baseUrlVariables = {
  openai: "OPENAI_BASE_URL",
  anthropic: "ANTHROPIC_BASE_URL",
  portkey: "PORTKEY_BASE_URL",
  openlayer: "OPENLAYER_BASE_URL"
} as const

let emulator: Handle
let echo: Awaited<ReturnType<typeof startEchoServer>>

beforeAll(async () => {
  emulator = await start({ counts: { openai: 7, anthropic: 7, portkey: 7, openlayer: 4 }, keys: secretKeys })
  echo = await startEchoServer(emulator.invites("openlayer")[0])
})

afterAll(async () => {
  await echo.close()
  await emulator.close()
})

/** Everything a tracer and a logger were handed, as text. */
const recorder = () => {
  const records: Array<string> = []
  const text = (value: unknown): string => {
    if (typeof value === "string") return value
    try {
      return JSON.stringify(value) ?? String(value)
    } catch {
      return String(value)
    }
  }
  const exitText = (exit: Exit.Exit<unknown, unknown>) =>
    Exit.isSuccess(exit) ? "success" : `${Cause.pretty(exit.cause)} ${text(Cause.squash(exit.cause))}`
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      records.push(`span ${name}`)
      const attributes = new Map<string, unknown>()
      return {
        _tag: "Span",
        name,
        spanId: `span-${records.length}`,
        traceId: "trace",
        parent,
        context,
        links,
        sampled: true,
        kind,
        status: { _tag: "Started", startTime },
        attributes,
        attribute: (key, value) => {
          attributes.set(key, value)
          records.push(`attribute ${name} ${key}=${text(value)}`)
        },
        event: (event, _time, eventAttributes) => records.push(`event ${name} ${event} ${text(eventAttributes)}`),
        addLinks: () => {},
        end: (_endTime, exit) => records.push(`end ${name} ${exitText(exit)}`)
      } satisfies Tracer.Span
    },
    context: (f) => f()
  })
  const logger = Logger.make(({ annotations, cause, logLevel, message, spans }) => {
    records.push(
      `log ${logLevel.label} ${text(message)} ${text([...annotations])} ${Cause.pretty(cause)} ${text([...spans])}`
    )
  })
  return { records, tracer, logger }
}

interface Mode {
  readonly name: string
  /** The error every provider ends with, or none. */
  readonly tag?: string
  readonly fault?: Faults.Fault
  /** Overrides of the emulator's environment. */
  readonly env?: (provider: Emulator.ProviderName) => Record<string, string>
}

const modes: ReadonlyArray<Mode> = [
  { name: "success" },
  { name: "401", tag: "AuthenticationError", env: (provider) => ({ [Providers.definition(provider).variables.key]: `${secretKeys[provider]}x` }) },
  { name: "403", tag: "AuthenticationError", fault: { _tag: "UnexpectedStatus", status: 403 } },
  { name: "404", tag: "InvalidRequestError", fault: { _tag: "UnexpectedStatus", status: 404 } },
  { name: "503 until the retries run out", tag: "ProviderUnavailableError", fault: { _tag: "ServerError", status: 503 } },
  { name: "a timeout", tag: "ProviderUnavailableError", fault: { _tag: "Hang" } },
  { name: "an invalid response", tag: "InvalidResponseError", fault: { _tag: "InvalidJson" } },
  { name: "plain http to a remote host", tag: "ConfigError", env: (provider) => ({ [baseUrlVariables[provider]]: "http://api.example.invalid/v1" }) },
  { name: "a server echoing the key in its error message", tag: "InvalidRequestError", env: (provider) => ({ [baseUrlVariables[provider]]: `${echo.url}/error/${provider}` }) },
  { name: "a server echoing the key in a field", tag: "InvalidResponseError", env: (provider) => ({ [baseUrlVariables[provider]]: `${echo.url}/field/${provider}` }) },
  { name: "a server echoing the key in a redirect", tag: "InvalidResponseError", env: (provider) => ({ [baseUrlVariables[provider]]: `${echo.url}/redirect/${provider}` }) },
  { name: "a server echoing the key in a next-page link", tag: "InvalidResponseError", env: (provider) => ({ [baseUrlVariables[provider]]: `${echo.url}/link/${provider}` }) }
]

const cases = Emulator.providerNames.flatMap((provider) => modes.map((mode) => ({ provider, ...mode })))

/** Lists a provider in-process as the CLI does, recording every span and log. */
const list = (provider: Emulator.ProviderName, env: Record<string, string>) => {
  const { logger, records, tracer } = recorder()
  const program = Effect.flatMap(Providers.definition(provider).source(), (source) =>
    Stream.runCollect(source.list())).pipe(
      Effect.withSpan("list", { attributes: { provider } }),
      Effect.provide(FetchHttpClient.layer),
      Effect.provide(ProviderSettings.layer({
        timeout: Duration.millis(300),
        retry: { ...ProviderSettings.defaults.retry, maxRetries: 1, initialDelay: Duration.millis(5), maxDelay: Duration.millis(5) }
      })),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
      Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
      Logger.withMinimumLogLevel(LogLevel.All),
      Effect.withTracer(tracer),
      Effect.exit
    )
  return Effect.runPromise(program).then((exit) => ({ exit, records }))
}

describe("no span or log carries the key, for any provider and any ending", () => {
  it.each(cases)("$provider: $name", async ({ env, fault, provider, tag }) => {
    await setFaults(emulator, provider, fault === undefined ? {} : { random: { rate: 1, seed: 1, kinds: [fault] } })
    const { exit, records } = await list(provider, { ...emulator.env, ...env?.(provider) })
    if (tag === undefined) expect(Exit.isSuccess(exit)).toBe(true)
    else expect(Exit.isFailure(exit) && Cause.squash(exit.cause)).toMatchObject({ _tag: tag })
    const all = records.join("\n")
    if (tag !== "ConfigError") {
      // The request went out and was recorded, auth header included — redacted.
      expect(all).toContain("span ProviderHttp.get")
      expect(all).toMatch(/http\.request\.header\.(authorization|x-api-key|x-portkey-api-key)=<redacted>/)
    }
    for (const secret of forms(secretKeys[provider])) {
      expect(all.includes(secret), `a span or log shows ${secret}`).toBe(false)
    }
  })
})
