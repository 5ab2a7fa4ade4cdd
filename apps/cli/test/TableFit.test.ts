import * as Invite from "@invitekit/core/Invite"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { describe, expect, it } from "vitest"
import * as Output from "../src/Output.js"
import * as Style from "../src/Style.js"
import * as Terminal from "../src/Terminal.js"
import { parseCsv } from "./helpers.js"

const at = (iso: string) => DateTime.unsafeMake(iso)

const invite = (overrides: Partial<Invite.Invite> = {}): Invite.Invite => ({
  account: "openai",
  provider: "openai",
  id: "invite-1",
  email: "ada@example.com",
  role: "owner",
  status: "pending",
  invitedAt: at("2024-10-30T23:58:12Z"),
  expiresAt: at("2030-11-06T23:58:12Z"),
  acceptedAt: null,
  invitedBy: null,
  scopes: [{ kind: "project", id: "proj_1", name: "Alpha", role: "member" }],
  ...overrides
})

const print = (invites: ReadonlyArray<Invite.Invite>, options: Omit<Output.InvitesOptions, "now">) =>
  Effect.runPromise(Effect.gen(function*() {
    const writer = Terminal.memory()
    yield* Output.invites(Stream.fromIterable(invites), writer, { now: 0, ...options })
    return writer.text()
  }))

describe("display width", () => {
  it("counts CJK and emoji as two columns, combining marks as none", () => {
    expect(Style.displayWidth("abc")).toBe(3)
    expect(Style.displayWidth("山田太郎")).toBe(8)
    expect(Style.displayWidth("ｆｕｌｌ")).toBe(8)
    expect(Style.displayWidth("한국")).toBe(4)
    expect(Style.displayWidth("🎉ok")).toBe(4)
    expect(Style.displayWidth("e\u0301te\u0301")).toBe(3)
    expect(Style.displayWidth("👩\u200d💻")).toBe(2)
  })

  it("truncates to a width with …, never splitting a wide character over the limit", () => {
    expect(Style.truncate("abcdef", 6)).toBe("abcdef")
    expect(Style.truncate("abcdef", 4)).toBe("abc…")
    expect(Style.truncate("山田太郎", 6)).toBe("山田…")
    expect(Style.truncate("山田太郎", 4)).toBe("山…")
    expect(Style.truncate("e\u0301e\u0301e\u0301", 3)).toBe("e\u0301e\u0301e\u0301")
    expect(Style.displayWidth(Style.truncate("🎉🎉🎉", 4))).toBeLessThanOrEqual(4)
  })

  it("aligns table columns holding CJK, emoji and combining characters", () => {
    const text = Output.renderTable(["NAME", "NEXT"], [["山田太郎", "x"], ["🎉 party", "y"], ["Rene\u0301e", "z"], ["ab", "w"]])
    const lines = text.trimEnd().split("\n")
    // Every NEXT cell starts at the same terminal column.
    const columnOfLast = lines.slice(1).map((line) => Style.displayWidth(line.slice(0, line.length - 1)))
    expect(new Set(columnOfLast).size).toBe(1)
    expect(lines[1]).toBe("山田太郎  x")
  })
})

describe("table fitted to the terminal", () => {
  const long = invite({
    email: "someone.with.a.very.long.address@subdomain.example-company.com",
    scopes: Array.from({ length: 6 }, (_, i) => ({ kind: "project", id: `proj_${i}`, name: `Project ${i}`, role: "member" }))
  })
  const rows = [long, invite(), invite({ email: "研究者@例え.jp" })]

  for (const columns of [80, 120]) {
    it(`cuts the widest free-text columns with … so every row fits ${columns} columns`, async () => {
      const text = await print(rows, { format: "table", maxWidth: columns })
      const lines = text.trimEnd().split("\n")
      for (const line of lines) expect(Style.displayWidth(line)).toBeLessThanOrEqual(columns)
      expect(text).toContain("…")
      // Dates, statuses and providers are never cut (at 80 columns an instant shows its date alone).
      expect(lines[1]).toContain(columns === 80 ? "2024-10-30  " : "2024-10-30 23:58 UTC")
      expect(lines[1]).toContain(columns === 80 ? "2030-11-06  " : "2030-11-06 23:58 UTC")
      expect(lines[1]).toMatch(/^OpenAI\s/)
      // Only what is too wide is cut: at 120 columns the short row is whole.
      if (columns === 120) {
        expect(lines[2]).toContain("ada@example.com")
        expect(lines[2]).toContain("project:Alpha(member)")
      }
    })
  }

  it("cuts nothing on a pipe (no width) or when the rows fit", async () => {
    const piped = await print(rows, { format: "table" })
    expect(piped).not.toContain("…")
    expect(piped).toContain(long.email)
    expect(Math.max(...piped.trimEnd().split("\n").map(Style.displayWidth))).toBeGreaterThan(120)
    const wide = await print(rows, { format: "table", maxWidth: 400 })
    expect(wide).toBe(piped)
  })
})

describe("--fields and --no-headers", () => {
  const rows = [invite(), invite({ id: "invite-2", email: "grace@example.com", invitedBy: "ada@example.com" })]

  it("parses fields in the order given and names an unknown one", () => {
    expect(Output.parseFields("email, id,email")).toEqual({ _tag: "Fields", fields: ["email", "id"] })
    expect(Output.parseFields("email,nope")).toEqual({ _tag: "Unknown", name: "nope" })
  })

  it("chooses the table's columns, in order, with or without the header", async () => {
    const text = await print(rows, { format: "table", fields: ["email", "id", "invitedBy"] })
    expect(text).toBe([
      "EMAIL              ID        INVITED BY",
      "ada@example.com    invite-1  -",
      "grace@example.com  invite-2  ada@example.com",
      ""
    ].join("\n"))
    const bare = await print(rows, { format: "table", fields: ["email", "id"], headers: false })
    expect(bare).toBe("ada@example.com    invite-1\ngrace@example.com  invite-2\n")
  })

  it("chooses csv columns and json/ndjson keys, in order", async () => {
    const csv = parseCsv(await print(rows, { format: "csv", fields: ["id", "email"] }))
    expect(csv).toEqual([["id", "email"], ["invite-1", "ada@example.com"], ["invite-2", "grace@example.com"]])
    const bare = await print(rows, { format: "csv", fields: ["id"], headers: false })
    expect(bare).toBe("invite-1\r\ninvite-2\r\n")
    const ndjson = (await print(rows, { format: "ndjson", fields: ["status", "id"] })).trimEnd().split("\n")
    expect(ndjson[0]).toBe(JSON.stringify({ status: "pending", id: "invite-1" }))
    const json = JSON.parse(await print(rows, { format: "json", fields: ["email"] }))
    expect(json).toEqual([{ email: "ada@example.com" }, { email: "grace@example.com" }])
  })

  it("keeps every column and the header by default", async () => {
    const csv = await print(rows, { format: "csv" })
    expect(csv.startsWith(Output.csvHeader)).toBe(true)
  })
})
