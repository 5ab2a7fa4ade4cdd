import { Emulator } from "@invitekit/emulator"
import * as Invite from "@invitekit/core/Invite"
import * as Provider from "@invitekit/core/Provider"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  counters,
  envFor,
  expected,
  expectedAll,
  type Handle,
  ids,
  keysOf,
  parseCsv,
  parseNdjson,
  printed,
  resetCounters,
  run,
  setFaults,
  sortById,
  start
} from "../helpers.js"

const counts = { openai: 45, anthropic: 60, portkey: 35, openlayer: 12 }
let emulator: Handle
const extra: Array<Handle> = []

beforeAll(async () => {
  emulator = await start({ counts })
})

afterAll(async () => {
  await Promise.all([emulator, ...extra].map((handle) => handle.close()))
})

/** A fresh emulator for a test that injects faults. */
const fresh = async () => {
  const handle = await start({ counts: { openai: 8, anthropic: 8, portkey: 8, openlayer: 4 } })
  extra.push(handle)
  return handle
}

const all = Emulator.providerNames

describe("list: formats", () => {
  it("ndjson prints every invite of every configured provider once, as the core JSON encoding", async () => {
    const result = await run(["list", "--format", "ndjson", "--page-size", "10"], { env: emulator.env })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe("")
    const invites = parseNdjson(result.stdout)
    expect(new Set(ids(invites)).size).toBe(invites.length)
    expect(sortById(invites)).toEqual(sortById(expectedAll(emulator, all)))
    // Each provider's own order survives the merge.
    for (const provider of all) {
      expect(invites.filter((invite) => invite.provider === provider)).toEqual(expected(emulator, provider))
    }
  })

  it("json prints one valid array of the same invites", async () => {
    const result = await run(["list", "--format", "json"], { env: emulator.env })
    expect(result.code).toBe(0)
    const invites = JSON.parse(result.stdout) as Array<Invite.Encoded>
    expect(sortById(invites)).toEqual(sortById(expectedAll(emulator, all)))
  })

  it("csv prints the Invite.fields header and one RFC 4180 record per invite", async () => {
    const result = await run(["list", "--format", "csv", "--page-size", "7"], { env: emulator.env })
    expect(result.code).toBe(0)
    const [header, ...rows] = parseCsv(result.stdout)
    expect(header).toEqual(Invite.fields)
    const expectedRows = expectedAll(emulator, all).map((invite) =>
      Invite.fields.map((field) => {
        if (field === "scopes") {
          return invite.scopes.map((s) => `${s.kind}:${s.id}${s.role === null ? "" : `(${s.role})`}`).join(";")
        }
        const value = invite[field]
        return value === null ? "" : String(value)
      })
    )
    const key = (row: ReadonlyArray<string>) => `${row[0]}/${row[1]}`
    const sort = (rows: Array<Array<string>>) => rows.sort((a, b) => key(a).localeCompare(key(b)))
    expect(sort(rows)).toEqual(sort(expectedRows))
  })

  it("table prints aligned rows grouped by provider, with readable UTC dates", async () => {
    const result = await run(["list"], { env: emulator.env })
    expect(result.code).toBe(0)
    const lines = result.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^PROVIDER\s+EMAIL\s+ROLE\s+STATUS\s+INVITED\s+EXPIRES\s+SCOPES$/)
    const rows = lines.slice(1)
    const invites = expectedAll(emulator, all)
    expect(rows).toHaveLength(invites.length)
    // Grouped in the canonical order, emails in each provider's order.
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(invites.map((i) => Provider.displayName(i.provider)))
    expect(rows.map((row) => row.split(/\s+/)[1])).toEqual(invites.map((i) => i.email))
    // Columns line up: the EMAIL column starts at the same offset on every line.
    const emailColumn = lines[0]!.indexOf("EMAIL")
    for (const [index, row] of rows.entries()) expect(row.indexOf(invites[index]!.email)).toBe(emailColumn)
    const invited = invites[0]!.invitedAt!
    expect(rows[0]).toContain(`${invited.slice(0, 10)} ${invited.slice(11, 16)} UTC`)
  })

  it("an empty listing prints [] in json and a note on stderr for a table", async () => {
    const filter = ["--email", "nobody@example.invalid"]
    const json = await run(["list", ...filter, "--format", "json"], { env: emulator.env })
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual([])
    const table = await run(["list", ...filter], { env: emulator.env })
    expect(table.code).toBe(0)
    expect(table.stdout).toBe("")
    expect(table.stderr).toContain("No invites found.")
  })
})

