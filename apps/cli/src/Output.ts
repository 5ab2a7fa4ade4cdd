/**
 * Everything the CLI prints on stdout: the four invite formats, the summary, and a writer that waits for the
 * terminal or pipe to take each batch before producing the next (memory stays flat however long the list).
 *
 * Formats:
 * - `ndjson`: one invite per line in the core JSON encoding (`Invite.encode`), written as pages arrive.
 * - `json`: one array, streamed as `[`, the invites, `]` — valid JSON that never waits for the end.
 * - `csv`: the `Invite.fields` header, then a row per invite (RFC 4180: CRLF line ends, quoting when needed),
 *   instants in ISO-8601, scopes as `kind:id(role)` joined by `;`.
 * - `table`: aligned columns for people. It waits for the end (column widths depend on every row), so it holds
 *   the rendered rows in memory; use `ndjson` or `csv` for very large exports.
 *
 * @since 0.1.0
 */
import * as Invite from "@invitekit/core/Invite"
import * as Provider from "@invitekit/core/Provider"
import * as Chunk from "effect/Chunk"
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { Console as NodeConsole } from "node:console"
import { Writable } from "node:stream"
import type * as Summary from "./Summary.js"

/**
 * The formats of `invitekit list`.
 *
 * @since 0.1.0
 */
export const formats = ["table", "json", "ndjson", "csv"] as const

/**
 * @since 0.1.0
 */
export type Format = typeof formats[number]

/**
 * The formats of `invitekit summary`.
 *
 * @since 0.1.0
 */
export const summaryFormats = ["table", "json"] as const

/**
 * @since 0.1.0
 */
export type SummaryFormat = typeof summaryFormats[number]

// -----------------------------------------------------------------------------
// Terminal facts
// -----------------------------------------------------------------------------

/**
 * Whether the user asked for no colour (https://no-color.org: `NO_COLOR` set and not empty).
 *
 * @since 0.1.0
 */
export const noColor = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== ""

/**
 * Whether to colour what goes to a stream: only a terminal, and only without `NO_COLOR`.
 *
 * @since 0.1.0
 */
export const useColor = (stream: { readonly isTTY?: boolean | undefined }, env: NodeJS.ProcessEnv = process.env) =>
  stream.isTTY === true && !noColor(env)

/**
 * How a rendered text may be styled.
 *
 * @since 0.1.0
 */
export interface Style {
  readonly color: boolean
}

/**
 * @since 0.1.0
 */
export const plain: Style = { color: false }

const sgr = (style: Style, code: string, text: string) => style.color ? `\x1b[${code}m${text}\x1b[0m` : text

/**
 * @since 0.1.0
 */
export const bold = (style: Style, text: string): string => sgr(style, "1", text)

/**
 * @since 0.1.0
 */
export const red = (style: Style, text: string): string => sgr(style, "31", text)

/**
 * @since 0.1.0
 */
export const yellow = (style: Style, text: string): string => sgr(style, "33", text)

