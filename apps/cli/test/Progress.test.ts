import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import { PassThrough } from "node:stream"
import { describe, expect, it } from "vitest"
import * as Progress from "../src/Progress.js"

const fakeTerminal = () => {
  const stream = new PassThrough() as PassThrough & { columns: number }
  stream.columns = 200
  let text = ""
  stream.setEncoding("utf8").on("data", (chunk: string) => (text += chunk))
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text }
}

describe("Progress", () => {
  it("renders pages and invites per provider, cut to the terminal width", () => {
    const states: Array<Progress.State> = [
      { provider: "openai", pages: 3, invites: 250, outcome: "done" },
      { provider: "portkey", pages: 1, invites: 1, outcome: "running" },
      { provider: "openlayer", pages: 0, invites: 0, outcome: "failed" }
    ]
    expect(Progress.render(states, 200)).toBe(
      "OpenAI: 3 pages, 250 invites ✓ · Portkey: 1 page, 1 invite · Openlayer: 0 pages, 0 invites ✗"
    )
    expect(Progress.render(states, 20)).toHaveLength(19)
  })

  it("draws on the terminal, prints notes above the line, and erases it at the end", async () => {
    const terminal = fakeTerminal()
    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const progress = yield* Progress.make({ providers: ["openai"], enabled: true, stream: terminal.stream, interval: 5 })
      progress.page("openai")
      progress.invites("openai", 100)
      yield* Effect.sleep(30)
      yield* progress.note("a note")
    })))
    await new Promise((resolve) => setImmediate(resolve))
    const text = terminal.text()
    expect(text).toContain("OpenAI: 1 page, 100 invites")
    expect(text).toContain("\r\u001b[2Ka note\n")
    expect(text.endsWith("\r\u001b[2K")).toBe(true)
  })

  it("erases the line when the listing is interrupted (Ctrl-C), not only when it ends", async () => {
    const terminal = fakeTerminal()
    const drawn = Effect.sync(() => terminal.text().includes("OpenAI: 1 page")).pipe(
      Effect.repeat({ schedule: Schedule.spaced(5), until: (shown) => shown })
    )
    await Effect.runPromise(Effect.gen(function*() {
      const listing = yield* Effect.fork(Effect.scoped(Effect.gen(function*() {
        const progress = yield* Progress.make({ providers: ["openai"], enabled: true, stream: terminal.stream, interval: 5 })
        progress.page("openai")
        return yield* Effect.never
      })))
      yield* drawn
      yield* Fiber.interrupt(listing)
    }))
    await new Promise((resolve) => setImmediate(resolve))
    const text = terminal.text()
    expect(text).toContain("OpenAI: 1 page, 0 invites")
    expect(text.endsWith("\r\u001b[2K")).toBe(true)
  })

  it("draws nothing when disabled, but still prints notes", async () => {
    const terminal = fakeTerminal()
    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const progress = yield* Progress.make({ providers: ["openai"], enabled: false, stream: terminal.stream, interval: 5 })
      progress.page("openai")
      yield* Effect.sleep(20)
      yield* progress.note("only this")
    })))
    await new Promise((resolve) => setImmediate(resolve))
    expect(terminal.text()).toBe("only this\n")
  })
})
