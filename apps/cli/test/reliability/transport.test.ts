import { Emulator } from "@invitekit/emulator"
/**
 * Transport security: a key is sent over plain http:// only to loopback. Any other host is refused before a
 * request is made (exit 2), with a message that says why and names the override; with the override, the request
 * is made. Every host here is a reserved `.invalid` name, which never resolves: nothing leaves the machine.
 */
import * as Provider from "@invitekit/core/Provider"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { counters, envFor, expected, type Handle, resetCounters, start } from "../helpers.js"
import { run } from "./support.js"

const baseUrlVariables = {
  openai: "OPENAI_BASE_URL",
  anthropic: "ANTHROPIC_BASE_URL",
  portkey: "PORTKEY_BASE_URL",
  openlayer: "OPENLAYER_BASE_URL"
} as const

let emulator: Handle

beforeAll(async () => {
  emulator = await start({ counts: { openai: 4, anthropic: 4, portkey: 4, openlayer: 2 } })
})

afterAll(async () => {
  await emulator.close()
})

/** One provider configured from the emulator, its base URL replaced. */
const envWith = (provider: Emulator.ProviderName, baseUrl: string, extra: Record<string, string> = {}) => ({
  ...envFor(emulator, [provider]),
  [baseUrlVariables[provider]]: baseUrl,
  ...extra
})

// Retries 0 and a short timeout: an override's request fails fast (no such host), never hangs the test.
const fast = ["--max-retries", "0", "--timeout", "3"]

const refused = Emulator.providerNames.flatMap((provider) =>
  ["api.invalid", "localhost.invalid", "127.0.0.1.invalid"].map((host) => ({ provider, host }))
)

describe("plain http to anything but loopback is refused", () => {
  it.each(refused)("$provider: http://$host is refused with exit 2, saying why and how to override", async ({ host, provider }) => {
    const result = await run(["list", "-f", "ndjson", ...fast], { env: envWith(provider, `http://${host}/v1`) })
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: "" })
    const line = result.stderr.trim()
    expect(line.split("\n")).toHaveLength(1)
    expect(line).toContain(Provider.displayName(provider))
    expect(line).toContain(baseUrlVariables[provider])
    expect(line).toContain(`plain http:// to ${host}`)
    expect(line).toContain("unencrypted")
    expect(line).toContain("--allow-insecure-http")
    expect(line).toContain("INVITEKIT_ALLOW_INSECURE_HTTP=true")
  })

  it("INVITEKIT_ALLOW_INSECURE_HTTP=false refuses as well", async () => {
    const result = await run(["list", ...fast], {
      env: envWith("openai", "http://api.invalid/v1", { INVITEKIT_ALLOW_INSECURE_HTTP: "false" })
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("--allow-insecure-http")
  })

  it.each([
    { name: "--allow-insecure-http", args: ["--allow-insecure-http"], env: {} },
    { name: "INVITEKIT_ALLOW_INSECURE_HTTP=true", args: [], env: { INVITEKIT_ALLOW_INSECURE_HTTP: "true" } }
  ])("with $name the request is made, and fails as unavailable (the name never resolves), without retrying", async ({ args, env }) => {
    for (const provider of Emulator.providerNames) {
      const result = await run(["list", "-f", "ndjson", ...args, ...fast], {
        env: envWith(provider, "http://x.invalid/v1", env),
        timeoutMs: 10_000
      })
      expect({ provider, code: result.code }).toEqual({ provider, code: 4 })
      expect(result.stderr).toContain(`${Provider.displayName(provider)} is unavailable`)
      expect(result.stderr).toContain("failed 1 attempt ")
    }
  }, 60_000)

  it("https to the same host is not refused as insecure (it fails as unavailable)", async () => {
    const result = await run(["list", ...fast], { env: envWith("anthropic", "https://api.invalid") })
    expect(result.code).toBe(4)
    expect(result.stderr).not.toContain("--allow-insecure-http")
  })

  it.each(["127.0.0.1", "localhost"])("plain http to loopback (%s) needs no override", async (host) => {
    await resetCounters(emulator)
    const url = new URL(emulator.openai.baseUrl)
    url.hostname = host
    const result = await run(["list", "-f", "ndjson", "--provider", "openai"], {
      env: envWith("openai", url.href.replace(/\/$/, ""))
    })
    expect(result.code).toBe(0)
    expect(result.stdout.trim().split("\n")).toHaveLength(expected(emulator, "openai").length)
    expect((await counters(emulator, "openai")).requests).toBe(1)
  })
})
