/**
 * Through the bundled CLI: the shapes the providers' docs allow list in full, and a next-page link that answers
 * 404 is reported as the server's broken response, not as a setting to fix.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { envFor, expected, type Handle, parseNdjson, run, setFaults, sortById, start } from "../helpers.js"

const counts = { openai: 230, anthropic: 40, portkey: 230, openlayer: 150 }
let sparse: Handle
let full: Handle

beforeAll(async () => {
  ;[sparse, full] = await Promise.all([
    start({ counts, openai: { shapes: "sparse" }, portkey: { shapes: "sparse" }, openlayer: { shapes: "sparse" } }),
    start({ counts })
  ])
})

afterAll(async () => {
  await Promise.all([sparse, full].map((handle) => handle.close()))
})

describe("invitekit list: shapes the providers' docs allow", () => {
  it("lists every invite of the sparse shapes (no has_more, no total, RFC 3339, absent fields, creator {})", async () => {
    const result = await run(["list", "-f", "ndjson"], { env: sparse.env })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const listed = parseNdjson(result.stdout)
    const all = (["openai", "anthropic", "portkey", "openlayer"] as const).flatMap((provider) => expected(sparse, provider))
    expect(sortById(listed)).toEqual(sortById(all))
    expect(listed.length).toBe(counts.openai + counts.anthropic + counts.portkey + 2 * counts.openlayer)
    // null where the field was not sent, never invented
    expect(listed.some((invite) => invite.provider === "openai" && invite.expiresAt === null)).toBe(true)
    expect(listed.some((invite) => invite.provider === "portkey" && invite.invitedAt === null)).toBe(true)
    expect(listed.some((invite) => invite.provider === "portkey" && invite.invitedBy === null)).toBe(true)
    expect(listed.some((invite) => invite.provider === "openlayer" && invite.invitedBy === null)).toBe(true)
  })

  it("a 404 on Openlayer's next-page link exits 5 naming the link, without the workspace-id hint", async () => {
    await setFaults(full, "openlayer", { script: [null, { _tag: "UnexpectedStatus", status: 404 }] })
    const result = await run(["list", "-f", "ndjson", "--max-retries", "0"], { env: envFor(full, ["openlayer"]) })
    expect(result.code).toBe(5)
    expect(result.stderr).toContain("Openlayer sent an invalid response")
    expect(result.stderr).toContain("x-next")
    expect(result.stderr).toContain("page=2")
    expect(result.stderr).not.toContain("Check OPENLAYER_WORKSPACE_ID")
  })
})
