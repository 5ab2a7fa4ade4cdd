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
import { bold, displayWidth, plain, sanitize, type Style, truncate, yellow } from "./Style.js"
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
// Fields
// -----------------------------------------------------------------------------

/**
 * A field of an invite, as `--fields` names it: the JSON encoding's keys.
 *
 * @since 0.2.0
 */
export type Field = typeof Invite.fields[number]

/**
 * The fields `--fields` takes, in their canonical order.
 *
 * @since 0.2.0
 */
export const fieldNames: ReadonlyArray<Field> = Invite.fields

/**
 * `--fields a,b,c` read into fields in the order given (spaces ignored, a field named twice kept once), or the
 * first unknown name.
 *
 * @since 0.2.0
 */
export const parseFields = (
  text: string
): { readonly _tag: "Fields"; readonly fields: ReadonlyArray<Field> } | { readonly _tag: "Unknown"; readonly name: string } => {
  const names = text.split(",").map((name) => name.trim()).filter((name) => name !== "")
  const unknown = names.find((name) => !(fieldNames as ReadonlyArray<string>).includes(name))
  if (unknown !== undefined) return { _tag: "Unknown", name: unknown }
  return { _tag: "Fields", fields: [...new Set(names as ReadonlyArray<Field>)] }
}

// -----------------------------------------------------------------------------
// ndjson / json / csv
// -----------------------------------------------------------------------------

/**
 * One invite as one JSON line (without the line end).
 *
 * @since 0.1.0
 */
export const jsonLine = (invite: Invite.Invite, fields?: ReadonlyArray<Field>): string => {
  const encoded = Invite.encode(invite)
  if (fields === undefined) return JSON.stringify(encoded)
  const picked: Record<string, unknown> = {}
  for (const field of fields) picked[field] = encoded[field]
  return JSON.stringify(picked)
}

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
 * One invite as a CSV record: the JSON encoding's values (of `fields`, all by default), `null` as an empty
 * field, scopes compact.
 *
 * @since 0.1.0
 */
