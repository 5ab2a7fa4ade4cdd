import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import { beforeAll, describe, expect, it } from "vitest"
import * as Either from "effect/Either"
import { Dataset, Emulator, Standalone } from "../src/index.js"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

describe("Standalone.parseArgs", () => {
  it("gives no options for no arguments: every default applies", () => {
    expect(Standalone.parseArgs([])).toEqual({})
  })

  it("maps each flag to its option", () => {
    expect(Standalone.parseArgs([
      "--port", "4010", "--host", "0.0.0.0", "--seed", "9", "--latency", "25",
      "--openai-timestamp-field", "invited_at", "--portkey-max-page-size", "50", "--openlayer-next-link", "relative"
    ])).toEqual({
      host: "0.0.0.0",
      port: 4010,
      seed: 9,
      openai: { timestampField: "invited_at" },
      portkey: { maxPageSize: 50 },
      openlayer: { nextLink: "relative" },
      latencyMs: { openai: 25, anthropic: 25, portkey: 25, openlayer: 25 }
    })
  })

  it("sets every count with --count, and a provider's own --count-* wins", () => {
    expect(Standalone.parseArgs(["--count", "1000000", "--count-openlayer", "7"]).counts).toEqual({
      openai: 1_000_000,
      anthropic: 1_000_000,
      portkey: 1_000_000,
      openlayer: 7
    })
    expect(Standalone.parseArgs(["--count-anthropic=3"]).counts).toEqual({ anthropic: 3 })
  })

  it("turns --fault-rate into random recoverable faults for every provider, seeded", () => {
    const options = Standalone.parseArgs(["--fault-rate", "0.3", "--seed", "4"])
    for (const provider of Dataset.providerNames) expect(options.faults?.[provider]).toEqual({ random: { rate: 0.3, seed: 4 } })
    expect(Standalone.parseArgs(["--fault-rate", "0.1", "--fault-seed", "77"]).faults?.openai).toEqual({ random: { rate: 0.1, seed: 77 } })
  })

  it("derives N workspace ids from the seed with --workspaces", () => {
    const options = Standalone.parseArgs(["--workspaces", "3", "--seed", "12"])
    expect(options.openlayer?.workspaceIds).toEqual(Dataset.workspaceIds(12, 3))
    expect(new Set(options.openlayer?.workspaceIds).size).toBe(3)
  })

  it("rejects unknown flags and bad values with a UsageError naming the flag", () => {
    for (const argv of [
      ["--bogus"], ["--port", "-1"], ["--port", "http"], ["--count", "1.5"], ["--fault-rate", "2"],
      ["--openai-timestamp-field", "updated_at"], ["--openlayer-next-link", "sometimes"], ["--workspaces", "0"], ["stray"]
    ]) {
      let error: unknown
      try {
        Standalone.parseArgs(argv)
      } catch (e) {
        error = e
      }
      expect(error, argv.join(" ")).toBeInstanceOf(Standalone.UsageError)
      if (argv[0]!.startsWith("--") && argv[0] !== "--bogus") expect((error as Error).message).toContain(argv[0])
    }
    expect(Standalone.wantsHelp(["--seed", "1", "-h"])).toBe(true)
    expect(Standalone.wantsHelp(["--seed", "1"])).toBe(false)
  })
})

describe("Standalone.decodeArgs", () => {
  const message = (argv: ReadonlyArray<string>) =>
    Either.match(Standalone.decodeArgs(argv), { onLeft: (error) => error.message, onRight: () => "decoded" })

  it("names the flag and the allowed range of every bad value, a value starting with '-' included", () => {
    expect(message(["--count", "-5"])).toBe(`--count must be an integer in 0..4294967295, got "-5"`)
    expect(message(["--count=-5"])).toBe(`--count must be an integer in 0..4294967295, got "-5"`)
    expect(message(["--count-portkey", "1.5"])).toBe(`--count-portkey must be an integer in 0..4294967295, got "1.5"`)
    expect(message(["--port", "70000"])).toBe(`--port must be an integer in 0..65535, got "70000"`)
    expect(message(["--latency", "-1"])).toBe(`--latency must be a number in 0..3600000, got "-1"`)
    expect(message(["--latency", "soon"])).toBe(`--latency must be a number in 0..3600000, got "soon"`)
    expect(message(["--fault-rate", "1.5"])).toBe(`--fault-rate must be a number in 0..1, got "1.5"`)
    expect(message(["--openlayer-next-link", "sometimes"])).toBe(
      `--openlayer-next-link must be one of absolute, relative, none, got "sometimes"`
    )
    expect(message(["--port"])).toBe("--port needs a value (N)")
  })

  it("says which providers exist when a per-provider flag names another", () => {
    expect(message(["--count-github", "3"])).toBe(
      "unknown option --count-github: the providers are openai, anthropic, portkey, openlayer"
    )
    expect(message(["--bogus"])).toBe("unknown option --bogus")
  })

  it("decodes exactly as parseArgs, with --name=value and --name value alike", () => {
    expect(Standalone.decodeArgs(["--count=4", "--seed", "3"])).toEqual(Either.right(Standalone.parseArgs(["--count", "4", "--seed=3"])))
  })
})

