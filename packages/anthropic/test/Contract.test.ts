import { Contract } from "@invitekit/testkit"
import { AnthropicProvider } from "../src/index.js"

Contract.run(AnthropicProvider.definition, {
  count: 250,
  pageSize: 40,
  invalidPages: [
    ["a number where an e-mail belongs", { _tag: "WrongType", field: "data.3.email" }, "data[3].email", "Expected"],
    ["an invite without its id", { _tag: "MissingField", field: "data.0.id" }, "data[0].id", "is missing"],
    ["a number where a timestamp belongs", { _tag: "WrongType", field: "data.5.invited_at" }, "data[5].invited_at", "Expected"],
    ["a page without has_more", { _tag: "MissingField", field: "has_more" }, "has_more", "is missing"],
    ["a page without last_id", { _tag: "MissingField", field: "last_id" }, "last_id", "is missing"],
    ["data: null", { _tag: "NullData" }, "data", "Expected"],
    ...Contract.lastIdCursorFaults
  ]
})
