import type * as Invite from "@invitekit/core/Invite"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest"
import { counters, envFor, expected, type Handle, keysOf, parseCsv, parseNdjson, printed, run, setFaults, start } from "../helpers.js"

type Record = Invite.Encoded & { readonly outcome: string; readonly reason: string }

let emulator: Handle
let state: string
const handles: Array<Handle> = []

beforeEach(async () => {
  // Every test revokes: each gets its own emulator, whose state starts from the seeded data.
  emulator = await start({ counts: { openai: 40, anthropic: 30, portkey: 30, openlayer: 10 } })
  handles.push(emulator)
  state = fs.mkdtempSync(path.join(os.tmpdir(), "invitekit-revoke-"))
})

afterEach(async () => {
  await emulator.close()
  fs.rmSync(state, { recursive: true, force: true })
})

afterAll(() => {
  for (const text of printed) for (const handle of handles) for (const key of keysOf(handle)) expect(text).not.toContain(key)
})

const env = (providers?: ReadonlyArray<"openai" | "anthropic" | "portkey" | "openlayer">) => ({
  ...(providers === undefined ? emulator.env : envFor(emulator, providers)),
  XDG_STATE_HOME: state,
  HOME: state
})

const journalPath = () => path.join(state, "invitekit", "journal.ndjson")
const journal = () =>
  fs.existsSync(journalPath())
    ? fs.readFileSync(journalPath(), "utf8").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line))
    : []

const records = (stdout: string): ReadonlyArray<Record> => parseNdjson(stdout) as unknown as ReadonlyArray<Record>
const idsOf = (list: ReadonlyArray<{ readonly id: string }>) => list.map((item) => item.id).sort()
const pastExpiry = (invite: Invite.Encoded) =>
  invite.status === "pending" && invite.expiresAt !== null && Date.parse(invite.expiresAt) < Date.now()
const revocable = ["openai", "anthropic", "portkey"] as const
const everyInvite = () => [...revocable, "openlayer" as const].flatMap((provider) => expected(emulator, provider))

