/**
 * A bad flag value names the flag, and every usage error is one `invitekit: ` line on stderr with exit 2.
 */
import { describe, expect, it } from "vitest"
import { run } from "./helpers.js"

describe("bad input names the flag", () => {
  it.each([
    { args: ["list", "--page-size", "abc"], message: "invitekit: --page-size: 'abc' is not a whole number" },
    { args: ["list", "--page-size=abc"], message: "invitekit: --page-size: 'abc' is not a whole number" },
    { args: ["list", "--max-items", "1.5"], message: "invitekit: --max-items: '1.5' is not a whole number" },
    { args: ["list", "--timeout", "soon"], message: "invitekit: --timeout: 'soon' is not a number" },
    { args: ["list", "--max-retries", "many"], message: "invitekit: --max-retries: 'many' is not a whole number" },
    {
      args: ["list", "--provider", "foo"],
      message: "invitekit: --provider: 'foo' is not one of openai, anthropic, portkey, openlayer"
    },
    { args: ["list", "-f", "xml"], message: "invitekit: --format: 'xml' is not one of table, json, ndjson, csv" },
    { args: ["summary", "--format=csv"], message: "invitekit: --format: 'csv' is not one of table, json" }
  ])("$args.1 $args.2", async ({ args, message }) => {
    const result = await run(args)
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr.trim() }).toEqual({
      code: 2,
      stdout: "",
      stderr: message
    })
  })

  it("every usage error starts with invitekit: ", async () => {
    for (const args of [["list", "--nope"], ["nope"], ["list", "--wizard"], ["list", "--page-size", "0"], ["emulator", "--port", "x"]]) {
      const result = await run(args)
      expect({ args, code: result.code }).toEqual({ args, code: 2 })
      expect({ args, start: result.stderr.slice(0, 11) }).toEqual({ args, start: "invitekit: " })
    }
  })
})
