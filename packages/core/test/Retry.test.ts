import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Option, Ref, TestClock } from "effect"
import { Retry } from "../src/index.js"

interface TestFailure extends Retry.Failure {
  readonly label: string
}

const transient = (headers: Record<string, string> = {}): TestFailure => ({ retryable: true, headers, label: "503" })

/**
 * Runs an effect that fails with `failures` in turn (then succeeds) under the schedule, advancing the TestClock,
 * and returns the instants (ms since start) at which each attempt started, and how it ended.
 */
const observe = (failures: ReadonlyArray<TestFailure>, options: Partial<Retry.Options> = {}) =>
  Effect.gen(function*() {
    const attempts = yield* Ref.make<Array<number>>([])
    const start = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
    const attempt = Effect.gen(function*() {
      const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const seen = yield* Ref.updateAndGet(attempts, (list) => [...list, now - start])
      const failure = failures[seen.length - 1]
      return failure === undefined ? "ok" : yield* Effect.fail(failure)
    })
    const fiber = yield* Effect.fork(Effect.either(Effect.retry(attempt, Retry.schedule<TestFailure>(options))))
    yield* TestClock.adjust("30 minutes")
    const result = yield* Fiber.join(fiber)
    return { at: yield* Ref.get(attempts), result }
  })

const gaps = (at: ReadonlyArray<number>) => at.slice(1).map((t, i) => t - at[i]!)

describe("Retry.schedule under the TestClock", () => {
  it.effect("backs off 0.5 s × 2ⁿ with up to 25% jitter, up to 8 s", () =>
    Effect.gen(function*() {
      const { at, result } = yield* observe(Array.from({ length: 7 }, () => transient()), { maxRetries: 7 })
      expect(result._tag).toBe("Right")
      const expected = [500, 1000, 2000, 4000, 8000, 8000, 8000]
      const observed = gaps(at)
      expect(observed.length).toBe(expected.length)
      observed.forEach((gap, i) => {
        expect(gap).toBeLessThanOrEqual(expected[i]!)
        expect(gap).toBeGreaterThanOrEqual(expected[i]! * 0.75)
      })
    }))

  it.effect("gives up after maxRetries (5 by default) with the last failure", () =>
    Effect.gen(function*() {
      const failures = Array.from({ length: 10 }, (_, i) => ({ ...transient(), label: `failure ${i}` }))
      const { at, result } = yield* observe(failures)
      expect(at.length).toBe(6)
      expect(result._tag === "Left" && result.left.label).toBe("failure 5")
    }))

  it.effect("honours retry-after-ms before Retry-After", () =>
    Effect.gen(function*() {
      const { at } = yield* observe([transient({ "retry-after-ms": "1234", "retry-after": "9" })])
      expect(gaps(at)).toEqual([1234])
    }))

  it.effect("honours Retry-After in seconds", () =>
    Effect.gen(function*() {
      const { at } = yield* observe([transient({ "retry-after": "3" }), transient({ "retry-after": "0" })])
      expect(gaps(at)).toEqual([3000, 0])
    }))

  it.effect("honours Retry-After as an HTTP date", () =>
    Effect.gen(function*() {
      const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const date = new Date(now + 7000).toUTCString()
      const { at } = yield* observe([transient({ "retry-after": date })])
      // HTTP dates have whole seconds: the wait is at most 7 s and more than 6 s.
      expect(gaps(at)[0]).toBeGreaterThan(6000)
      expect(gaps(at)[0]).toBeLessThanOrEqual(7000)
    }))

  it.effect("ignores a Retry-After that is neither seconds nor a date, and backs off instead", () =>
    Effect.gen(function*() {
      const { at } = yield* observe([transient({ "retry-after": "soon" })])
      expect(gaps(at)[0]).toBeGreaterThanOrEqual(375)
      expect(gaps(at)[0]).toBeLessThanOrEqual(500)
    }))

  it.effect("refuses to wait longer than the cap a server asks for: fails at once instead", () =>
    Effect.gen(function*() {
      const { at, result } = yield* observe([transient({ "retry-after": "3600" })])
      expect(at).toEqual([0])
      expect(result._tag).toBe("Left")
    }))

  it.effect("the cap is configurable", () =>
    Effect.gen(function*() {
      const { at } = yield* observe([transient({ "retry-after": "90" })], { maxRetryAfter: Duration.minutes(2) })
      expect(gaps(at)).toEqual([90_000])
    }))

  it.effect("does not retry a failure that is not retryable", () =>
    Effect.gen(function*() {
      const { at, result } = yield* observe([{ retryable: false, label: "401" }])
      expect(at).toEqual([0])
      expect(result._tag).toBe("Left")
    }))

  it.effect("x-should-retry: false from the server wins over a retryable status", () =>
    Effect.gen(function*() {
      const { at } = yield* observe([transient({ "x-should-retry": "false" })])
      expect(at).toEqual([0])
    }))

  it.effect("maxRetries 0 means one attempt", () =>
    Effect.gen(function*() {
      const { at } = yield* observe([transient()], { maxRetries: 0 })
      expect(at).toEqual([0])
    }))
})

describe("Retry.serverDelay", () => {
  it("reads retry-after-ms, then retry-after seconds or date", () => {
    expect(Retry.serverDelay({ "retry-after-ms": "250" }, 0)).toEqual(Option.some(Duration.millis(250)))
    expect(Retry.serverDelay({ "retry-after": "2" }, 0)).toEqual(Option.some(Duration.millis(2000)))
    expect(Retry.serverDelay({ "retry-after": "Thu, 01 Jan 1970 00:00:05 GMT" }, 1000)).toEqual(
      Option.some(Duration.millis(4000))
    )
    expect(Retry.serverDelay({ "retry-after": "Thu, 01 Jan 1970 00:00:05 GMT" }, 9000)).toEqual(
      Option.some(Duration.millis(0))
    )
    expect(Retry.serverDelay({ "retry-after": "-1" }, 0)).toEqual(Option.none())
    expect(Retry.serverDelay({}, 0)).toEqual(Option.none())
  })
})
