/**
 * Hostile and malformed responses, one case per row: each ends in the typed error and exit code it deserves
 * (5 invalid response; 4 unavailable once a transient failure outlasts the retries; 2 for a 4xx the provider
 * answers, per Failure.ts), never a crash, a hang or an invented invite: stdout holds only whole invites the
 * emulator serves, each once, the start of the provider's list.
 */
import type { ProviderName as Provider } from "@invitekit/emulator/Emulator"
import { displayName } from "@invitekit/core/Provider"
import type * as Faults from "@invitekit/emulator/Faults"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Handle, resetCounters, setFaults, start } from "../helpers.js"
import { checkPrinted, expectComplete, run, settled } from "./support.js"

// Several pages per provider at --page-size 5, the last one partial.
const counts = { openai: 23, anthropic: 22, portkey: 24, openlayer: 12 }
const pageSize = 5
const maxRetries = 1

let emulator: Handle

beforeAll(async () => {
  emulator = await start({ counts })
})

afterAll(async () => {
  await emulator.close()
})

interface Case {
  readonly name: string
  readonly provider: Provider
  /** One fault per request, in order; `null` serves the request normally. */
  readonly script: ReadonlyArray<Faults.Fault | null>
  readonly code: number
  /** What stderr must say besides the provider's name. */
  readonly says: ReadonlyArray<string>
}

/** A fault on every attempt of the second page: the retries cannot get past it. */
const always = (fault: Faults.Fault) => [null, ...Array.from({ length: maxRetries + 1 }, () => fault)]
const secondPage = (fault: Faults.Fault) => [null, fault]
const firstPage = (fault: Faults.Fault) => [fault]

const invalid = 5
const unavailable = 4
const rejected = 2

