/**
 * Progress while listing — pages and invites per account (per provider without a config file) on one stderr line, redrawn a few times a second —
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
  /** A page of this account's invites arrived (an account is named after its provider without a config file). */
  readonly page: (account: string) => void
  /** `n` of this account's invites passed the filters. */
  readonly invites: (account: string, n: number) => void
  /** This account is done, or failed. */
  readonly finish: (account: string, outcome: "done" | "failed") => void
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
  /** The account, when it is not named after its provider. */
  readonly account?: string | undefined
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
    const name = state.account === undefined || state.account === state.provider
      ? Providers.displayName(state.provider)
      : state.account
    return `${name}: ${pages}, ${invites}${mark}`
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
  /** The providers listed, each its own account … */
  readonly providers?: ReadonlyArray<Provider.Provider> | undefined
  /** … or the accounts listed. */
  readonly accounts?: ReadonlyArray<{ readonly name: string; readonly provider: Provider.Provider }> | undefined
  readonly enabled: boolean
  readonly stream: NodeJS.WriteStream
  readonly interval?: number | undefined
}): Effect.Effect<Progress, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { stream } = options
    const accounts = options.accounts ?? (options.providers ?? []).map((provider) => ({ name: provider, provider }))
    const states = new Map<string, State>(
      accounts.map((account) => [
        account.name,
        { provider: account.provider, account: account.name, pages: 0, invites: 0, outcome: "running" }
      ])
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
    const update = (account: string, f: (state: State) => void) => {
      const state = states.get(account)
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
      page: (account) => update(account, (state) => void state.pages++),
      invites: (account, n) => update(account, (state) => void (state.invites += n)),
      finish: (account, outcome) => update(account, (state) => void (state.outcome = outcome)),
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
