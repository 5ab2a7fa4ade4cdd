/**
 * `Effect.timeoutFail` for one HTTP attempt, at the cost of one fiber instead of two.
 *
 * `Effect.timeoutFail` races the effect against `Effect.sleep`, each in a fiber of its own. Paid on every request,
 * that race was a tenth to a fifth of a listing's CPU per page (pages of 100 at no latency, min of 8, two runs:
 * 1,444 → 1,152 µs and 1,828 → 1,687 µs).
 * Here the effect runs in one fiber, and the waiting fiber also keeps the timer: a plain `setTimeout`. That is only
 * right on the live clock; under any other (`TestClock`) time is the clock's to tell, and `Effect.timeoutFail`
 * runs unchanged.
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"

const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

/**
 * The longest delay `setTimeout` keeps: a longer one fires at once. The live clock never fires one that long (its
 * scheduler drops it), and neither does this.
 */
const maxTimerMillis = 2 ** 31 - 1

/**
 * Fails with `onTimeout()` when `self` has not completed within `duration`, interrupting it (and waiting for its
 * finalizers: a request is cancelled before the failure is seen), as `Effect.timeoutFail` does. Interrupting the
 * caller interrupts `self`. What `self` ends with — a value, a failure, a defect — is passed on unchanged, with the
 * fiber refs it set.
 */
export const timeoutFail = <A, E, R, E1>(
  self: Effect.Effect<A, E, R>,
  duration: Duration.Duration,
  onTimeout: () => E1
): Effect.Effect<A, E | E1, R> =>
  Effect.clockWith((clock) => {
    const millis = Duration.toMillis(duration)
    if (clock !== liveClock) return Effect.timeoutFail(self, { duration, onTimeout })
    if (millis > maxTimerMillis) return self
    return Effect.uninterruptibleMask((restore) =>
      Effect.suspend(() => {
        // The fiber reports its own end: `settle` once someone waits, else `ended` for them to find.
        let ended: Exit.Exit<A, E> | undefined
        let settle: ((exit: Exit.Exit<A, E>) => void) | undefined
        const report = (exit: Exit.Exit<A, E>) =>
          Effect.sync(() => {
            if (settle === undefined) ended = exit
            else settle(exit)
          })
        return Effect.flatMap(Effect.fork(Effect.onExit(restore(self), report)), (fiber) =>
          restore(Effect.async<Exit.Exit<A, E>, E1>((resume) => {
            if (ended !== undefined) return resume(Effect.succeed(ended))
            const timer = setTimeout(() => {
              settle = undefined
              resume(Effect.zipRight(Fiber.interrupt(fiber), Effect.fail(onTimeout())))
            }, millis)
            settle = (exit) => {
              settle = undefined
              clearTimeout(timer)
              resume(Effect.succeed(exit))
            }
            return Effect.sync(() => {
              settle = undefined
              clearTimeout(timer)
            })
          })).pipe(
            Effect.onInterrupt(() => Fiber.interrupt(fiber)),
            Effect.flatMap((exit) => Exit.isSuccess(exit) ? Effect.zipRight(Fiber.inheritAll(fiber), exit) : exit)
          ))
      })
    )
  })
