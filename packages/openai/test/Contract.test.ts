import { Contract } from "@invitekit/testkit"
import { OpenAiProvider } from "../src/index.js"

Contract.run(OpenAiProvider.definition, {
  count: 250,
  pageSize: 40,
  invalidPages: [
    ["a number where an e-mail belongs", { _tag: "WrongType", field: "data.3.email" }, "data[3].email", "Expected"],
    ["an invite without its id", { _tag: "MissingField", field: "data.0.id" }, "data[0].id", "is missing"],
    ["a string where unix seconds belong", { _tag: "WrongType", field: "data.5.created_at" }, "data[5].created_at", "Expected"],
    // has_more may be absent (the OpenAPI document does not require it: see OpenAiOptionalShapes.test.ts), not mistyped
    ["has_more that is not a boolean", { _tag: "WrongType", field: "has_more" }, "has_more", "Expected"],
    ["data: null", { _tag: "NullData" }, "data", "Expected"],
    ...Contract.lastIdCursorFaults
  ]
})