export const csvRow = (invite: Invite.Invite, fields: ReadonlyArray<Field> = Invite.fields): string => {
  const encoded = Invite.encode(invite)
  return csvRecord(fields.map((field) => {
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
 * @since 0.2.0
 */
export interface TableOptions {
  readonly align?: ReadonlyArray<Align> | undefined
  readonly style?: Style | undefined
  /** No header line (`--no-headers`). */
  readonly headers?: boolean | undefined
  /** The terminal's width: when the rows are wider, the `flexible` columns are cut (with `…`) to fit. */
  readonly maxWidth?: number | undefined
  /** Which columns may be cut to fit `maxWidth` (free text such as emails and scopes, never dates). */
  readonly flexible?: ReadonlyArray<boolean> | undefined
  /**
   * A shorter form of a column's cells (an instant's date without its time), used only when cutting the
   * flexible columns is not enough to fit `maxWidth`.
   */
  readonly compact?: ReadonlyArray<((text: string) => string) | undefined> | undefined
}

/** A flexible column is never cut below this (or its header's width), so what is left stays recognisable. */
const minimumFlexibleWidth = 8

/**
 * The column widths cut to fit `maxWidth`: one column at a time, always the widest flexible one, so a long
 * column gives up space first and short ones are left alone. Returns the widths unchanged when nothing can be cut.
 */
const fitWidths = (
  widths: ReadonlyArray<number>,
  header: ReadonlyArray<string>,
  options: TableOptions
): ReadonlyArray<number> => {
  if (options.maxWidth === undefined || options.flexible === undefined) return widths
  const fitted = [...widths]
  const minimum = header.map((title) => Math.max(displayWidth(title), minimumFlexibleWidth))
  let excess = fitted.reduce((sum, width) => sum + width, 0) + 2 * (fitted.length - 1) - options.maxWidth
  while (excess > 0) {
    let widest = -1
    fitted.forEach((width, column) => {
      if (options.flexible![column] === true && width > minimum[column]! && (widest === -1 || width > fitted[widest]!)) {
        widest = column
      }
    })
    if (widest === -1) break
    // Down to the next widest flexible column's width at once (or what is needed), not one column at a time.
    const next = Math.max(
      minimum[widest]!,
      ...fitted.map((width, column) => column !== widest && options.flexible![column] === true ? width : 0)
    )
    const cut = Math.min(excess, Math.max(1, fitted[widest]! - next))
    fitted[widest] = fitted[widest]! - cut
    excess -= cut
  }
  return fitted
}

/**
 * Aligned columns separated by two spaces, header first (unless `headers: false`), trailing spaces trimmed.
 * Widths are terminal columns (CJK and emoji count two, combining marks none). Text is sanitized.
 *
 * @since 0.1.0
 */
export const renderTable = (
  header: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<Cell>>,
  options: TableOptions = {}
): string => {
  const style = options.style ?? plain
  let clean = rows.map((row) => row.map((cell): Cell =>
    typeof cell === "string" ? sanitize(cell) : { text: sanitize(cell.text), paint: cell.paint }
  ))
  const showHeader = options.headers !== false
  const natural = (table: ReadonlyArray<ReadonlyArray<Cell>>) =>
    header.map((title, column) =>
      table.reduce(
        (max, row) => Math.max(max, displayWidth(cellText(row[column] ?? ""))),
        showHeader ? displayWidth(title) : 0
      )
    )
  const total = (widths: ReadonlyArray<number>) => widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1)
  let widths = fitWidths(natural(clean), header, options)
  if (options.maxWidth !== undefined && options.compact !== undefined && total(widths) > options.maxWidth) {
    const compact = options.compact
    clean = clean.map((row) => row.map((cell, column): Cell => {
      const shorten = compact[column]
      if (shorten === undefined) return cell
      return typeof cell === "string" ? shorten(cell) : { text: shorten(cell.text), paint: cell.paint }
    }))
    widths = fitWidths(natural(clean), header, options)
  }
  const last = header.length - 1
  const line = (cells: ReadonlyArray<Cell>, paintAll?: (text: string) => string) =>
    cells.map((cell, column) => {
      const text = truncate(cellText(cell), widths[column]!)
      const right = options.align?.[column] === "right"
      // The last column is not padded: no trailing spaces, even inside colour escapes.
      const gap = " ".repeat(column === last && !right ? 0 : Math.max(0, widths[column]! - displayWidth(text)))
      const padded = right ? gap + text : text + gap
      const painted = typeof cell === "string" ? padded : cell.paint(padded)
      return paintAll === undefined ? painted : paintAll(painted)
    }).join("  ").trimEnd()
  const body = clean.map((row) => line(row))
  const lines = showHeader ? [line(header, (text) => bold(style, text)), ...body] : body
  return lines.length === 0 ? "" : lines.join("\n") + "\n"
}

/**
 * The table's column title of each field.
 *
 * @since 0.2.0
 */
export const fieldTitles: Readonly<Record<Field, string>> = {
  account: "ACCOUNT",
  provider: "PROVIDER",
  id: "ID",
  email: "EMAIL",
  role: "ROLE",
  status: "STATUS",
  invitedAt: "INVITED",
  expiresAt: "EXPIRES",
  acceptedAt: "ACCEPTED",
  invitedBy: "INVITED BY",
  scopes: "SCOPES"
}

/** An instant's date alone (`2024-10-30`), for a table too narrow for `2024-10-30 23:58 UTC`. */
const instantDate = (text: string): string => /^\d{4}-\d{2}-\d{2} /.test(text) ? text.slice(0, 10) : text

const compactFields: Partial<Record<Field, (text: string) => string>> = {
  invitedAt: instantDate,
  expiresAt: instantDate,
  acceptedAt: instantDate
}

/** Free text that may be cut to fit a terminal; names, statuses and dates are never cut. */
const flexibleFields: ReadonlySet<Field> = new Set<Field>(["account", "id", "email", "invitedBy", "scopes"])

/**
 * The table's columns without `--fields`.
 *
 * @since 0.2.0
 */
export const defaultTableFields: ReadonlyArray<Field> = [
  "provider",
  "email",
  "role",
  "status",
  "invitedAt",
  "expiresAt",
  "scopes"
]

const tableCell = (invite: Invite.Invite, field: Field, now: number, style: Style): Cell => {
  switch (field) {
    case "account":
      return invite.account
    case "provider":
      return Providers.displayName(invite.provider)
    case "id":
      return invite.id
    case "email":
      return invite.email
    case "role":
      return invite.role
    case "status":
      return Invite.isStale(invite, now)
        ? { text: `${invite.status} (stale)`, paint: (text) => yellow(style, text) }
        : invite.status
    case "invitedAt":
      return formatInstant(invite.invitedAt)
    case "expiresAt":
      return formatInstant(invite.expiresAt)
    case "acceptedAt":
      return formatInstant(invite.acceptedAt)
    case "invitedBy":
      return invite.invitedBy ?? "-"
    case "scopes":
      return formatScopes(invite.scopes, (scope) => scope.name ?? scope.id)
  }
}

/**
 * One invite as a table row (of `fields`, the default columns otherwise). A pending invite past its expiry
 * shows as `pending (stale)`.
 *
 * @since 0.1.0
 */
export const tableRow = (
  invite: Invite.Invite,
  now: number,
  style: Style = plain,
  fields: ReadonlyArray<Field> = defaultTableFields
): ReadonlyArray<Cell> => fields.map((field) => tableCell(invite, field, now, style))

/**
 * How an invite table is laid out.
 *
 * @since 0.2.0
 */
export interface InviteTableOptions {
  /** The columns the rows' cells are (`--fields`); without it, the default columns and ACCOUNT when useful. */
  readonly fields?: ReadonlyArray<Field> | undefined
  readonly headers?: boolean | undefined
  /** The terminal's width to fit the rows to; none on a pipe. */
  readonly maxWidth?: number | undefined
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
  style: Style = plain,
  options: InviteTableOptions = {}
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
  const table = (fields: ReadonlyArray<Field>, cells: ReadonlyArray<ReadonlyArray<Cell>>) =>
    renderTable(fields.map((field) => fieldTitles[field]), cells, {
      style,
      headers: options.headers,
      maxWidth: options.maxWidth,
      flexible: fields.map((field) => flexibleFields.has(field)),
      compact: fields.map((field) => compactFields[field])
    })
  if (options.fields !== undefined) return table(options.fields, sorted.map(({ row }) => row.cells))
  // The account column only says something when an account is not simply its provider.
  const withAccount = rows.some((row) => row.account !== undefined && row.account !== row.provider)
  return withAccount
    ? table(["account", ...defaultTableFields], sorted.map(({ row }) => [row.account ?? row.provider, ...row.cells]))
    : table(defaultTableFields, sorted.map(({ row }) => row.cells))
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
  /** The columns (table, csv) or keys (json, ndjson), in order (`--fields`); all by default. */
  readonly fields?: ReadonlyArray<Field> | undefined
  /** Whether table and csv print their header line (`--no-headers` turns it off). */
  readonly headers?: boolean | undefined
  /** The terminal's width a table is fitted to (stdout a terminal); none on a pipe. */
  readonly maxWidth?: number | undefined
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
    const fields = options.fields
    const headers = options.headers !== false
    switch (options.format) {
      case "ndjson":
        return Stream.runForEachChunk(stream, (chunk) => {
          if (Chunk.isEmpty(chunk)) return Effect.void
          count += chunk.length
          let text = ""
          for (const invite of chunk) text += jsonLine(invite, fields) + "\n"
          return writer.write(text)
        }).pipe(Effect.map(() => count))
      case "csv":
        return writer.write(headers ? csvRecord(fields ?? Invite.fields) : "").pipe(
          Effect.zipRight(Stream.runForEachChunk(stream, (chunk) => {
            if (Chunk.isEmpty(chunk)) return Effect.void
            count += chunk.length
            let text = ""
            for (const invite of chunk) text += csvRow(invite, fields)
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
            text += (count === 0 ? "[\n  " : ",\n  ") + jsonLine(invite, fields)
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
            rows.push({
              provider: invite.provider,
              account: invite.account,
              cells: tableRow(invite, options.now, style, fields)
            })
          })).pipe(
            Effect.zipRight(Effect.suspend(() =>
              rows.length === 0 && options.onEmptyTable !== undefined
                ? options.onEmptyTable
                : writer.write(inviteTable(rows, style, { fields, headers, maxWidth: options.maxWidth }))
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