// eslint-disable-next-line no-control-regex
const ansiPattern = /\x1b\[[0-9;?]*[ -/]*[@-~]/g

/**
 * Removes ANSI escape sequences (for @effect/cli's help and errors when colour is off).
 *
 * @since 0.1.0
 */
export const stripAnsi = (text: string): string => text.replace(ansiPattern, "")

// eslint-disable-next-line no-control-regex
const controlPattern = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/**
 * Replaces control characters (escape sequences included) in text that came from a provider, so a hostile
 * value cannot move the cursor or recolour the terminal. Tabs and newlines become spaces.
 *
 * @since 0.1.0
 */
export const sanitize = (text: string): string => text.replace(/[\t\n]/g, " ").replace(controlPattern, "\uFFFD")

// -----------------------------------------------------------------------------
// Writing with backpressure
// -----------------------------------------------------------------------------

/**
 * The reader of stdout went away (e.g. `invitekit list | head`): listing stops quietly.
 *
 * @since 0.1.0
 */
export class OutputClosed extends Data.TaggedError("OutputClosed")<{ readonly reason: string }> {}

/**
 * Where text goes. `write` completes once the stream has taken the text, so a slow reader slows the listing
 * down instead of filling memory.
 *
 * @since 0.1.0
 */
export interface Writer {
  readonly write: (text: string) => Effect.Effect<void, OutputClosed>
}

/**
 * A writer on a Node stream (stdout). Each call is one `write` of whole lines, so an interruption between
 * batches never leaves a partial line behind.
 *
 * @since 0.1.0
 */
export const writable = (stream: NodeJS.WritableStream): Writer => {
  let closed: string | undefined
  // Without a listener, EPIPE on stdout would crash the process with a stack trace.
  stream.on("error", (error: NodeJS.ErrnoException) => {
    closed ??= error.code ?? error.message
  })
  return {
    write: (text) =>
      Effect.async<void, OutputClosed>((resume) => {
        if (closed !== undefined) return resume(Effect.fail(new OutputClosed({ reason: closed })))
        if (text === "") return resume(Effect.void)
        stream.write(text, (error) => {
          if (error === undefined || error === null) return resume(Effect.void)
          closed ??= (error as NodeJS.ErrnoException).code ?? error.message
          resume(Effect.fail(new OutputClosed({ reason: closed })))
        })
      })
  }
}

/**
 * A writer that keeps what it is given (tests, and the demo's captured output).
 *
 * @since 0.1.0
 */
export const memory = (): Writer & { readonly text: () => string } => {
  const parts: Array<string> = []
  return {
    write: (text) => Effect.sync(() => void parts.push(text)),
    text: () => parts.join("")
  }
}

// -----------------------------------------------------------------------------
// The terminal
// -----------------------------------------------------------------------------

/**
 * Where the CLI writes and what those streams are.
 *
 * @since 0.1.0
 */
export interface TerminalService {
  /** Data, with backpressure. */
  readonly stdout: Writer
  readonly stdoutIsTTY: boolean
  readonly stdoutStyle: Style
  /** Messages and progress. */
  readonly stderr: NodeJS.WriteStream
  readonly stderrIsTTY: boolean
  readonly stderrStyle: Style
}

/**
 * @since 0.1.0
 */
export class Terminal extends Context.Tag("@invitekit/cli/Output/Terminal")<Terminal, TerminalService>() {}

/**
 * The process's stdout and stderr.
 *
 * @since 0.1.0
 */
export const layerProcess: Layer.Layer<Terminal> = Layer.sync(Terminal, () => ({
  stdout: writable(process.stdout),
  stdoutIsTTY: process.stdout.isTTY === true,
  stdoutStyle: { color: useColor(process.stdout) },
  stderr: process.stderr,
  stderrIsTTY: process.stderr.isTTY === true,
  stderrStyle: { color: useColor(process.stderr) }
}))

/**
 * A message line for stderr: `invitekit: <text>`, the prefix in red when colour is on.
 *
 * @since 0.1.0
 */
export const errorLine = (style: Style, text: string): string => `${red(style, "invitekit:")} ${text}`

/**
 * The Console @effect/cli prints help, usage errors and completions with. It always styles with ANSI escapes;
 * this one removes them from a stream that is not a terminal or when `NO_COLOR` is set.
 *
 * @since 0.1.0
 */
export const cliConsole = (): Console.Console => {
  const through = (stream: NodeJS.WriteStream) =>
    useColor(stream) ? stream : new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        stream.write(stripAnsi(chunk.toString()), callback)
      }
    })
  const node = new NodeConsole({ stdout: through(process.stdout), stderr: through(process.stderr), colorMode: false })
  const sync = (f: () => void) => Effect.sync(f)
  const console: Console.Console = {
    [Console.TypeId]: Console.TypeId,
    assert: (condition, ...args) => sync(() => node.assert(condition, ...args)),
    clear: sync(() => node.clear()),
    count: (label) => sync(() => node.count(label)),
    countReset: (label) => sync(() => node.countReset(label)),
    debug: (...args) => sync(() => node.debug(...args)),
    dir: (item, options) => sync(() => node.dir(item, options)),
    dirxml: (...args) => sync(() => node.dirxml(...args)),
    error: (...args) => sync(() => node.error(...args)),
    group: (options) => sync(() => options?.collapsed ? node.groupCollapsed(options.label) : node.group(options?.label)),
    groupEnd: sync(() => node.groupEnd()),
    info: (...args) => sync(() => node.info(...args)),
    log: (...args) => sync(() => node.log(...args)),
    table: (data, properties) => sync(() => node.table(data, properties)),
    time: (label) => sync(() => node.time(label)),
    timeEnd: (label) => sync(() => node.timeEnd(label)),
    timeLog: (label, ...args) => sync(() => node.timeLog(label, ...args)),
    trace: (...args) => sync(() => node.trace(...args)),
    warn: (...args) => sync(() => node.warn(...args)),
    unsafe: node
  }
  return console
}

