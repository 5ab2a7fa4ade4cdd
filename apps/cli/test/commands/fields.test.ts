import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Handle, parseCsv, parseNdjson, run, start } from "../helpers.js"

let emulator: Handle

beforeAll(async () => {
  emulator = await start({ counts: { openai: 6, anthropic: 4, portkey: 3, openlayer: 2 } })
})

afterAll(async () => {
  await emulator.close()
})

describe("list --fields and --no-headers", () => {
  it("chooses csv columns and ndjson keys in the order given", async () => {
    const csv = await run(["list", "-f", "csv", "--fields", "email,provider", "--provider", "openai"], { env: emulator.env })
    expect(csv.code).toBe(0)
    const rows = parseCsv(csv.stdout)
    expect(rows[0]).toEqual(["email", "provider"])
    expect(rows.slice(1).every((row) => row.length === 2 && row[1] === "openai")).toBe(true)
    expect(rows).toHaveLength(7)
    const ndjson = await run(["list", "-f", "ndjson", "--fields=id,status"], { env: emulator.env })
    expect(ndjson.code).toBe(0)
    const invites = parseNdjson(ndjson.stdout) as ReadonlyArray<Record<string, unknown>>
    // 6 + 4 + 3, and Openlayer's 2 in each of its 2 workspaces.
    expect(invites).toHaveLength(17)
    for (const invite of invites) expect(Object.keys(invite)).toEqual(["id", "status"])
  })

  it("--no-headers drops the table's and csv's header line", async () => {
    const table = await run(["list", "--fields", "email", "--no-headers", "--provider", "portkey"], { env: emulator.env })
    expect(table.code).toBe(0)
    const lines = table.stdout.trimEnd().split("\n")
    expect(lines).toHaveLength(3)
    expect(lines.every((line) => line.includes("@"))).toBe(true)
    const csv = await run(["list", "-f", "csv", "--no-headers", "--provider", "portkey"], { env: emulator.env })
    expect(parseCsv(csv.stdout)).toHaveLength(3)
  })

  it("an unknown field is a usage error naming it and the valid fields", async () => {
    const result = await run(["list", "--fields", "email,colour"], { env: emulator.env })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toContain("invitekit: --fields: 'colour' is not a field of an invite")
    expect(result.stderr).toContain("account, provider, id, email, role, status, invitedAt")
  })
})
