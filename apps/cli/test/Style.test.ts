import { describe, expect, it } from "vitest"
import * as Style from "../src/Style.js"
import { run } from "./helpers.js"

const tty = { isTTY: true }
const pipe = { isTTY: false }

describe("colour conventions", () => {
  it("a terminal gets colour; a pipe does not", () => {
    expect(Style.useColor(tty, {})).toBe(true)
    expect(Style.useColor(pipe, {})).toBe(false)
  })

  it("NO_COLOR set and not empty turns colour off (https://no-color.org); empty is ignored", () => {
    expect(Style.useColor(tty, { NO_COLOR: "1" })).toBe(false)
    expect(Style.useColor(tty, { NO_COLOR: "" })).toBe(true)
  })

  it("TERM=dumb gets no colour", () => {
    expect(Style.useColor(tty, { TERM: "dumb" })).toBe(false)
    expect(Style.isDumbTerminal({ TERM: "dumb" })).toBe(true)
    expect(Style.isDumbTerminal({ TERM: "xterm-256color" })).toBe(false)
  })

  it("FORCE_COLOR decides when set: on even into a pipe, off for 0 or false", () => {
    expect(Style.useColor(pipe, { FORCE_COLOR: "1" })).toBe(true)
    expect(Style.useColor(pipe, { FORCE_COLOR: "3" })).toBe(true)
    expect(Style.useColor(tty, { FORCE_COLOR: "0" })).toBe(false)
    expect(Style.useColor(tty, { FORCE_COLOR: "false" })).toBe(false)
    expect(Style.useColor(pipe, { FORCE_COLOR: "" })).toBe(false)
  })
})

describe("colour through the CLI", () => {
  it("FORCE_COLOR=1 colours an error into a pipe; without it there is no escape code", async () => {
    const forced = await run(["list", "--page-size", "abc"], { env: { FORCE_COLOR: "1" } })
    expect(forced.stderr).toContain("\u001b[31minvitekit:\u001b[0m")
    const plain = await run(["list", "--page-size", "abc"])
    expect(plain.stderr).not.toContain("\u001b[")
  })
})