// -----------------------------------------------------------------------------
// Cells
// -----------------------------------------------------------------------------

/**
 * An instant as people read it: `2024-10-30 23:58 UTC`; `-` for none.
 *
 * @since 0.1.0
 */
export const formatInstant = (instant: DateTime.Utc | null): string =>
  instant === null ? "-" : `${new Date(instant.epochMillis).toISOString().slice(0, 16).replace("T", " ")} UTC`

/**
 * Scopes as one compact text: `project:proj_1(member);workspace:ws_2`. `label` picks what names a scope
 * (its id for CSV, its name when known for the table).
 *
 * @since 0.1.0
 */
export const formatScopes = (
  scopes: ReadonlyArray<Invite.Scope>,
  label: (scope: Invite.Scope) => string = (scope) => scope.id
): string => scopes.map((scope) => `${scope.kind}:${label(scope)}${scope.role === null ? "" : `(${scope.role})`}`).join(";")

// -----------------------------------------------------------------------------
// ndjson / json / csv
// -----------------------------------------------------------------------------

/**
 * One invite as one JSON line (without the line end).
 *
 * @since 0.1.0
 */
export const jsonLine = (invite: Invite.Invite): string => JSON.stringify(Invite.encode(invite))

/**
 * One CSV field, quoted per RFC 4180 when it holds a comma, a quote, CR or LF (or starts/ends with a space).
 *
 * @since 0.1.0
 */
export const csvField = (value: string): string =>
  /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, "\"\"")}"` : value

/**
 * One CSV record with its CRLF line end.
 *
 * @since 0.1.0
 */
export const csvRecord = (values: ReadonlyArray<string>): string => `${values.map(csvField).join(",")}\r\n`

/**
 * The CSV header: the JSON encoding's field names.
 *
 * @since 0.1.0
 */
export const csvHeader: string = csvRecord(Invite.fields)

/**
 * One invite as a CSV record: the JSON encoding's values, `null` as an empty field, scopes compact.
 *
 * @since 0.1.0
 */
export const csvRow = (invite: Invite.Invite): string => {
  const encoded = Invite.encode(invite)
  return csvRecord(Invite.fields.map((field) => {
    if (field === "scopes") return formatScopes(invite.scopes)
    const value = encoded[field]
    return value === null ? "" : String(value)
  }))
}

// -----------------------------------------------------------------------------
// Tables
// -----------------------------------------------------------------------------

/**
 * @since 0.1.0
 */
export type Align = "left" | "right"

/**
 * A cell: its text, and optionally how to style it once padded (widths are measured without styling).
 *
 * @since 0.1.0
 */
export type Cell = string | { readonly text: string; readonly paint: (padded: string) => string }

const cellText = (cell: Cell): string => typeof cell === "string" ? cell : cell.text

/**
 * Aligned columns separated by two spaces, header first, trailing spaces trimmed. Text is sanitized.
 *
 * @since 0.1.0
 */
