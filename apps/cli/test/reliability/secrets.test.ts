import { Emulator } from "@invitekit/emulator"
/**
 * Secrets: every provider × every way a listing can end × every log level, and the key never shows — not on
 * stdout, not on stderr (errors and logs), not as `Bearer <key>`, base64, URL-encoded or cut short. Each run
 * lists all four providers at once, each failing the same way, with distinctive keys.
 */
import * as Provider from "@invitekit/core/Provider"
import type * as Faults from "@invitekit/emulator/Faults"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Handle, setFaults, start } from "../helpers.js"
import { checkPrinted, expectComplete, forms, run, secretKeys, startEchoServer } from "./support.js"

const providers = Emulator.providerNames
/** Wrong keys the emulator refuses: sent, so they must not show either. */
const wrongKeys: Readonly<Record<Emulator.ProviderName, string>> = {
  openai: "sk-admin-WRONGx8Jd3kQ9mZ2vL5tR7nB4cY6hopenai",
  anthropic: "sk-ant-admin01-WRONGp4Nq8sV2xK6mT9bL3cJ7dHanthropic",
  portkey: "pk-live-WRONGk7Tz3mQ8vX1nB5cR9yL2hDportkey",
  openlayer: "ol-live-WRONGw5Rk9pZ2tM6vQ3nX8bL1cJopenlayer"
}
const keyVariables = {
  openai: "OPENAI_ADMIN_KEY",
  anthropic: "ANTHROPIC_ADMIN_KEY",
  portkey: "PORTKEY_API_KEY",
  openlayer: "OPENLAYER_API_KEY"
} as const
const baseUrlVariables = {
  openai: "OPENAI_BASE_URL",
  anthropic: "ANTHROPIC_BASE_URL",
  portkey: "PORTKEY_BASE_URL",
  openlayer: "OPENLAYER_BASE_URL"
} as const
// @effect/cli's built-in --log-level (given before the subcommand), and no flag at all.
const logLevels = [undefined, "all", "trace", "debug", "info", "warning", "error", "fatal", "none"] as const

let emulator: Handle
let echo: Awaited<ReturnType<typeof startEchoServer>>

beforeAll(async () => {
  emulator = await start({ counts: { openai: 12, anthropic: 12, portkey: 12, openlayer: 6 }, keys: secretKeys })
  echo = await startEchoServer(emulator.invites("openlayer")[0])
})

afterAll(async () => {
  await echo.close()
  await emulator.close()
})

interface Mode {
  readonly name: string
  /** The exit code: the first provider's (openai), as the CLI decides. */
  readonly code: number
  /** The environment of the run; the emulator's by default. */
  readonly env?: () => Record<string, string>
  /** The fault every request of a provider gets: one for all, or one each. */
  readonly fault?: Faults.Fault | Readonly<Record<Emulator.ProviderName, Faults.Fault>>
  readonly args?: ReadonlyArray<string>
}

/** The emulator's environment with each provider's base URL replaced. */
const withBaseUrls = (url: (provider: Emulator.ProviderName) => string) => () => ({
  ...emulator.env,
  ...Object.fromEntries(providers.map((provider) => [baseUrlVariables[provider], url(provider)]))
})

/** How the echo server sends each provider's key back. */
const echoModes = { openai: "error", anthropic: "field", portkey: "redirect", openlayer: "link" } as const

const modes: ReadonlyArray<Mode> = [
  { name: "success", code: 0 },
  {
    name: "401: the key is refused",
    code: 3,
    env: () => ({
      ...emulator.env,
      ...Object.fromEntries(providers.map((provider) => [keyVariables[provider], wrongKeys[provider]]))
    })
  },
  { name: "403: the key may not list invites", code: 3, fault: { _tag: "UnexpectedStatus", status: 403 } },
  {
    name: "400 / 404: the request is rejected",
    code: 2,
    fault: {
      openai: { _tag: "UnexpectedStatus", status: 400 },
      anthropic: { _tag: "UnexpectedStatus", status: 404 },
      portkey: { _tag: "UnexpectedStatus", status: 400 },
      openlayer: { _tag: "UnexpectedStatus", status: 404 }
    }
  },
  {
    name: "5xx or resets until the retries run out",
    code: 4,
    fault: {
      openai: { _tag: "ServerError", status: 503 },
      anthropic: { _tag: "ServerError", status: 529 },
      portkey: { _tag: "ResetMidBody" },
      openlayer: { _tag: "HtmlBadGateway" }
    },
    args: ["--max-retries", "1"]
  },
  { name: "a timeout", code: 4, fault: { _tag: "Hang" }, args: ["--timeout", "0.3", "--max-retries", "0"] },
  {
    name: "an invalid response",
    code: 5,
    fault: {
      openai: { _tag: "WrongType" },
      anthropic: { _tag: "HtmlOk" },
      portkey: { _tag: "InvalidJson" },
      openlayer: { _tag: "NullData" }
    }
  },
  {
    name: "a config error: plain http to a remote host",
    code: 2,
    env: withBaseUrls((provider) => `http://${provider}.invalid/v1`)
  },
  {
    name: "a hostile server echoing the key (error message, field, Location, next-page link)",
    code: 2,
    env: withBaseUrls((provider) => `${echo.url}/${echoModes[provider]}/${provider}`)
  }
]

const secrets = providers.flatMap((provider) => [...forms(secretKeys[provider]), ...forms(wrongKeys[provider])])

describe("the key never shows, whatever happens and at any log level", () => {
  it("the matrix covers every provider, mode and level", () => {
    expect(providers).toHaveLength(4)
    expect(modes.length * logLevels.length).toBeGreaterThanOrEqual(80)
  })

  it.each(modes)("$name → exit $code, at every log level, for all four providers", async (mode) => {
    for (const provider of providers) {
      const fault = mode.fault === undefined || "_tag" in mode.fault ? mode.fault : mode.fault[provider]
      await setFaults(emulator, provider, fault === undefined ? {} : { random: { rate: 1, seed: 1, kinds: [fault] } })
    }
    const env = mode.env?.() ?? { ...emulator.env }
    const results = await Promise.all(logLevels.map((level) =>
      run(
        [...(level === undefined ? [] : ["--log-level", level]), "list", "-f", "ndjson", ...(mode.args ?? ["--max-retries", "0"])],
        { env, timeoutMs: 20_000 }
      )
    ))
    for (const [index, result] of results.entries()) {
      const level = logLevels[index] ?? "(default)"
      expect({ level, code: result.code }).toEqual({ level, code: mode.code })
      // Logs go to stderr: at every level stdout holds whole invites only (all of them when nothing failed).
      if (mode.code === 0) expectComplete(emulator, providers, result.stdout)
      else checkPrinted(emulator, providers, result.stdout)
      if (mode.code !== 0) {
        // Every provider failed, and said so.
        for (const provider of providers) expect(result.stderr).toContain(Provider.displayName(provider))
      }
      for (const secret of secrets) {
        expect(result.stdout.includes(secret), `${level}: stdout shows ${secret}`).toBe(false)
        expect(result.stderr.includes(secret), `${level}: stderr shows ${secret}`).toBe(false)
      }
    }
    // The verbose levels did log (else the matrix would not test logs at all): every answered request.
    if (mode.code === 0) {
      for (const level of ["all", "trace", "debug"] as const) {
        expect(results[logLevels.indexOf(level)]!.stderr).toContain("level=DEBUG")
      }
      expect(results[logLevels.indexOf(undefined)]!.stderr).toBe("")
    }
  }, 60_000)
})