describe("list: selection and filters", () => {
  it("--provider picks providers; without it, the configured ones", async () => {
    const picked = await run(["list", "-f", "ndjson", "--provider", "portkey", "--provider", "openai"], {
      env: emulator.env
    })
    expect(picked.code).toBe(0)
    expect(sortById(parseNdjson(picked.stdout))).toEqual(sortById(expectedAll(emulator, ["openai", "portkey"])))

    const configured = await run(["list", "-f", "ndjson"], { env: envFor(emulator, ["anthropic", "openlayer"]) })
    expect(configured.code).toBe(0)
    expect(sortById(parseNdjson(configured.stdout))).toEqual(
      sortById(expectedAll(emulator, ["anthropic", "openlayer"]))
    )
  })

  it("--status, --role and --email keep the matching invites (ignoring case)", async () => {
    const invites = expectedAll(emulator, all)
    const pending = await run(["list", "-f", "ndjson", "--status", "PENDING"], { env: emulator.env })
    expect(pending.code).toBe(0)
    const wanted = invites.filter((invite) => invite.status === "pending")
    expect(wanted.length).toBeGreaterThan(0)
    expect(sortById(parseNdjson(pending.stdout))).toEqual(sortById(wanted))

    const target = invites.find((invite) => invite.provider === "anthropic")!
    const byRole = await run(["list", "-f", "ndjson", "--provider", "anthropic", "--role", target.role], {
      env: emulator.env
    })
    expect(sortById(parseNdjson(byRole.stdout))).toEqual(
      sortById(invites.filter((i) => i.provider === "anthropic" && i.role === target.role))
    )

    const byEmail = await run(["list", "-f", "ndjson", "--email", target.email.toUpperCase()], { env: emulator.env })
    expect(parseNdjson(byEmail.stdout)).toEqual(invites.filter((i) => i.email === target.email))
  })

  it("--stale keeps the pending invites past their expiry", async () => {
    const before = Date.now()
    const result = await run(["list", "-f", "ndjson", "--stale"], { env: emulator.env })
    const after = Date.now()
    expect(result.code).toBe(0)
    const got = ids(parseNdjson(result.stdout)).sort()
    const staleAt = (now: number) =>
      ids(expectedAll(emulator, all).filter((i) =>
        i.status === "pending" && i.expiresAt !== null && Date.parse(i.expiresAt) < now
      )).sort()
    // Invites may expire while the command runs: stale before it started ⊆ listed ⊆ stale after it ended.
    expect(got).toEqual(expect.arrayContaining(staleAt(before)))
    expect(staleAt(after)).toEqual(expect.arrayContaining(got))
  })

  it("--max-items stops after N invites and fetches only the pages it needs", async () => {
    await resetCounters(emulator)
    const result = await run(["list", "-f", "ndjson", "--provider", "openai", "--page-size", "5", "--max-items", "7"], {
      env: emulator.env
    })
    expect(result.code).toBe(0)
    expect(parseNdjson(result.stdout)).toEqual(expected(emulator, "openai").slice(0, 7))
    // Pages 1 and 2 hold the 7, and page 3 may have been requested ahead while page 2 was written.
    const { requests } = await counters(emulator, "openai")
    expect(requests).toBeGreaterThanOrEqual(2)
    expect(requests).toBeLessThanOrEqual(3)

    // A limit the first page meets costs that one page: a listing without --max-items asks for page 2 while page
    // 1 decodes, this one must not.
    await resetCounters(emulator)
    const first = await run(["list", "-f", "ndjson", "--provider", "openai", "--page-size", "5", "--max-items", "3"], {
      env: emulator.env
    })
    expect(first.code).toBe(0)
    expect(parseNdjson(first.stdout)).toEqual(expected(emulator, "openai").slice(0, 3))
    expect((await counters(emulator, "openai")).requests).toBe(1)

    const mixed = await run(["list", "-f", "csv", "--page-size", "4", "--max-items", "9"], { env: emulator.env })
    expect(mixed.code).toBe(0)
    const rows = parseCsv(mixed.stdout).slice(1)
    expect(rows).toHaveLength(9)
    const known = new Set(expectedAll(emulator, all).map((i) => `${i.provider}/${i.id}`))
    // account, provider, id, …
    expect(new Set(rows.map((row) => `${row[1]}/${row[2]}`)).size).toBe(9)
    for (const row of rows) expect(known.has(`${row[1]}/${row[2]}`)).toBe(true)
  })
})