export const renderTable = (
  header: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<Cell>>,
  options: { readonly align?: ReadonlyArray<Align>; readonly style?: Style } = {}
): string => {
  const style = options.style ?? plain
  const clean = rows.map((row) => row.map((cell): Cell =>
    typeof cell === "string" ? sanitize(cell) : { text: sanitize(cell.text), paint: cell.paint }
  ))
  const widths = header.map((title, column) =>
    clean.reduce((max, row) => Math.max(max, [...cellText(row[column] ?? "")].length), title.length)
  )
  const last = header.length - 1
  const line = (cells: ReadonlyArray<Cell>, paintAll?: (text: string) => string) =>
    cells.map((cell, column) => {
      const text = cellText(cell)
      const right = options.align?.[column] === "right"
      // The last column is not padded: no trailing spaces, even inside colour escapes.
      const gap = " ".repeat(column === last && !right ? 0 : Math.max(0, widths[column]! - [...text].length))
      const padded = right ? gap + text : text + gap
      const painted = typeof cell === "string" ? padded : cell.paint(padded)
      return paintAll === undefined ? painted : paintAll(painted)
    }).join("  ").trimEnd()
  return [line(header, (text) => bold(style, text)), ...clean.map((row) => line(row))].join("\n") + "\n"
}

const inviteHeader = ["PROVIDER", "EMAIL", "ROLE", "STATUS", "INVITED", "EXPIRES", "SCOPES"]

/**
 * One invite as a table row. A pending invite past its expiry shows as `pending (stale)`.
 *
 * @since 0.1.0
 */
export const tableRow = (invite: Invite.Invite, now: number, style: Style = plain): ReadonlyArray<Cell> => {
  const stale = Invite.isStale(invite, now)
  return [
    Provider.displayName(invite.provider),
    invite.email,
    invite.role,
    stale ? { text: `${invite.status} (stale)`, paint: (text) => yellow(style, text) } : invite.status,
    formatInstant(invite.invitedAt),
    formatInstant(invite.expiresAt),
    formatScopes(invite.scopes, (scope) => scope.name ?? scope.id)
  ]
}

/**
 * The invites as a table, rows grouped by provider in the canonical order (each provider's own order kept).
 *
 * @since 0.1.0
 */
export const inviteTable = (
  rows: ReadonlyArray<{ readonly provider: Provider.Provider; readonly cells: ReadonlyArray<Cell> }>,
  style: Style = plain
): string => {
  const order = (provider: Provider.Provider) => Provider.all.indexOf(provider)
  const sorted = rows.map((row, index) => ({ row, index })).sort((a, b) =>
    order(a.row.provider) - order(b.row.provider) || a.index - b.index
  )
  return renderTable(inviteHeader, sorted.map(({ row }) => row.cells), { style })
}

// -----------------------------------------------------------------------------
// Streaming renderers
// -----------------------------------------------------------------------------

/**
 * @since 0.1.0
 */
export interface InvitesOptions {
  readonly format: Format
  /** The instant staleness is judged against. */
  readonly now: number
  readonly style?: Style | undefined
  /** Called instead of printing an empty table (the table's "no invites" note goes to stderr). */
  readonly onEmptyTable?: Effect.Effect<void> | undefined
}

/**
 * Prints a stream of invites in a format; returns how many were printed. `ndjson`, `csv` and `json` write each
 * chunk (a page, typically) as soon as it arrives and wait for the writer before pulling more.
 *
 * @since 0.1.0
 */
export const invites = <E, R>(
  stream: Stream.Stream<Invite.Invite, E, R>,
  writer: Writer,
  options: InvitesOptions
): Effect.Effect<number, E | OutputClosed, R> =>
  Effect.suspend(() => {
    let count = 0
    const style = options.style ?? plain
    switch (options.format) {
      case "ndjson":
        return Stream.runForEachChunk(stream, (chunk) => {
          if (Chunk.isEmpty(chunk)) return Effect.void
          count += chunk.length
          let text = ""
          for (const invite of chunk) text += jsonLine(invite) + "\n"
          return writer.write(text)
        }).pipe(Effect.map(() => count))
      case "csv":
        return writer.write(csvHeader).pipe(
          Effect.zipRight(Stream.runForEachChunk(stream, (chunk) => {
            if (Chunk.isEmpty(chunk)) return Effect.void
            count += chunk.length
            let text = ""
            for (const invite of chunk) text += csvRow(invite)
            return writer.write(text)
          })),
          Effect.map(() => count)
        )
      case "json":
        // `[` once the first invite is known, so an empty list prints `[]` and a failure before any
        // invite still leaves valid JSON.
        return Stream.runForEachChunk(stream, (chunk) => {
          if (Chunk.isEmpty(chunk)) return Effect.void
          let text = ""
          for (const invite of chunk) {
            text += (count === 0 ? "[\n  " : ",\n  ") + jsonLine(invite)
            count++
          }
          return writer.write(text)
        }).pipe(
          Effect.zipRight(Effect.suspend(() => writer.write(count === 0 ? "[]\n" : "\n]\n"))),
          Effect.map(() => count)
        )
      case "table": {
        const rows: Array<{ provider: Provider.Provider; cells: ReadonlyArray<Cell> }> = []
        return Stream.runForEach(stream, (invite) =>
          Effect.sync(() => {
            rows.push({ provider: invite.provider, cells: tableRow(invite, options.now, style) })
          })).pipe(
            Effect.zipRight(Effect.suspend(() =>
              rows.length === 0 && options.onEmptyTable !== undefined
                ? options.onEmptyTable
                : writer.write(inviteTable(rows, style))
            )),
            Effect.map(() => rows.length)
          )
      }
    }
  })

