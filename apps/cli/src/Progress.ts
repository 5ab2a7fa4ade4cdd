/**
 * Progress while listing — pages and invites per provider on one stderr line, redrawn a few times a second —
 * only when stderr is a terminal. Notes (a provider's failure) print above it; the line is erased at the end.
 *
 * @since 0.1.0
 */
import type * as Provider from "@invitekit/core/Provider"
import * as Providers from "./Providers.js"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"

/**
 * @since 0.1.0
 */
export interface Progress {
  /** A page of this provider's invites arrived. */
  readonly page: (provider: Provider.Provider) => void
  /** `n` of this provider's invites passed the filters. */
  readonly invites: (provider: Provider.Provider, n: number) => void
  /** This provider is done, or failed. */
  readonly finish: (provider: Provider.Provider, outcome: "done" | "failed") => void
  /** Prints a line on stderr (above the progress line when there is one). */
  readonly note: (line: string) => Effect.Effect<void>
  /** Erases the progress line for good (before a table goes to the same terminal). */
  readonly stop: Effect.Effect<void>
}

/**
 * One provider's progress.
 *
 * @since 0.1.0
 */
export interface State {
  readonly provider: Provider.Provider
  pages: number
  invites: number
  outcome: "running" | "done" | "failed"
}

/**
 * The progress line (without control sequences), cut to `columns`.
 *
 * @since 0.1.0
 */
export const render = (states: ReadonlyArray<State>, columns: number): string => {
  const text = states.map((state) => {
    const mark = state.outcome === "done" ? " ✓" : state.outcome === "failed" ? " ✗" : ""
    const pages = state.pages === 1 ? "1 page" : `${state.pages} pages`
    const invites = state.invites === 1 ? "1 invite" : `${state.invites} invites`
    return `${Providers.displayName(state.provider)}: ${pages}, ${invites}${mark}`
  }).join(" · ")
  const width = Math.max(10, columns - 1)
  return text.length > width ? `${text.slice(0, width - 1)}…` : text
}

/**
 * A progress reporter for a listing of `providers`. When `enabled` is false it only prints notes.
 *
 * @since 0.1.0
 */
export const make = (options: {
  readonly providers: ReadonlyArray<Provider.Provider>
  readonly enabled: boolean
  readonly stream: NodeJS.WriteStream
  readonly interval?: number | undefined
}): Effect.Effect<Progress, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { stream } = options
    const states = new Map<Provider.Provider, State>(
      options.providers.map((provider) => [provider, { provider, pages: 0, invites: 0, outcome: "running" }])
    )
    let shown = false
    let dirty = true
    let stopped = !options.enabled
    const clear = () => {
      if (shown) stream.write("\r\x1b[2K")
      shown = false
    }
    const draw = () => {
      if (stopped || (!dirty && shown)) return
      dirty = false
      stream.write(`\r\x1b[2K${render([...states.values()], stream.columns || 80)}`)
      shown = true
    }
    const update = (provider: Provider.Provider, f: (state: State) => void) => {
      const state = states.get(provider)
      if (state !== undefined) {
        f(state)
        dirty = true
      }
    }
    if (options.enabled) {
      yield* Effect.addFinalizer(() => Effect.sync(clear))
      yield* Effect.sync(draw).pipe(
        Effect.repeat(Schedule.spaced(options.interval ?? 100)),
        Effect.forkScoped
      )
    }
    return {
      page: (provider) => update(provider, (state) => void state.pages++),
      invites: (provider, n) => update(provider, (state) => void (state.invites += n)),
      finish: (provider, outcome) => update(provider, (state) => void (state.outcome = outcome)),
      note: (line) =>
        Effect.sync(() => {
          const wasShown = shown
          clear()
          stream.write(`${line}\n`)
          if (wasShown) {
            dirty = true
            draw()
          }
        }),
      stop: Effect.sync(() => {
        clear()
        stopped = true
      })
    }
  })
