import * as Invite from "@invitekit/core/Invite"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { describe, expect, it } from "vitest"
import * as Output from "../src/Output.js"
import * as Terminal from "../src/Terminal.js"
import * as Style from "../src/Style.js"
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
  expiresAt: at("2024-11-06T23:58:12Z"),
  acceptedAt: null,
  invitedBy: null,
  scopes: [{ kind: "project", id: "proj_1", name: "Alpha", role: "member" }],
  ...overrides
})

describe("Output cells", () => {
  it("formats instants as readable UTC minutes, and none as -", () => {
    expect(Output.formatInstant(at("2024-10-30T23:58:59.999Z"))).toBe("2024-10-30 23:58 UTC")
    expect(Output.formatInstant(null)).toBe("-")
  })

  it("formats scopes compactly, with or without a role", () => {
    expect(Output.formatScopes([
      { kind: "project", id: "proj_1", name: "Alpha", role: "member" },
      { kind: "workspace", id: "ws_2", name: null, role: null }
    ])).toBe("project:proj_1(member);workspace:ws_2")
    expect(Output.formatScopes([{ kind: "project", id: "proj_1", name: "Alpha", role: null }], (s) => s.name ?? s.id))
      .toBe("project:Alpha")
  })

  it("sanitizes control characters so provider data cannot drive the terminal", () => {
    expect(Style.sanitize("evil\u001b[2Jname\tx\ny\u0007")).toBe("evil\uFFFD[2Jname x y\uFFFD")
    expect(Style.stripAnsi("\u001b[0;1mUSAGE\u001b[0m")).toBe("USAGE")
  })
})

describe("Output csv", () => {
  it("quotes fields per RFC 4180 only when needed", () => {
    expect(Output.csvField("plain")).toBe("plain")
    expect(Output.csvField("a,b")).toBe("\"a,b\"")
    expect(Output.csvField("say \"hi\"")).toBe("\"say \"\"hi\"\"\"")
    expect(Output.csvField("two\nlines")).toBe("\"two\nlines\"")
    expect(Output.csvField("cr\r")).toBe("\"cr\r\"")
    expect(Output.csvRecord(["a", "b,c", ""])).toBe("a,\"b,c\",\r\n")
  })

  it("a row round-trips through an RFC 4180 parser, nulls as empty fields", () => {
    const tricky = invite({ email: "o'brien,\"jr\"@example.com", invitedBy: "line\nbreak", acceptedAt: null })
    const [header, row] = parseCsv(Output.csvHeader + Output.csvRow(tricky))
    expect(header).toEqual(Invite.fields)
    const encoded = Invite.encode(tricky)
    expect(row).toEqual([
      "openai",
      "openai",
      "invite-1",
      encoded.email,
      "owner",
      "pending",
      encoded.invitedAt,
      encoded.expiresAt,
      "",
      "line\nbreak",
      "project:proj_1(member)"
    ])
  })
})

describe("Output tables", () => {
  it("aligns columns, right-aligns where asked, trims trailing spaces", () => {
    const text = Output.renderTable(["A", "NUMBER"], [["long cell", "1"], ["x", "12345"]], { align: ["left", "right"] })
    expect(text).toBe([
      "A          NUMBER",
      "long cell       1",
      "x           12345",
      ""
    ].join("\n"))
  })

  it("marks a pending invite past its expiry as stale, and groups rows by provider", () => {
    const now = Date.parse("2024-12-01T00:00:00Z")
    const rows = [
      { provider: "portkey" as const, cells: Output.tableRow(invite({ provider: "portkey", email: "p@x" }), now) },
      { provider: "openai" as const, cells: Output.tableRow(invite({ status: "accepted" }), now) },
      { provider: "openai" as const, cells: Output.tableRow(invite({ email: "second@x" }), now) }
    ]
    const lines = Output.inviteTable(rows).trimEnd().split("\n")
    expect(lines.map((line) => line.split(/\s{2,}/)[0])).toEqual(["PROVIDER", "OpenAI", "OpenAI", "Portkey"])
    expect(lines[1]).toContain("accepted")
    expect(lines[2]).toContain("pending (stale)")
    expect(lines[2]).toContain("project:Alpha(member)")
  })

  it("colours only when asked, and measures widths without the escapes", () => {
    const now = Date.parse("2024-12-01T00:00:00Z")
    const coloured = Output.inviteTable([{ provider: "openai", cells: Output.tableRow(invite(), now, { color: true }) }], {
      color: true
    })
    expect(coloured).toContain("\u001b[33mpending (stale)\u001b[0m")
    expect(Style.stripAnsi(coloured)).toBe(
      Output.inviteTable([{ provider: "openai", cells: Output.tableRow(invite(), now) }])
    )
  })
})

describe("Output.invites", () => {
  const print = (format: Output.Format, invites: ReadonlyArray<Invite.Invite>, chunk = 2) =>
    Effect.runPromise(Effect.gen(function*() {
      const writer = Terminal.memory()
      const writes: Array<string> = []
      const counting: Terminal.Writer = { write: (text) => Effect.zipRight(Effect.sync(() => writes.push(text)), writer.write(text)) }
      const count = yield* Output.invites(Stream.fromIterable(invites).pipe(Stream.rechunk(chunk)), counting, {
        format,
        now: 0
      })
      return { count, text: writer.text(), writes }
    }))

  it("ndjson writes one batch of whole lines per chunk", async () => {
    const invites = [1, 2, 3, 4, 5].map((n) => invite({ id: `invite-${n}` }))
    const { count, text, writes } = await print("ndjson", invites)
    expect(count).toBe(5)
    expect(writes).toHaveLength(3)
    for (const batch of writes) expect(batch.endsWith("\n")).toBe(true)
    expect(text.trimEnd().split("\n").map((line) => JSON.parse(line))).toEqual(invites.map(Invite.encode))
  })

  it("json streams a valid array, [] when empty", async () => {
    const invites = [1, 2, 3].map((n) => invite({ id: `invite-${n}` }))
    const { text, writes } = await print("json", invites)
    expect(JSON.parse(text)).toEqual(invites.map(Invite.encode))
    expect(writes.length).toBeGreaterThan(1)
    expect(JSON.parse((await print("json", [])).text)).toEqual([])
  })

  it("every format returns how many invites it printed", async () => {
    const invites = [1, 2, 3].map((n) => invite({ id: `invite-${n}` }))
    for (const format of Output.formats) expect({ format, count: (await print(format, invites)).count }).toEqual({ format, count: 3 })
  })

  it("csv starts with the header even when empty", async () => {
    expect((await print("csv", [])).text).toBe(Output.csvHeader)
  })
})

describe("Terminal.writable", () => {
  it("fails with OutputClosed once the reader is gone, instead of crashing", async () => {
    const { PassThrough } = await import("node:stream")
    const stream = new PassThrough()
    const writer = Terminal.writable(stream)
    await Effect.runPromise(writer.write("one\n"))
    stream.destroy(Object.assign(new Error("broken pipe"), { code: "EPIPE" }))
    await new Promise((resolve) => setImmediate(resolve))
    const error = await Effect.runPromise(Effect.flip(writer.write("two\n")))
    expect(error).toBeInstanceOf(Terminal.OutputClosed)
  })
})