/**
 * Prints a summary as a table (the provider × status counts, then the oldest stale invites) or as JSON.
 *
 * @since 0.1.0
 */
export const summary = (
  value: Summary.Summary,
  writer: Writer,
  options: { readonly format: SummaryFormat; readonly style?: Style | undefined }
): Effect.Effect<void, OutputClosed> =>
  writer.write(options.format === "json" ? summaryJson(value) : summaryTable(value, options.style ?? plain))

/**
 * The summary's JSON form.
 *
 * @since 0.1.0
 */
export const summaryJson = (value: Summary.Summary): string =>
  JSON.stringify(
    {
      generatedAt: new Date(value.now).toISOString(),
      providers: value.providers.map((row) => ({
        provider: row.provider,
        total: row.total,
        byStatus: row.byStatus,
        stale: row.stale
      })),
      total: { total: value.total.total, byStatus: value.total.byStatus, stale: value.total.stale },
      oldestStale: value.oldestStale.map(Invite.encode),
      failed: value.failed
    },
    null,
    2
  ) + "\n"

/**
 * The summary's table form.
 *
 * @since 0.1.0
 */
export const summaryTable = (value: Summary.Summary, style: Style = plain): string => {
  const statuses = summaryStatuses(value)
  const header = ["PROVIDER", ...statuses.map((s) => s.toUpperCase()), "TOTAL", "STALE"]
  const align: Array<Align> = ["left", ...statuses.map(() => "right" as const), "right", "right"]
  const row = (name: string, counts: Summary.Counts): ReadonlyArray<Cell> => [
    name,
    ...statuses.map((status) => String(counts.byStatus[status] ?? 0)),
    String(counts.total),
    counts.stale > 0 ? { text: String(counts.stale), paint: (text) => yellow(style, text) } : "0"
  ]
  const rows = value.providers.map((counts) => row(Provider.displayName(counts.provider), counts))
  if (value.providers.length > 1) rows.push(row("all", value.total))
  let text = renderTable(header, rows, { align, style })
  if (value.oldestStale.length > 0) {
    const shown = value.oldestStale.length
    const title = value.total.stale > shown
      ? `Stale: pending invites past their expiry (the ${shown} oldest of ${value.total.stale})`
      : "Stale: pending invites past their expiry"
    text += `\n${bold(style, title)}\n` + renderTable(
      ["PROVIDER", "EMAIL", "ROLE", "INVITED", "EXPIRED"],
      value.oldestStale.map((invite) => [
        Provider.displayName(invite.provider),
        invite.email,
        invite.role,
        formatInstant(invite.invitedAt),
        formatInstant(invite.expiresAt)
      ]),
      { style }
    )
  }
  return text
}

const knownStatuses: ReadonlyArray<string> = Invite.KnownStatus.literals

/** The status columns: `pending` always, other known statuses and then unknown ones when any invite has them. */
const summaryStatuses = (value: Summary.Summary): ReadonlyArray<string> => {
  const seen = new Set(Object.keys(value.total.byStatus))
  const known = knownStatuses.filter((status) => status === "pending" || seen.has(status))
  const others = [...seen].filter((status) => !knownStatuses.includes(status)).sort()
  return [...known, ...others]
}