describe("list: stdout carries only data", () => {
  it("logs asked for with --log-level go to stderr", async () => {
    const result = await run(["--log-level", "debug", "list", "-f", "ndjson", "--provider", "openai"], {
      env: emulator.env
    })
    expect(result.code).toBe(0)
    expect(parseNdjson(result.stdout)).toEqual(expected(emulator, "openai"))
    expect(result.stderr).toContain("level=DEBUG")
  })
})

describe("list: usage errors exit 2", () => {
  it("no provider configured names the variables to set", async () => {
    const result = await run(["list"], { env: {} })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    for (const variable of ["OPENAI_ADMIN_KEY", "ANTHROPIC_ADMIN_KEY", "PORTKEY_API_KEY", "OPENLAYER_API_KEY"]) {
      expect(result.stderr).toContain(variable)
    }
    expect(result.stderr).toContain("OPENLAYER_WORKSPACE_ID")
    expect(result.stderr.trim().split("\n").length).toBeLessThanOrEqual(2)
  })

  it("a bad flag or value is a usage error", async () => {
    for (
      const args of [
        ["list", "--format", "xml"],
        ["list", "--bogus"],
        ["list", "--provider", "github"],
        ["list", "--max-items", "0"],
        ["list", "--timeout", "-1"],
        ["list", "--max-retries", "many"],
        ["bogus"]
      ]
    ) {
      const result = await run(args, { env: emulator.env })
      expect({ args, code: result.code }).toEqual({ args, code: 2 })
      expect(result.stdout).toBe("")
      expect(result.stderr).not.toBe("")
    }
  })

  it("--page-size outside a selected provider's range names the range", async () => {
    const result = await run(["list", "--page-size", "500"], { env: emulator.env })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("OpenAI accepts 1–100")
    expect(result.stderr).toContain("Openlayer accepts 1–100")
    expect(result.stderr).not.toContain("Anthropic")
    // Fine for a provider that accepts it.
    const anthropic = await run(["list", "-f", "ndjson", "--provider", "anthropic", "--page-size", "500"], {
      env: emulator.env
    })
    expect(anthropic.code).toBe(0)
    expect(parseNdjson(anthropic.stdout)).toEqual(expected(emulator, "anthropic"))
  })

  it("an asked-for provider without its key, or a bad INVITEKIT_ variable, names the variable", async () => {
    const missing = await run(["list", "--provider", "portkey"], { env: envFor(emulator, ["openai"]) })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("PORTKEY_API_KEY is not set")

    const timeout = await run(["list"], { env: { ...emulator.env, INVITEKIT_TIMEOUT: "soon" } })
    expect(timeout.code).toBe(2)
    expect(timeout.stderr).toContain("INVITEKIT_TIMEOUT")
  })

  it("an unknown Openlayer workspace (the provider rejects the request) exits 2 and names Openlayer", async () => {
    const result = await run(["list", "-f", "ndjson"], {
      env: { ...envFor(emulator, ["openlayer", "portkey"]), OPENLAYER_WORKSPACE_ID: "ws-unknown" }
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("Openlayer")
    expect(result.stderr).toContain("404")
    expect(sortById(parseNdjson(result.stdout))).toEqual(sortById(expected(emulator, "portkey")))
  })

  it("plain http to a non-loopback host needs --allow-insecure-http", async () => {
    const env = { ...envFor(emulator, ["openai"]), OPENAI_BASE_URL: "http://emulator.invalid/openai/v1" }
    const refused = await run(["list"], { env })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain("--allow-insecure-http")
    // Allowed, the request is sent — and fails: the .invalid name never resolves.
    const allowed = await run(["list", "--allow-insecure-http", "--max-retries", "0", "--timeout", "5"], { env })
    expect(allowed.code).toBe(4)
    expect(allowed.stderr).toContain("OpenAI is unavailable")
  })
})

describe("list: failing providers", () => {
  it("a rejected key hides only its provider: the others print, stderr names it, exit 3", async () => {
    for (const format of ["ndjson", "json"]) {
      const result = await run(["list", "-f", format], {
        env: { ...emulator.env, OPENAI_ADMIN_KEY: "sk-admin-wrong-key-123456" }
      })
      expect(result.code).toBe(3)
      const invites = format === "json" ? JSON.parse(result.stdout) : parseNdjson(result.stdout)
      expect(sortById(invites)).toEqual(sortById(expectedAll(emulator, ["anthropic", "portkey", "openlayer"])))
      expect(result.stderr).toContain("OpenAI")
      expect(result.stderr).toContain("OPENAI_ADMIN_KEY")
      expect(result.stderr.trim().split("\n")).toHaveLength(1)
      expect(result.stderr).not.toContain("sk-admin-wrong-key-123456")
    }
  })

  it("a provider that stays unavailable exits 4 after the retries, the others printed", async () => {
    const handle = await fresh()
    await setFaults(handle, "portkey", { script: Array.from({ length: 10 }, () => ({ _tag: "Hang" as const })) })
    const result = await run(["list", "-f", "ndjson", "--timeout", "0.3", "--max-retries", "1"], { env: handle.env })
    expect(result.code).toBe(4)
    expect(result.stderr).toContain("Portkey is unavailable")
    expect(result.stderr).toContain("2 attempts")
    expect(sortById(parseNdjson(result.stdout))).toEqual(sortById(expectedAll(handle, ["openai", "anthropic", "openlayer"])))
  })

  it("an invalid response exits 5 and names the provider", async () => {
    const handle = await fresh()
    await setFaults(handle, "anthropic", { script: [{ _tag: "InvalidJson" }] })
    const result = await run(["list", "-f", "ndjson"], { env: handle.env })
    expect(result.code).toBe(5)
    expect(result.stderr).toContain("Anthropic sent an invalid response")
    expect(sortById(parseNdjson(result.stdout))).toEqual(sortById(expectedAll(handle, ["openai", "portkey", "openlayer"])))
  })

  it("with several failures, the first failing provider in the canonical order sets the code", async () => {
    const handle = await fresh()
    await setFaults(handle, "portkey", { script: [{ _tag: "InvalidJson" }] })
    const first = await run(["list", "-f", "ndjson"], { env: { ...handle.env, OPENAI_ADMIN_KEY: "wrong-key" } })
    expect(first.code).toBe(3) // OpenAI (3) before Portkey (5)
    expect(first.stderr).toContain("OpenAI")
    expect(first.stderr).toContain("Portkey")

    await setFaults(handle, "anthropic", { script: [{ _tag: "InvalidJson" }] })
    const second = await run(["list", "-f", "ndjson"], { env: { ...handle.env, OPENLAYER_API_KEY: "wrong-key" } })
    expect(second.code).toBe(5) // Anthropic (5) before Openlayer (3)
    expect(sortById(parseNdjson(second.stdout))).toEqual(sortById(expectedAll(handle, ["openai", "portkey"])))
  })

  it("--max-retries wins over INVITEKIT_MAX_RETRIES", async () => {
    const handle = await fresh()
    const rateLimited = { script: [{ _tag: "RateLimit" as const, retryAfterMs: 20 }] }
    const env = { ...envFor(handle, ["openai"]), INVITEKIT_MAX_RETRIES: "0" }
    await setFaults(handle, "openai", rateLimited)
    const fromEnv = await run(["list", "-f", "ndjson"], { env })
    expect(fromEnv.code).toBe(4)
    await setFaults(handle, "openai", rateLimited)
    const fromFlag = await run(["list", "-f", "ndjson", "--max-retries", "1"], { env })
    expect(fromFlag.code).toBe(0)
    expect(parseNdjson(fromFlag.stdout)).toEqual(expected(handle, "openai"))
  })
})

describe("list: interruption", () => {
  it("SIGINT while listing exits 130 with whole lines only on stdout", async () => {
    const handle = await start({ counts: { openai: 0, anthropic: 0, portkey: 4000, openlayer: 0 }, latencyMs: { portkey: 40 } })
    extra.push(handle)
    let sent = false
    const result = await run(["list", "-f", "ndjson", "--provider", "portkey", "--page-size", "100"], {
      env: handle.env,
      onSpawn: (child, output) => {
        const poll = setInterval(() => {
          if (output.stdout().length > 0 && !sent) {
            sent = true
            clearInterval(poll)
            child.kill("SIGINT")
          }
        }, 5)
      }
    })
    expect(sent).toBe(true)
    expect(result.code).toBe(130)
    const invites = parseNdjson(result.stdout)
    expect(invites.length).toBeGreaterThan(0)
    expect(invites.length).toBeLessThan(4000)
    expect(invites).toEqual(expected(handle, "portkey").slice(0, invites.length))
  })
})

afterAll(() => {
  const keys = [...keysOf(emulator), "sk-admin-wrong-key-123456"]
  for (const text of printed) for (const key of keys) expect(text).not.toContain(key)
})
