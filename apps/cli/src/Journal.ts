/**
 * The journal of applied revocations: one JSON line per action (time, account, provider, id, email, outcome,
 * reason), appended and flushed to disk before the action is reported, so an admin can show what was done and
 * when even after a crash or a Ctrl-C.
 *
 * @since 0.2.0
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

/**
 * One line of the journal.
 *
 * @since 0.2.0
 */
export interface Entry {
  readonly time: string
  readonly account: string
  readonly provider: string
  readonly id: string
  readonly email: string
  readonly outcome: string
  readonly reason: string
}

/**
 * The journal could not be opened or written: nothing more is applied.
 *
 * @since 0.2.0
 */
export class JournalError extends Data.TaggedError("JournalError")<{ readonly message: string }> {}

/**
 * Where the journal lives unless `--journal` says: `$XDG_STATE_HOME/invitekit/journal.ndjson`, else
 * `~/.local/state/invitekit/journal.ndjson`.
 *
 * @since 0.2.0
 */
export const defaultPath = (env: Readonly<Record<string, string | undefined>> = process.env): string => {
  const state = env["XDG_STATE_HOME"]
  const base = state !== undefined && path.isAbsolute(state) ? state : path.join(os.homedir(), ".local", "state")
  return path.join(base, "invitekit", "journal.ndjson")
}

/**
 * @since 0.2.0
 */
export interface Journal {
  readonly path: string
  /** Appends one line and flushes it to disk. */
  readonly append: (entry: Entry) => Effect.Effect<void, JournalError>
}

/**
 * Opens (creating its folder) the journal for appending; closed with the scope.
 *
 * @since 0.2.0
 */
export const open = (file: string) =>
  Effect.acquireRelease(
    Effect.try({
      try: () => {
        fs.mkdirSync(path.dirname(file), { recursive: true })
        return fs.openSync(file, "a", 0o600)
      },
      catch: (error) => new JournalError({ message: `cannot open the journal ${file}: ${describe(error)}` })
    }),
    (fd) => Effect.sync(() => fs.closeSync(fd))
  ).pipe(Effect.map((fd): Journal => ({
    path: file,
    append: (entry) =>
      Effect.try({
        try: () => {
          fs.writeSync(fd, JSON.stringify(entry) + "\n")
          fs.fsyncSync(fd)
        },
        catch: (error) => new JournalError({ message: `cannot write the journal ${file}: ${describe(error)}` })
      })
  })))

const describe = (error: unknown): string => error instanceof Error ? error.message : String(error)