describe("revoke", () => {
  it("without --yes and without a terminal prints the plan, says it is a dry run and revokes nothing", async () => {
    const before = everyInvite()
    const stale = before.filter(pastExpiry)
    expect(stale.filter((invite) => invite.provider !== "openlayer").length).toBeGreaterThan(0)
    const result = await run(["revoke", "--finding", "pending-past-expiry", "-f", "ndjson"], { env: env() })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain("Plan (")
    expect(result.stderr).toContain("Dry run: nothing was revoked")
    const planned = records(result.stdout)
    expect(idsOf(planned)).toEqual(idsOf(stale))
    for (const record of planned) {
      expect(record.outcome).toBe(record.provider === "openlayer" ? "skipped" : "planned")
      expect(record.reason).toContain(record.provider === "openlayer" ? "cannot be revoked through the API" : "pending-past-expiry")
    }
    expect(everyInvite()).toEqual(before)
    expect(journal()).toEqual([])
  })

  it("--yes revokes exactly the planned set, later listings no longer show it, the journal has a line each, a rerun has nothing to do", async () => {
    const dry = records((await run(["revoke", "--finding", "pending-past-expiry", "-f", "ndjson"], { env: env() })).stdout)
    const planned = dry.filter((record) => record.outcome === "planned")
    expect(planned.length).toBeGreaterThan(0)

    const result = await run(["revoke", "--finding", "pending-past-expiry", "--yes", "-f", "ndjson"], { env: env() })
    expect(result.code).toBe(0)
    const applied = records(result.stdout)
    expect(idsOf(applied.filter((record) => record.outcome === "revoked"))).toEqual(idsOf(planned))
    expect(applied.filter((record) => record.outcome === "failed")).toEqual([])

    const listed = parseNdjson((await run(["list", "-f", "ndjson"], { env: env() })).stdout)
    const gone = new Set(idsOf(planned))
    expect(listed.filter((invite) => gone.has(invite.id))).toEqual([])
    expect(listed.length).toBe(everyInvite().length)

    const lines = journal()
    expect(lines.map((line) => line.id).sort()).toEqual(idsOf(planned))
    for (const line of lines) {
      const invite = planned.find((record) => record.id === line.id)!
      expect(line).toMatchObject({ account: invite.account, provider: invite.provider, email: invite.email, outcome: "revoked" })
      expect(Number.isNaN(Date.parse(line.time))).toBe(false)
    }

    const rerun = await run(["revoke", "--finding", "pending-past-expiry", "--yes", "--provider", "openai", "--provider", "anthropic", "--provider", "portkey"], { env: env() })
    expect(rerun.code).toBe(0)
    expect(rerun.stderr).toContain("Nothing to revoke.")
    expect(journal().length).toBe(lines.length)
  })

  it("never touches accepted invites nor Openlayer's, even with --yes", async () => {
    const before = everyInvite()
    const accepted = await run(["revoke", "--status", "accepted", "--yes", "-f", "csv"], { env: env() })
    expect(accepted.code).toBe(0)
    const [header, ...rows] = parseCsv(accepted.stdout)
    const outcome = header!.indexOf("outcome")
    expect(rows.length).toBe(before.filter((invite) => invite.status === "accepted").length)
    for (const row of rows) expect(row[outcome]).toBe("skipped")
    const openlayer = await run(["revoke", "--provider", "openlayer", "--status", "pending", "--yes", "-f", "json"], { env: env() })
    expect(openlayer.code).toBe(0)
    const skipped = JSON.parse(openlayer.stdout) as ReadonlyArray<Record>
    expect(skipped.length).toBeGreaterThan(0)
    for (const record of skipped) expect(record).toMatchObject({ outcome: "skipped", reason: "cannot be revoked through the API" })
    expect(everyInvite()).toEqual(before)
    expect(journal()).toEqual([])
  })

  it("refuses more than --max invites and revokes none of them; a raised --max goes ahead", async () => {
    const pending = expected(emulator, "openai").filter((invite) => invite.status === "pending")
    expect(pending.length).toBeGreaterThan(2)
    const refused = await run(["revoke", "--provider", "openai", "--status", "pending", "--max", "2", "--yes"], { env: env(["openai"]) })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`${pending.length} invites selected, more than --max 2`)
    expect(expected(emulator, "openai").filter((invite) => invite.status === "pending").length).toBe(pending.length)
    const raised = await run(["revoke", "--provider", "openai", "--status", "pending", "--max", String(pending.length), "--yes", "-f", "ndjson"], { env: env(["openai"]) })
    expect(raised.code).toBe(0)
    expect(records(raised.stdout).filter((record) => record.outcome === "revoked").length).toBe(pending.length)
    expect(expected(emulator, "openai").filter((invite) => invite.status === "pending")).toEqual([])
  })

  const onePending = (provider: "openai" | "anthropic" | "portkey") =>
    expected(emulator, provider).find((invite) => invite.status === "pending")!

  it("a 429 on the DELETE is retried: revoked once, journaled once", async () => {
    const invite = onePending("anthropic")
    // list, get, then the DELETE is rate limited once
    await setFaults(emulator, "anthropic", { script: [null, null, { _tag: "RateLimit", retryAfterMs: 10 }] })
    const result = await run(["revoke", "--provider", "anthropic", "--id", invite.id, "--yes", "-f", "ndjson"], { env: env(["anthropic"]) })
    expect(result.code).toBe(0)
    expect(records(result.stdout).map((record) => [record.id, record.outcome])).toEqual([[invite.id, "revoked"]])
    expect(expected(emulator, "anthropic").some((other) => other.id === invite.id)).toBe(false)
    expect(journal().map((line) => [line.id, line.outcome])).toEqual([[invite.id, "revoked"]])
    // list, get, the DELETE and its one retry
    expect((await counters(emulator, "anthropic")).requests).toBe(4)
  })

  it("a reset during the DELETE's answer after the server acted: revoked once, not failed, not sent again", async () => {
    const invite = onePending("openai")
    await setFaults(emulator, "openai", { script: [null, null, { _tag: "ResetMidBody", afterBytes: 5 }] })
    const result = await run(["revoke", "--provider", "openai", "--id", invite.id, "--yes", "-f", "ndjson"], { env: env(["openai"]) })
    expect(result.code).toBe(0)
    expect(records(result.stdout).map((record) => [record.id, record.outcome])).toEqual([[invite.id, "revoked"]])
    expect(expected(emulator, "openai").some((other) => other.id === invite.id)).toBe(false)
    expect(journal().map((line) => [line.id, line.outcome])).toEqual([[invite.id, "revoked"]])
    expect((await counters(emulator, "openai")).requests).toBe(3)
  })

  it("a bare 503 on the DELETE is not retried (the server may have acted): failed, exit 4, journaled", async () => {
    const invite = onePending("portkey")
    await setFaults(emulator, "portkey", { script: [null, null, { _tag: "ServerError", status: 503 }] })
    const result = await run(["revoke", "--provider", "portkey", "--id", invite.id, "--yes", "-f", "ndjson"], { env: env(["portkey"]) })
    expect(result.code).toBe(4)
    const [record] = records(result.stdout)
    expect(record).toMatchObject({ id: invite.id, outcome: "failed" })
    expect(record!.reason).toContain("1 attempt")
    expect(journal().map((line) => [line.id, line.outcome])).toEqual([[invite.id, "failed"]])
    expect((await counters(emulator, "portkey")).requests).toBe(3)
  })

  it("skips an invite accepted between the plan and the apply", async () => {
    const invite = onePending("openai")
    // accepted once the listing (one page) has been served: the re-read before the DELETE sees it
    emulator.setInviteStatusAfter("openai", 1, invite.id, "accepted")
    const result = await run(["revoke", "--provider", "openai", "--id", invite.id, "--yes", "-f", "ndjson"], { env: env(["openai"]) })
    expect(result.code).toBe(0)
    const [record] = records(result.stdout)
    expect(record).toMatchObject({ id: invite.id, status: "accepted", outcome: "skipped" })
    expect(record!.reason).toContain("status changed to accepted")
    expect(expected(emulator, "openai").find((other) => other.id === invite.id)?.status).toBe("accepted")
  })

  it("needs a selection, and reads --journal", async () => {
    const none = await run(["revoke", "--yes"], { env: env() })
    expect(none.code).toBe(2)
    expect(none.stderr).toContain("revoke needs a selection")
    const invite = onePending("portkey")
    const file = path.join(state, "elsewhere", "j.ndjson")
    const result = await run(["revoke", "--id", invite.id, "--journal", file, "--yes"], { env: env() })
    expect(result.code).toBe(0)
    expect(fs.readFileSync(file, "utf8")).toContain(`"id":"${invite.id}"`)
  })

  it("Ctrl-C stops after the request in flight: journal, report and the emulator agree on what was revoked", async () => {
    const pending = expected(emulator, "openai").filter((invite) => invite.status === "pending")
    expect(pending.length).toBeGreaterThan(3)
    // slow answers, so the signal lands while the run is under way
    await setFaults(emulator, "openai", { latencyMs: 150 })
    let timer: ReturnType<typeof setInterval> | undefined
    const result = await run(["revoke", "--provider", "openai", "--status", "pending", "--max", "100", "--yes", "-f", "ndjson"], {
      env: env(["openai"]),
      onSpawn: (child) => {
        timer = setInterval(() => {
          if (journal().length > 0) {
            clearInterval(timer)
            child.kill("SIGINT")
          }
        }, 20)
      }
    })
    clearInterval(timer)
    const reported = records(result.stdout)
    const revoked = idsOf(reported.filter((record) => record.outcome === "revoked"))
    expect(idsOf(reported)).toEqual(idsOf(pending))
    expect(revoked.length).toBeGreaterThan(0)
    expect(idsOf(journal().filter((line) => line.outcome === "revoked"))).toEqual(revoked)
    const left = new Set(idsOf(expected(emulator, "openai")))
    expect(idsOf(pending.filter((invite) => !left.has(invite.id)))).toEqual(revoked)
    if (result.code === 130) {
      for (const record of reported.filter((record) => record.outcome === "skipped")) {
        expect(record.reason).toBe("interrupted before it was revoked")
      }
    } else {
      // the signal came after the last invite: everything was done
      expect(result.code).toBe(0)
      expect(revoked).toEqual(idsOf(pending))
    }
  })
})
