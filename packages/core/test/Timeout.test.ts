import { describe, expect, it } from "@effect/vitest"
import { Cause, Deferred, Duration, Effect, Exit, Fiber, FiberRef, TestClock } from "effect"
import { timeoutFail } from "../src/internal/timeout.js"

const timedOut = () => ({ _tag: "TimedOut" as const })

describe("timeoutFail on the live clock", () => {
  it.live("passes on a value, a failure and a defect unchanged", () =>
    Effect.gen(function*() {
      const minute = Duration.minutes(1)
      expect(yield* timeoutFail(Effect.succeed(1), minute, timedOut)).toBe(1)
      expect(yield* Effect.flip(timeoutFail(Effect.fail("refused"), minute, timedOut))).toBe("refused")
      const defect = yield* Effect.exit(timeoutFail(Effect.die("boom"), minute, timedOut))
      expect(Exit.isFailure(defect) && Cause.isDie(defect.cause)).toBe(true)
      // after an asynchronous step, not only a synchronous one
      expect(yield* timeoutFail(Effect.as(Effect.sleep(1), "later"), minute, timedOut)).toBe("later")
    }))

  it.live("fails with onTimeout once the duration has passed, after interrupting the effect", () =>
    Effect.gen(function*() {
      let interrupted = false
      const never = Effect.onInterrupt(Effect.never, () => Effect.sync(() => (interrupted = true)))
      const error = yield* Effect.flip(timeoutFail(never, Duration.millis(20), timedOut))
      expect(error).toStrictEqual({ _tag: "TimedOut" })
      expect(interrupted).toBe(true)
    }))

  it.live("interrupting the caller interrupts the effect", () =>
    Effect.gen(function*() {
      const started = yield* Deferred.make<void>()
      let interrupted = false
      const waiting = Effect.zipRight(
        Deferred.succeed(started, undefined),
        Effect.onInterrupt(Effect.never, () => Effect.sync(() => (interrupted = true)))
      )
      const fiber = yield* Effect.fork(timeoutFail(waiting, Duration.hours(1), timedOut))
      yield* Deferred.await(started)
      const exit = yield* Fiber.interrupt(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
      expect(interrupted).toBe(true)
    }))

  it.live("a duration past what setTimeout holds (or infinite) never times out, as on the live clock", () =>
    Effect.gen(function*() {
      // setTimeout fires a delay past 2³¹ − 1 ms at once: the 5 ms sleep would lose to it.
      const later = Effect.as(Effect.sleep(5), "done")
      expect(yield* timeoutFail(later, Duration.days(30), timedOut)).toBe("done")
      expect(yield* timeoutFail(later, Duration.infinity, timedOut)).toBe("done")
    }))

  it.live("keeps what the effect set in its fiber refs, as Effect.timeoutFail does", () =>
    Effect.gen(function*() {
      const ref = FiberRef.unsafeMake("before")
      yield* timeoutFail(Effect.as(FiberRef.set(ref, "after"), 1), Duration.minutes(1), timedOut)
      expect(yield* FiberRef.get(ref)).toBe("after")
    }))
})

describe("timeoutFail under the TestClock", () => {
  it.effect("waits for the TestClock, not for real time", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.flip(timeoutFail(Effect.never, Duration.minutes(1), timedOut)))
      yield* TestClock.adjust(Duration.seconds(59))
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust(Duration.seconds(1))
      expect(yield* Fiber.join(fiber)).toStrictEqual({ _tag: "TimedOut" })
    }))
})