const cases: ReadonlyArray<Case> = [
  // Bodies that are not what they claim
  { name: "invalid JSON", provider: "openai", script: secondPage({ _tag: "InvalidJson" }), code: invalid, says: ["not valid JSON"] },
  { name: "a body cut short of its Content-Length, every attempt", provider: "anthropic", script: always({ _tag: "TruncatedBody" }), code: unavailable, says: ["is unavailable", "2 attempts"] },
  { name: "a reset mid-body, every attempt", provider: "openlayer", script: always({ _tag: "ResetMidBody" }), code: unavailable, says: ["is unavailable", "transport error"] },
  { name: "an HTML login page with status 200", provider: "portkey", script: secondPage({ _tag: "HtmlOk" }), code: invalid, says: ["text/html"] },
  { name: "JSON served as text/plain", provider: "openlayer", script: secondPage({ _tag: "WrongContentType" }), code: invalid, says: ["text/plain"] },
  { name: "JSON served as application/octet-stream", provider: "openai", script: secondPage({ _tag: "WrongContentType", contentType: "application/octet-stream" }), code: invalid, says: ["application/octet-stream"] },
  { name: "an HTML 502 from a proxy, every attempt", provider: "openai", script: always({ _tag: "HtmlBadGateway" }), code: unavailable, says: ["is unavailable", "HTTP 502"] },
  { name: "529 overloaded, every attempt", provider: "anthropic", script: always({ _tag: "ServerError", status: 529 }), code: unavailable, says: ["is unavailable", "HTTP 529"] },
  // Fields missing, wrongly typed, null
  { name: "an invite without its id", provider: "openai", script: secondPage({ _tag: "MissingField", field: "data.0.id" }), code: invalid, says: ["data[0].id", "is missing"] },
  { name: "a page without has_more", provider: "anthropic", script: secondPage({ _tag: "MissingField", field: "has_more" }), code: invalid, says: ["has_more", "is missing"] },
  { name: "a page without its total", provider: "portkey", script: secondPage({ _tag: "MissingField", field: "total" }), code: invalid, says: ["total", "is missing"] },
  { name: "a number where an e-mail belongs", provider: "portkey", script: secondPage({ _tag: "WrongType", field: "data.2.email" }), code: invalid, says: ["data[2].email", "Expected string"] },
  { name: "has_more as a string", provider: "anthropic", script: secondPage({ _tag: "WrongType", field: "has_more" }), code: invalid, says: ["has_more", "Expected boolean"] },
  { name: "the total as a string", provider: "portkey", script: firstPage({ _tag: "WrongType", field: "total" }), code: invalid, says: ["total", "Expected number"] },
  { name: "a number where a date belongs", provider: "openlayer", script: secondPage({ _tag: "WrongType", field: "items.1.dateCreated" }), code: invalid, says: ["items[1].dateCreated"] },
  { name: "data: null", provider: "openai", script: secondPage({ _tag: "NullData" }), code: invalid, says: ["at data:", "actual null"] },
  { name: "an invite that is null", provider: "anthropic", script: secondPage({ _tag: "NullData", field: "data.0" }), code: invalid, says: ["data[0]", "actual null"] },
  { name: "null where the workspace object belongs", provider: "openlayer", script: secondPage({ _tag: "NullData", field: "items.0.workspace" }), code: invalid, says: ["items[0].workspace", "actual null"] },
  // Extremely long strings
  { name: "a 1 MiB e-mail address", provider: "anthropic", script: secondPage({ _tag: "LongString" }), code: invalid, says: ["data[0].email", "characters"] },
  { name: "a 1 MiB workspace name", provider: "openlayer", script: secondPage({ _tag: "LongString", field: "items.0.workspace.name" }), code: invalid, says: ["items[0].workspace.name", "characters"] },
  { name: "a 100,000-character role", provider: "portkey", script: secondPage({ _tag: "LongString", field: "data.0.role", length: 100_000 }), code: invalid, says: ["data[0].role", "characters"] },
  // Totals that lie
  { name: "a negative total", provider: "portkey", script: firstPage({ _tag: "LyingTotal", total: -1 }), code: invalid, says: ["-1 is not a count"] },
  { name: "a total smaller than the first page", provider: "portkey", script: firstPage({ _tag: "LyingTotal", total: 3 }), code: invalid, says: ["the total is 3"] },
  { name: "a total that changes while listing", provider: "portkey", script: firstPage({ _tag: "LyingTotal", total: 1000 }), code: invalid, says: ["changed from 1000 to 24"] },
  { name: "a total larger than the list, on every page", provider: "portkey", script: Array(12).fill({ _tag: "LyingTotal", total: 40 }), code: invalid, says: ["the total is 40"] },
  // Pagination that loops, goes back or stalls
  { name: "a cursor that repeats", provider: "openai", script: [null, null, { _tag: "RepeatCursor" }], code: invalid, says: ["does not advance"] },
  { name: "a cursor that goes backwards", provider: "anthropic", script: [null, null, { _tag: "CursorBackwards" }], code: invalid, says: ["last_id", "is not the id of the page's last item"] },
  { name: "the previous page served again", provider: "portkey", script: secondPage({ _tag: "RepeatCursor" }), code: invalid, says: ["repeats an earlier page"] },
  { name: "the first page served again for a later one", provider: "portkey", script: [null, null, { _tag: "CursorBackwards" }], code: invalid, says: ["repeats an earlier page"] },
  { name: "an x-next pointing at the page just served", provider: "openlayer", script: secondPage({ _tag: "RepeatCursor" }), code: invalid, says: ["loops back"] },
  { name: "an x-next looping to an earlier page", provider: "openlayer", script: [null, null, { _tag: "NextLinkLoop", page: 1 }], code: invalid, says: ["loops back"] },
  { name: "has_more with an empty page", provider: "openai", script: secondPage({ _tag: "EmptyPageWithMore" }), code: invalid, says: ["empty page"] },
  { name: "an empty first page while the total says more", provider: "portkey", script: firstPage({ _tag: "EmptyPageWithMore" }), code: invalid, says: ["the total is 24"] },
  { name: "an empty page in the middle while the total says more", provider: "portkey", script: secondPage({ _tag: "EmptyPageWithMore" }), code: invalid, says: ["the total is 24"] },
  { name: "an x-next after an empty page", provider: "openlayer", script: secondPage({ _tag: "EmptyPageWithMore" }), code: invalid, says: ["empty page"] },
  // Pages larger than asked
  { name: "a page ten times the size asked (offset pages)", provider: "portkey", script: secondPage({ _tag: "HugePage" }), code: invalid, says: ["were asked"] },
  { name: "a page ten times the size asked (linked pages)", provider: "openlayer", script: secondPage({ _tag: "HugePage" }), code: invalid, says: ["were asked"] },
  // Statuses no one expects
  { name: "204 without a body", provider: "openai", script: secondPage({ _tag: "UnexpectedStatus", status: 204 }), code: invalid, says: ["unexpected HTTP status 204"] },
  { name: "302 to a login page", provider: "anthropic", script: secondPage({ _tag: "UnexpectedStatus", status: 302, location: "https://login.example.invalid/sso" }), code: invalid, says: ["302", "does not follow redirects"] },
  { name: "418 in the provider's error shape", provider: "portkey", script: secondPage({ _tag: "UnexpectedStatus", status: 418 }), code: rejected, says: ["rejected", "HTTP 418"] },
  { name: "410 gone", provider: "openlayer", script: secondPage({ _tag: "UnexpectedStatus", status: 410 }), code: rejected, says: ["rejected", "HTTP 410"] }
]

