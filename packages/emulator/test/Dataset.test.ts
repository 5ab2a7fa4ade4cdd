import { describe, expect, it } from "@effect/vitest"
import * as Dataset from "../src/Dataset.js"

const NOW = Date.UTC(2026, 5, 15, 0, 0, 0)

const config = (overrides: Partial<Dataset.Config> = {}): Dataset.Config => ({
  seed: 7,
  now: NOW,
  counts: Dataset.defaultCounts,
  openaiTimestampField: "created_at",
  openlayerWorkspaceIds: Dataset.workspaceIds(7, 2),
  ...overrides
})

const sample = Dataset.make(config())
const openai = sample.openai.toArray()
const anthropic = sample.anthropic.toArray()
const portkey = sample.portkey.toArray()
const openlayer = sample.openlayer.flatMap((w) => w.invites.toArray())

const values = <A>(items: ReadonlyArray<A>, f: (a: A) => unknown) => new Set(items.map(f))

describe("Dataset", () => {
  it("sharedAddresses: the newest n invites of every list go to the same n addresses, pending; the rest unchanged", () => {
    const counts = { openai: 40, anthropic: 40, portkey: 40, openlayer: 40 }
    const n = 3
    const planted = Dataset.make(config({ counts, sharedAddresses: n }))
    const without = Dataset.make(config({ counts }))
    const lists = [
      [planted.openai.toArray(), without.openai.toArray()],
      [planted.anthropic.toArray(), without.anthropic.toArray()],
      [planted.portkey.toArray(), without.portkey.toArray()],
      ...planted.openlayer.map((w, k) => [w.invites.toArray(), without.openlayer[k]!.invites.toArray()])
    ] as ReadonlyArray<readonly [ReadonlyArray<Record<string, unknown>>, ReadonlyArray<Record<string, unknown>>]>
    const cases = new Set<string>()
    for (const [list, plain] of lists) {
      expect(list.slice(0, n).map((invite) => String(invite["email"]).toLowerCase())).toEqual(
        Array.from({ length: n }, (_, k) => `shared-${k + 1}@example.com`)
      )
      for (const invite of list.slice(0, n)) {
        expect(invite["status"]).toBe("pending")
        cases.add(String(invite["email"]))
      }
      // Only the planted invites differ; their ids stay.
      expect(list.slice(n)).toEqual(plain.slice(n))
      expect(list.map((invite) => invite["id"])).toEqual(plain.map((invite) => invite["id"]))
    }
    // Written in two letter cases across the lists.
    expect(cases.size).toBe(2 * n)
  })

  it("is a pure function of the seed and the anchor instant", () => {
    const again = Dataset.make(config())
    expect(JSON.stringify(again.openai.toArray())).toBe(JSON.stringify(openai))
    expect(JSON.stringify(again.anthropic.toArray())).toBe(JSON.stringify(anthropic))
    expect(JSON.stringify(again.portkey.toArray())).toBe(JSON.stringify(portkey))
    expect(JSON.stringify(again.openlayer.flatMap((w) => w.invites.toArray()))).toBe(JSON.stringify(openlayer))
    const other = Dataset.make(config({ seed: 8 }))
    expect(other.openai.idAt(0)).not.toBe(sample.openai.idAt(0))
    expect(other.anthropic.at(5).email === sample.anthropic.at(5).email && other.portkey.idAt(3) === sample.portkey.idAt(3))
      .toBe(false)
  })

  it("uses the default counts, which need several pages at each API's largest page size", () => {
    expect([openai.length, anthropic.length, portkey.length]).toEqual([350, 2500, 350])
    expect(openai.length).toBeGreaterThan(3 * 100)
    expect(anthropic.length).toBeGreaterThan(2 * 1000)
    for (const w of sample.openlayer) expect(w.invites.count).toBeGreaterThan(2 * 100)
  })

  it("gives ids that look like each provider's and are unique", () => {
    expect(openai.every((i) => /^invite-[0-9A-Za-z]{24}$/.test(i.id))).toBe(true)
    expect(anthropic.every((i) => /^invite_01[1-9A-HJ-NP-Za-km-z]{22}$/.test(i.id))).toBe(true)
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    expect(portkey.every((i) => uuid.test(i.id) && uuid.test(i.invited_by ?? ""))).toBe(true)
    expect(openlayer.every((i) => uuid.test(i.id) && uuid.test(i.creator.id ?? ""))).toBe(true)
    for (const list of [openai, anthropic, portkey, openlayer] as ReadonlyArray<ReadonlyArray<{ id: string }>>) {
      expect(values(list, (i) => i.id).size).toBe(list.length)
    }
  })

  it("resolves an id to its index in O(1), and rejects forged or foreign ids", () => {
    for (const collection of [sample.openai, sample.anthropic, sample.portkey, sample.openlayer[1]!.invites]) {
      for (const index of [0, 1, 17, collection.count - 1]) expect(collection.indexOf(collection.idAt(index))).toBe(index)
      const id = collection.idAt(3)
      const forged = id.slice(0, 10) + (id[10] === "a" ? "b" : "a") + id.slice(11)
      expect(collection.indexOf(forged)).toBeUndefined()
      expect(collection.indexOf("invite-abc")).toBeUndefined()
    }
    expect(sample.openai.indexOf(Dataset.make(config({ seed: 99 })).openai.idAt(3))).toBeUndefined()
    // an index past the count (a cursor from a bigger organization) is not in this list
    const bigger = Dataset.make(config({ counts: { ...Dataset.defaultCounts, openai: 1000 } }))
    expect(sample.openai.indexOf(bigger.openai.idAt(999))).toBeUndefined()
  })

  it("generates a billion invites without materialising them", () => {
    const before = process.memoryUsage().heapUsed
    const huge = Dataset.make(config({ counts: { openai: 1e9, anthropic: 1e9, portkey: 1e9, openlayer: 1e9 } }))
    const last = huge.anthropic.at(1e9 - 1)
    expect(huge.anthropic.indexOf(last.id)).toBe(1e9 - 1)
    expect(huge.openai.indexOf(huge.openai.idAt(123_456_789))).toBe(123_456_789)
    expect(huge.portkey.indexOf(huge.portkey.idAt(987_654_321))).toBe(987_654_321)
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024)
  })

  it("lists newest first, everything created before the anchor instant", () => {
    const created = openai.map((i) => i.created_at!)
    expect(created.every((t, k) => k === 0 || t <= created[k - 1]!)).toBe(true)
    expect(Math.max(...created)).toBeLessThan(NOW / 1000)
    const invited = anthropic.map((i) => Date.parse(i.invited_at))
    expect(invited.every((t, k) => k === 0 || t <= invited[k - 1]!)).toBe(true)
  })

  it("mixes roles, statuses, and stale pending invites (pending, expiry already past)", () => {
    expect(values(openai, (i) => i.role)).toEqual(new Set(["owner", "reader"]))
    expect(values(openai, (i) => i.status)).toEqual(new Set(["accepted", "expired", "pending"]))
    expect(values(anthropic, (i) => i.role)).toEqual(new Set(["user", "developer", "billing", "admin", "claude_code_user", "managed"]))
    expect(values(anthropic, (i) => i.status)).toEqual(new Set(["accepted", "expired", "deleted", "pending"]))
    expect(values(portkey, (i) => i.role)).toEqual(new Set(["admin", "member"]))
    expect(values(portkey, (i) => i.status)).toEqual(new Set(["pending", "cancelled", "accepted", "expired"]))
    expect(values(openlayer, (i) => i.role)).toEqual(new Set(["ADMIN", "MEMBER", "VIEWER"]))
    expect(values(openlayer, (i) => i.status)).toEqual(new Set(["accepted", "pending"]))
    const pending = openai.filter((i) => i.status === "pending" && typeof i.expires_at === "number")
    expect(pending.some((i) => i.expires_at! * 1000 < NOW)).toBe(true)
    expect(pending.some((i) => i.expires_at! * 1000 > NOW)).toBe(true)
    const anthropicPending = anthropic.filter((i) => i.status === "pending")
    expect(anthropicPending.some((i) => Date.parse(i.expires_at) < NOW)).toBe(true)
    expect(anthropicPending.some((i) => Date.parse(i.expires_at) > NOW)).toBe(true)
  })

  it("has null and absent optional fields, projects, workspaces and unknown extra fields", () => {
    expect(openai.some((i) => !("accepted_at" in i))).toBe(true)
    expect(openai.some((i) => i.accepted_at === null)).toBe(true)
    expect(openai.some((i) => !("expires_at" in i))).toBe(true)
    expect(openai.some((i) => i.expires_at === null)).toBe(true)
    expect(openai.some((i) => !("projects" in i))).toBe(true)
    expect(openai.some((i) => i.projects?.length === 0)).toBe(true)
    expect(openai.some((i) => (i.projects?.length ?? 0) > 1)).toBe(true)
    expect(openai.filter((i) => i.status === "accepted").every((i) => typeof i.accepted_at === "number")).toBe(true)
    expect(portkey.some((i) => !("accepted_at" in i))).toBe(true)
    expect(portkey.some((i) => i.accepted_at === null)).toBe(true)
    expect(portkey.filter((i) => i.status !== "accepted").every((i) => i.accepted_at == null)).toBe(true)
    expect(portkey.some((i) => i.workspaces.length > 0)).toBe(true)
    expect(openlayer.some((i) => i.creator.username === null)).toBe(true)
    expect(openlayer.some((i) => i.creator.name === null)).toBe(true)
    const documented: Record<string, ReadonlyArray<string>> = {
      openai: ["object", "id", "email", "role", "status", "created_at", "expires_at", "accepted_at", "projects"],
      anthropic: ["id", "type", "email", "role", "invited_at", "expires_at", "status"],
      portkey: ["object", "id", "email", "role", "created_at", "expires_at", "accepted_at", "status", "invited_by", "workspaces"],
      openlayer: ["id", "dateCreated", "creator", "status", "workspace", "email", "role"]
    }
    const lists = { openai, anthropic, portkey, openlayer }
    for (const [name, list] of Object.entries(lists)) {
      const extra = list.filter((i) => Object.keys(i).some((k) => !documented[name]!.includes(k)))
      expect(extra.length, name).toBeGreaterThan(0)
      expect(extra.length, name).toBeLessThan(list.length / 10)
    }
  })

  it("has emails with a +tag, and writes each provider's timestamp format", () => {
    for (const list of [openai, anthropic, portkey, openlayer]) {
      expect(list.some((i) => /^[^@]+\+[^@]+@/.test(i.email))).toBe(true)
      expect(list.every((i) => /^[a-z0-9.+-]+@[a-z0-9.-]+$/.test(i.email))).toBe(true)
    }
    expect(anthropic.every((i) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(i.invited_at))).toBe(true)
    expect(anthropic.every((i) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(i.expires_at))).toBe(true)
    expect(portkey.every((i) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(i.created_at ?? ""))).toBe(true)
    expect(openlayer.every((i) => !Number.isNaN(Date.parse(i.dateCreated)) && i.dateCreated.endsWith("Z"))).toBe(true)
    expect(openai.every((i) => Number.isInteger(i.created_at))).toBe(true)
  })

  it("names the OpenAI timestamp invited_at when configured", () => {
    const invited = Dataset.make(config({ openaiTimestampField: "invited_at" })).openai.at(0)
    expect(invited.invited_at).toBe(openai[0]!.created_at)
    expect("created_at" in invited).toBe(false)
  })

  it("gives each Openlayer workspace its own invites, each embedding that workspace", () => {
    const [a, b] = sample.openlayer
    expect(a!.workspace.id).not.toBe(b!.workspace.id)
    expect(a!.invites.toArray().every((i) => i.workspace.id === a!.workspace.id)).toBe(true)
    expect(b!.invites.toArray().every((i) => i.workspace.id === b!.workspace.id)).toBe(true)
    expect(a!.workspace.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    expect(a!.workspace.name.length).toBeLessThanOrEqual(20)
    expect(sample.openlayerWorkspace(b!.workspace.id)).toBe(b)
    expect(sample.openlayerWorkspace("nope")).toBeUndefined()
  })

  it("hands out fresh objects, so mutating one never changes what is served next", () => {
    const first = sample.openlayer[0]!.invites.at(0) as any
    first.workspace.name = "mutated"
    first.creator.name = "mutated"
    expect(sample.openlayer[0]!.invites.at(0)).toEqual(openlayer[0])
  })
})

