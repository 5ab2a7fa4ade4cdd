import { spawn } from "node:child_process"
import { describe, expect, it } from "vitest"
import { bin, parseNdjson, printed, run } from "../helpers.js"

describe("emulator", () => {
  it("prints the export lines, serves the four APIs with them, and exits 0 on SIGINT", async () => {
    const child = spawn(process.execPath, [bin, "emulator", "--count", "3", "--seed", "7"], {
      env: { PATH: process.env["PATH"] ?? "" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)))
    const env = await new Promise<Record<string, string>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no export lines: ${stdout} ${stderr}`)), 25_000)
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk
        const lines = stdout.split("\n").filter((line) => line.startsWith("export "))
        if (lines.length === 9) {
          clearTimeout(timer)
          resolve(Object.fromEntries(lines.map((line) => {
            const [, name, value] = line.match(/^export (\w+)=(.*)$/)!
            return [name!, value!.replace(/^'(.*)'$/, "$1")]
          })))
        }
      })
    })
    try {
      expect(Object.keys(env).sort()).toEqual([
        "ANTHROPIC_ADMIN_KEY",
        "ANTHROPIC_BASE_URL",
        "OPENAI_ADMIN_KEY",
        "OPENAI_BASE_URL",
        "OPENLAYER_API_KEY",
        "OPENLAYER_BASE_URL",
        "OPENLAYER_WORKSPACE_ID",
        "PORTKEY_API_KEY",
        "PORTKEY_BASE_URL"
      ])
      const response = await fetch(`${env["OPENAI_BASE_URL"]}/organization/invites`, {
        headers: { authorization: `Bearer ${env["OPENAI_ADMIN_KEY"]}` }
      })
      expect(response.status).toBe(200)
      expect(((await response.json()) as { data: Array<unknown> }).data).toHaveLength(3)
      // And the CLI lists what it serves, from the exported variables alone.
      const listed = await run(["list", "-f", "ndjson"], { env })
      expect(listed.code).toBe(0)
      const workspaces = env["OPENLAYER_WORKSPACE_ID"]!.split(",").length
      expect(parseNdjson(listed.stdout)).toHaveLength(3 * 3 + 3 * workspaces)
    } finally {
      child.kill("SIGINT")
    }
    expect(await exited).toBe(0)
    expect(stderr).toContain("listening on")
    printed.push(stderr)
  })

  it("rejects a bad emulator option with exit 2", async () => {
    const result = await run(["emulator", "--port", "70000"])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("--port")
    expect(result.stdout).toBe("")
  })

  it("refuses a bad value with one message naming the flag and its range, exit 2, and advice that works", async () => {
    for (const [args, message] of [
      [["--count", "-5"], `--count must be an integer in 0..4294967295, got "-5"`],
      [["--count=-5"], `--count must be an integer in 0..4294967295, got "-5"`],
      [["--count-openlayer", "1.5"], `--count-openlayer must be an integer in 0..4294967295, got "1.5"`],
      [["--port", "70000"], `--port must be an integer in 0..65535, got "70000"`],
      [["--latency", "soon"], `--latency must be a number in 0..3600000, got "soon"`],
      [["--fault-rate", "2"], `--fault-rate must be a number in 0..1, got "2"`],
      [["--openai-timestamp-field", "updated_at"], `--openai-timestamp-field must be one of created_at, invited_at, got "updated_at"`]
    ] as const) {
      const result = await run(["emulator", ...args])
      expect(result.code, args.join(" ")).toBe(2)
      expect(result.stdout).toBe("")
      expect(result.stderr).toBe(`invitekit: ${message}\nRun invitekit emulator --help for the options.\n`)
    }
    const help = await run(["emulator", "--help"])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("--count-openlayer")
  })

  it("bound to 0.0.0.0, warns on stderr and prints loopback export lines that a client here can use", async () => {
    // an ephemeral port; the test only ever connects through 127.0.0.1
    const child = spawn(process.execPath, [bin, "emulator", "--host", "0.0.0.0", "--port", "0", "--count", "2"], {
      env: { PATH: process.env["PATH"] ?? "" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)))
    const env = await new Promise<Record<string, string>>((resolve, reject) => {
      child.on("close", () => reject(new Error(`exited before the export lines: ${stdout} ${stderr}`)))
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk
        const lines = stdout.split("\n").filter((line) => line.startsWith("export "))
        if (lines.length === 9) resolve(Object.fromEntries(lines.map((line) => line.slice("export ".length).split("="))))
      })
    })
    try {
      expect(env["OPENAI_BASE_URL"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openai\/v1$/)
      const response = await fetch(`${env["OPENAI_BASE_URL"]}/organization/invites`, {
        headers: { authorization: `Bearer ${env["OPENAI_ADMIN_KEY"]}` }
      })
      expect(response.status).toBe(200)
    } finally {
      child.kill("SIGINT")
    }
    expect(await exited).toBe(0)
    expect(stderr).toContain("warning: bound to 0.0.0.0 (every interface)")
    expect(stderr).toContain("reachable from other machines")
    expect(stderr).toContain("The export lines use 127.0.0.1, for clients on this machine")
  })
})