describe("Standalone.exposureWarning", () => {
  it("is silent on loopback and warns, naming the address clients here can use, on every interface", () => {
    expect(Standalone.exposureWarning({ host: "127.0.0.1", url: "http://127.0.0.1:1" })).toBeUndefined()
    expect(Standalone.exposureWarning({ host: "::1", url: "http://[::1]:1" })).toBeUndefined()
    expect(Standalone.exposureWarning({ host: "0.0.0.0", url: "http://127.0.0.1:1" })).toMatch(
      /reachable from other machines.*export lines use 127\.0\.0\.1/
    )
    expect(Standalone.exposureWarning({ host: "::", url: "http://[::1]:1" })).toMatch(/export lines use \[::1\]/)
    expect(Standalone.exposureWarning({ host: "192.0.2.7", url: "http://192.0.2.7:1" })).toMatch(/not loopback/)
  })
})

describe("Standalone.exportLines", () => {
  it("writes one eval-ready export line per variable, quoting only what needs it", () => {
    const env = { A_URL: "http://127.0.0.1:1/openai/v1", B_KEY: "sk-admin-x", C: "it's $HOME", D: "a,b" }
    expect(Standalone.exportLines({ env })).toEqual([
      "export A_URL=http://127.0.0.1:1/openai/v1",
      "export B_KEY=sk-admin-x",
      "export C='it'\\''s $HOME'",
      "export D=a,b"
    ])
  })
})

/** Reads a child's stdout until `lines` complete lines arrived. */
const readLines = (child: ChildProcess, lines: number) =>
  new Promise<Array<string>>((resolve, reject) => {
    let out = ""
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8")
      const complete = out.split("\n")
      if (complete.length > lines) {
        child.stdout!.off("data", onData)
        resolve(complete.slice(0, lines))
      }
    }
    child.stdout!.on("data", onData)
    child.once("exit", (code) => reject(new Error(`exited with ${code} before printing ${lines} lines: ${out}`)))
  })

const collect = (child: ChildProcess) => {
  const out = { stdout: "", stderr: "" }
  child.stdout!.on("data", (c: Buffer) => (out.stdout += c.toString("utf8")))
  child.stderr!.on("data", (c: Buffer) => (out.stderr += c.toString("utf8")))
  return out
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))