describe("Dataset (sparse shapes)", () => {
  const sparse = Dataset.make(config({ sparse: { openai: true, portkey: true, openlayer: true } }))
  const has = (item: object, field: string) => Object.prototype.hasOwnProperty.call(item, field)

  it("leaves OpenAI's optional fields absent or null, project roles out, the same invites as the full shape", () => {
    const invites = sparse.openai.toArray()
    expect(invites.map((i) => i.id)).toEqual(openai.map((i) => i.id))
    for (const field of ["expires_at", "accepted_at"] as const) {
      expect(invites.some((i) => !has(i, field))).toBe(true)
      expect(invites.some((i) => i[field] === null)).toBe(true)
      expect(invites.some((i) => typeof i[field] === "number")).toBe(true)
    }
    expect(invites.some((i) => (i.projects ?? []).some((p) => !has(p, "role")))).toBe(true)
  })

  it("writes Portkey times in RFC 3339 (Z, offsets, microseconds) and leaves optional fields absent or null", () => {
    const invites = sparse.portkey.toArray()
    const times = invites.flatMap((i) => [i.created_at, i.expires_at]).filter((t) => typeof t === "string")
    expect(times.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(t))).toBe(true)
    expect(times.some((t) => t.endsWith("Z"))).toBe(true)
    expect(times.some((t) => /[+-]\d\d:\d\d$/.test(t))).toBe(true)
    expect(times.some((t) => /\.\d{6}Z$/.test(t))).toBe(true)
    for (const field of ["created_at", "expires_at", "invited_by"] as const) {
      expect(invites.some((i) => !has(i, field))).toBe(true)
      expect(invites.some((i) => i[field] === null)).toBe(true)
    }
  })

  it("gives some Openlayer invites a creator {}", () => {
    const invites = sparse.openlayer.flatMap((w) => w.invites.toArray())
    expect(invites.some((i) => Object.keys(i.creator).length === 0)).toBe(true)
    expect(invites.some((i) => typeof i.creator.id === "string")).toBe(true)
  })
})
