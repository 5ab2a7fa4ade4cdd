/**
 * What the CLI prints as data: the four invite formats and the summary, written through a `Terminal.Writer`
 * that waits for the terminal or pipe to take each batch before producing the next.
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
import type * as Provider from "@invitekit/core/Provider"
import * as Providers from "./Providers.js"
import * as Chunk from "effect/Chunk"
import type * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { bold, plain, sanitize, type Style, yellow } from "./Style.js"
import { OutputClosed, type Writer } from "./Terminal.js"
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
    Providers.displayName(invite.provider),
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
  rows: ReadonlyArray<
    { readonly provider: Provider.Provider; readonly account?: string | undefined; readonly cells: ReadonlyArray<Cell> }
  >,
  style: Style = plain
): string => {
  const order = (provider: Provider.Provider) => Providers.order(provider)
  // Accounts of one provider in the order they first answered, each account's own order kept.
  const firstSeen = new Map<string, number>()
  rows.forEach((row, index) => {
    const account = row.account ?? row.provider
    if (!firstSeen.has(account)) firstSeen.set(account, index)
  })
  const sorted = rows.map((row, index) => ({ row, index, account: firstSeen.get(row.account ?? row.provider)! }))
    .sort((a, b) => order(a.row.provider) - order(b.row.provider) || a.account - b.account || a.index - b.index)
  // The account column only says something when an account is not simply its provider.
  const withAccount = rows.some((row) => row.account !== undefined && row.account !== row.provider)
  return withAccount
    ? renderTable(["ACCOUNT", ...inviteHeader], sorted.map(({ row }) => [row.account ?? row.provider, ...row.cells]), { style })
    : renderTable(inviteHeader, sorted.map(({ row }) => row.cells), { style })
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
        const rows: Array<{ provider: Provider.Provider; account: string; cells: ReadonlyArray<Cell> }> = []
        return Stream.runForEach(stream, (invite) =>
          Effect.sync(() => {
            rows.push({ provider: invite.provider, account: invite.account, cells: tableRow(invite, options.now, style) })
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
      accounts: value.accounts.map((row) => ({
        account: row.account,
        provider: row.provider,
        total: row.total,
        byStatus: row.byStatus,
        stale: row.stale
      })),
      total: { total: value.total.total, byStatus: value.total.byStatus, stale: value.total.stale },
      oldestStale: value.oldestStale.map(Invite.encode),
      failed: value.failed,
      failedAccounts: value.failedAccounts
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
  const rows = value.providers.map((counts) => row(Providers.displayName(counts.provider), counts))
  if (value.providers.length > 1) rows.push(row("all", value.total))
  let text = renderTable(header, rows, { align, style })
  const byAccount = [...value.accounts, ...value.failedAccounts].some((row) => row.account !== row.provider)
  if (byAccount) {
    text += `\n${bold(style, "By account")}\n` + renderTable(
      ["ACCOUNT", ...header],
      value.accounts.map((counts) => [counts.account, ...row(Providers.displayName(counts.provider), counts)]),
      { align: ["left", ...align], style }
    )
  }
  if (value.oldestStale.length > 0) {
    const shown = value.oldestStale.length
    const title = value.total.stale > shown
      ? `Stale: pending invites past their expiry (the ${shown} oldest of ${value.total.stale})`
      : "Stale: pending invites past their expiry"
    text += `\n${bold(style, title)}\n` + renderTable(
      [byAccount ? "ACCOUNT" : "PROVIDER", "EMAIL", "ROLE", "INVITED", "EXPIRED"],
      value.oldestStale.map((invite) => [
        byAccount ? invite.account : Providers.displayName(invite.provider),
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
