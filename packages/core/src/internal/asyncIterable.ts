/**
 * A stream as an `AsyncIterable`, pull-based: the stream's next chunk (a page) is pulled only when the loop asks
 * for an item past the ones already pulled. Each iteration builds its own runtime with its own undici Agent, and
 * tears both down when the iteration ends — completion, `break`/`return`, a throw, or the `AbortSignal` — which
 * interrupts the fiber pulling a page, so the request in flight is cancelled and the sockets are closed.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import type * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"

/** What an aborted iteration rejects with: the signal's reason, as `fetch` does (an `AbortError` by default). */
const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException("This operation was aborted", "AbortError")

// A function, not an inline check: the compiler would otherwise keep an earlier `aborted === false` across awaits.
const isAborted = (signal: AbortSignal | undefined): signal is AbortSignal => signal?.aborted === true

/** @internal */
export const toAsyncIterable = <A, E, B>(
  stream: Stream.Stream<A, E, HttpClient.HttpClient>,
  options: { readonly map: (a: A) => B; readonly signal?: AbortSignal | undefined }
): AsyncIterable<B> => ({
  [Symbol.asyncIterator](): AsyncIterator<B> {
    const { map, signal } = options
    let runtime: ManagedRuntime.ManagedRuntime<HttpClient.HttpClient, never> | undefined
    let scope: Scope.CloseableScope | undefined
    let pull: Effect.Effect<Chunk.Chunk<A>, Option.Option<E>, HttpClient.HttpClient> | undefined
    let buffer: ReadonlyArray<A> = []
    let index = 0
    let finished = false
    let pulling = false
    let closing: Promise<void> | undefined

    const close = (): Promise<void> =>
      closing ??= (async () => {
        finished = true
        buffer = []
        signal?.removeEventListener("abort", onAbort)
        if (runtime === undefined) return
        if (scope !== undefined) await runtime.runPromise(Scope.close(scope, Exit.void))
        await runtime.dispose()
      })()
    // A pull in progress is interrupted by its own signal and closes after; an idle iteration closes at once.
    const onAbort = () => {
      if (!pulling) void close()
    }

    const step = async (): Promise<IteratorResult<B>> => {
      if (isAborted(signal)) {
        await close()
        throw abortReason(signal)
      }
      if (index < buffer.length) return { done: false, value: map(buffer[index++]!) }
      if (finished) return { done: true, value: undefined }
      if (runtime === undefined) {
        runtime = ManagedRuntime.make(NodeHttpClient.layerUndici)
        options.signal?.addEventListener("abort", onAbort, { once: true })
        scope = await runtime.runPromise(Scope.make())
        pull = await runtime.runPromise(Scope.extend(Stream.toPull(stream), scope))
      }
      for (;;) {
        pulling = true
        const exit = await runtime.runPromiseExit(pull!, signal === undefined ? undefined : { signal }).finally(() => {
          pulling = false
        })
        if (Exit.isSuccess(exit)) {
          if (Chunk.isEmpty(exit.value)) continue
          buffer = Chunk.toReadonlyArray(exit.value)
          index = 1
          return { done: false, value: map(buffer[0]!) }
        }
        await close()
        if (isAborted(signal)) throw abortReason(signal)
        const failure = Cause.failureOption(exit.cause)
        if (Option.isNone(failure)) throw Cause.squash(exit.cause)
        if (Option.isNone(failure.value)) return { done: true, value: undefined }
        throw failure.value.value
      }
    }

    // `for await` asks one at a time; a caller calling `next()` twice without waiting is served in order.
    let queue: Promise<unknown> = Promise.resolve()
    const serially = <T>(task: () => Promise<T>): Promise<T> => {
      const run = queue.then(task)
      queue = run.catch(() => undefined)
      return run
    }
    let pending = 0
    const next = (): Promise<IteratorResult<B>> => {
      // The common case — the page already pulled still holds items — answers without queueing.
      if (pending === 0 && index < buffer.length && !isAborted(signal)) {
        return Promise.resolve({ done: false, value: map(buffer[index++]!) })
      }
      pending++
      return serially(step).finally(() => {
        pending--
      })
    }
    return {
      next,
      return: () =>
        serially(async (): Promise<IteratorResult<B>> => {
          await close()
          return { done: true, value: undefined }
        })
    }
  }
})