describe("hostile responses end in the right exit code, with only real invites printed", () => {
  it("covers every fault kind the emulator offers except the recoverable ones served in chaos.test.ts", () => {
    const covered = new Set(cases.flatMap((c) => c.script.flatMap((fault) => fault === null ? [] : [fault._tag])))
    const hostileKinds = [
      "InvalidJson", "MissingField", "WrongType", "NullData", "LongString", "RepeatCursor", "CursorBackwards",
      "EmptyPageWithMore", "HugePage", "LyingTotal", "NextLinkLoop", "TruncatedBody", "HtmlOk", "WrongContentType",
      "UnexpectedStatus", "ResetMidBody", "HtmlBadGateway", "ServerError"
    ]
    for (const kind of hostileKinds) expect(covered).toContain(kind)
    expect(new Set(cases.map((c) => c.provider)).size).toBe(4)
  })

  it.each(cases)("$provider: $name → exit $code", async ({ code, provider, says, script }) => {
    await setFaults(emulator, provider, { script })
    await resetCounters(emulator)
    const result = await run(
      ["list", "-f", "ndjson", "--provider", provider, "--page-size", String(pageSize), "--max-retries", String(maxRetries), "--timeout", "5"],
      { env: emulator.env, timeoutMs: 15_000 }
    )
    expect(result.stderr).not.toContain("unexpected error")
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code, stderr: expect.any(String) })
    expect(result.stderr).toContain(displayName(provider))
    for (const text of says) expect(result.stderr).toContain(text)
    // One line on stderr: the error, no stack trace.
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
    checkPrinted(emulator, [provider], result.stdout)
    // No request was left open behind it.
    expect(await settled(emulator, [provider])).toEqual([0])
  })

  it("a cursor API that sends a larger page than asked is still listed exactly once (nothing lost or repeated)", async () => {
    for (const provider of ["openai", "anthropic"] as const) {
      await setFaults(emulator, provider, { script: secondPage({ _tag: "HugePage", factor: 3 }) })
      const result = await run(["list", "-f", "ndjson", "--provider", provider, "--page-size", String(pageSize)], {
        env: emulator.env
      })
      expect(result.code).toBe(0)
      expectComplete(emulator, [provider], result.stdout)
    }
  })
})
