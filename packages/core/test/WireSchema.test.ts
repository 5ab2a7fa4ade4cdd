import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import * as Schema from "effect/Schema"
import { WireSchema } from "../src/index.js"

describe("WireSchema.openEnum", () => {
  const Role = WireSchema.openEnum("owner", "reader")
  const decode = Schema.decodeUnknownEither(Schema.Struct({ role: Role }))

  it("keeps documented and undocumented values as sent", () => {
    expect(decode({ role: "owner" })).toEqual(Either.right({ role: "owner" }))
    expect(decode({ role: "claude_code_user" })).toEqual(Either.right({ role: "claude_code_user" }))
  })

  it("refuses a value that is not a string, naming the documented ones", () => {
    const result = decode({ role: 7 })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) expect(result.left.message).toContain("Expected a string (documented: owner, reader)")
  })
})
