import { describe, expect, it } from "@effect/vitest"
import { epochMillis } from "../src/internal/rfc3339.js"
import { rfc3339, rfc3339NearMisses } from "./fixtures/timestamps.js"

describe("Rfc3339.epochMillis", () => {
  it.prop("reads every timestamp of the providers' shape, as new Date does", [rfc3339], ([text]) => {
    expect(epochMillis(text)).toBe(new Date(text).getTime())
  }, { fastCheck: { numRuns: 2000 } })

  it.prop("never reads a string differently from new Date: it reads it the same or leaves it", [
    rfc3339NearMisses
  ], ([text]) => {
    const millis = epochMillis(text)
    if (millis !== undefined) expect(millis).toBe(new Date(text).getTime())
  }, { fastCheck: { numRuns: 5000 } })

  it("truncates the fraction to milliseconds and applies the offset", () => {
    expect(epochMillis("2024-10-30T23:58:27.427722Z")).toBe(Date.UTC(2024, 9, 30, 23, 58, 27, 427))
    expect(epochMillis("2024-10-30T23:58:27.9Z")).toBe(Date.UTC(2024, 9, 30, 23, 58, 27, 900))
    expect(epochMillis("2024-10-30T23:58:27Z")).toBe(Date.UTC(2024, 9, 30, 23, 58, 27))
    expect(epochMillis("2024-10-31T05:28:27+05:30")).toBe(Date.UTC(2024, 9, 30, 23, 58, 27))
    expect(epochMillis("2024-10-30T18:58:27.5-05:00")).toBe(Date.UTC(2024, 9, 30, 23, 58, 27, 500))
    expect(epochMillis("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29))
  })

  it("leaves what it does not read exactly to the general parser", () => {
    for (
      const text of [
        "2025-02-29T00:00:00Z", // new Date rolls it over to 1 March
        "2026-04-31T00:00:00Z",
        "2026-12-01T24:00:00Z",
        "2026-12-01T23:59:60Z",
        "0099-12-01T22:42:17Z", // Date.UTC would read 1999
        "2026-12-01t22:42:17Z",
        "2026-12-01T22:42:17z",
        "2026-12-01T22:42:17.Z",
        "2026-12-01T22:42:17.1234567890Z",
        "2026-12-01T22:42:17+0530",
        "2026-12-01T22:42:17",
        "2026-12-01",
        "Tue, 01 Dec 2026 22:42:17 GMT",
        ""
      ]
    ) expect(epochMillis(text), text).toBeUndefined()
  })
})