describe("the bin (dist/bin.js, built from the current sources)", () => {
  const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))

  beforeAll(() => {
    // build first: a test of a stale dist/ would prove nothing about these sources
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
    execFileSync(process.execPath, [tsc, "-b", "tsconfig.src.json"], { cwd: packageDir, stdio: "pipe" })
  }, 60_000)

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`prints the nine export lines and nothing else on stdout, serves, and exits 0 on ${signal}`, async () => {
      const child = spawn(process.execPath, [bin, "--count", "4", "--workspaces", "1"], { stdio: ["ignore", "pipe", "pipe"] })
      const output = collect(child)
      const lines = await readLines(child, 9)
      const env = Object.fromEntries(lines.map((line) => {
        const match = /^export ([A-Z_]+)=(\S+)$/.exec(line)
        expect(match, line).not.toBeNull()
        return [match![1]!, match![2]!]
      }))
      expect(Object.keys(env).sort()).toEqual([
        "ANTHROPIC_ADMIN_KEY", "ANTHROPIC_BASE_URL", "OPENAI_ADMIN_KEY", "OPENAI_BASE_URL", "OPENLAYER_API_KEY",
        "OPENLAYER_BASE_URL", "OPENLAYER_WORKSPACE_ID", "PORTKEY_API_KEY", "PORTKEY_BASE_URL"
      ])
      expect(env.OPENAI_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openai\/v1$/)
      // what the README's curl examples do
      const openai = await fetch(`${env.OPENAI_BASE_URL}/organization/invites`, { headers: { authorization: `Bearer ${env.OPENAI_ADMIN_KEY}` } })
      expect(((await openai.json()) as { data: Array<unknown> }).data).toHaveLength(4)
      const anthropic = await fetch(`${env.ANTHROPIC_BASE_URL}/v1/organizations/invites`, {
        headers: { "x-api-key": env.ANTHROPIC_ADMIN_KEY!, "anthropic-version": "2023-06-01" }
      })
      expect(anthropic.status).toBe(200)
      const portkey = await fetch(`${env.PORTKEY_BASE_URL}/admin/users/invites`, { headers: { "x-portkey-api-key": env.PORTKEY_API_KEY! } })
      expect(((await portkey.json()) as { total: number }).total).toBe(4)
      const openlayer = await fetch(`${env.OPENLAYER_BASE_URL}/workspaces/${env.OPENLAYER_WORKSPACE_ID}/invites`, {
        headers: { authorization: `Bearer ${env.OPENLAYER_API_KEY}` }
      })
      expect(((await openlayer.json()) as { items: Array<unknown> }).items).toHaveLength(4)
      const code = exited(child)
      child.kill(signal)
      expect(await code).toBe(0)
      expect(output.stdout).toBe(lines.join("\n") + "\n")
      expect(output.stderr).toContain("listening on http://127.0.0.1:")
      expect(output.stderr).toContain(signal)
    })
  }

  it("prints --help on stdout and exits 0; a bad flag exits 2 with the message on stderr", async () => {
    const help = spawn(process.execPath, [bin, "--help"], { stdio: ["ignore", "pipe", "pipe"] })
    const helpOut = collect(help)
    expect(await exited(help)).toBe(0)
    expect(helpOut.stdout).toContain("--fault-rate")
    const bad = spawn(process.execPath, [bin, "--count", "many"], { stdio: ["ignore", "pipe", "pipe"] })
    const badOut = collect(bad)
    expect(await exited(bad)).toBe(2)
    expect(badOut.stdout).toBe("")
    expect(badOut.stderr).toContain("--count")
  })

  it("refuses --count -5 with exit 2, the flag, its range and advice that works", async () => {
    const bad = spawn(process.execPath, [bin, "--count", "-5"], { stdio: ["ignore", "pipe", "pipe"] })
    const badOut = collect(bad)
    expect(await exited(bad)).toBe(2)
    expect(badOut.stdout).toBe("")
    expect(badOut.stderr).toBe(
      `invitekit-emulator: --count must be an integer in 0..4294967295, got "-5"\nRun with --help for the options.\n`
    )
    const help = spawn(process.execPath, [bin, "--count", "-5", "--help"], { stdio: ["ignore", "pipe", "pipe"] })
    expect(await exited(help)).toBe(0)
  })

  it("bound to 0.0.0.0, warns on stderr and prints loopback export lines that a client here can use", async () => {
    // an ephemeral port; the test only ever connects through 127.0.0.1
    const child = spawn(process.execPath, [bin, "--host", "0.0.0.0", "--port", "0", "--count", "2", "--workspaces", "1"], {
      stdio: ["ignore", "pipe", "pipe"]
    })
    const output = collect(child)
    const lines = await readLines(child, 9)
    const openaiUrl = lines.find((line) => line.startsWith("export OPENAI_BASE_URL="))!.split("=")[1]!
    expect(openaiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openai\/v1$/)
    const response = await fetch(`${openaiUrl}/organization/invites`, {
      headers: { authorization: `Bearer ${Emulator.defaultKeys.openai}` }
    })
    expect(response.status).toBe(200)
    const code = exited(child)
    child.kill("SIGTERM")
    expect(await code).toBe(0)
    expect(output.stderr).toContain("warning: bound to 0.0.0.0 (every interface)")
    expect(output.stderr).toContain("reachable from other machines")
    expect(output.stderr).toContain("The export lines use 127.0.0.1, for clients on this machine")
  })
})
