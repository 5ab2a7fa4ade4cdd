/**
 * What `invitekit audit` prints: the findings in the four formats of `list`, one record per finding — the
 * invite's fields as `list` prints them, then `rule`, `severity` and `reason` (`Audit.encode`, `Audit.fields`).
 * `json`, `ndjson` and `csv` stream as the findings come; the table waits for the end, most severe first.
 *
 * @since 0.2.0
 */
import * as Audit from "@invitekit/core/Audit"
import type * as AuditPolicy from "@invitekit/core/AuditPolicy"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { csvRecord, type Format, formatScopes, renderTable } from "./Output.js"
import * as Providers from "./Providers.js"
import { plain, red, type Style, yellow } from "./Style.js"
import type { OutputClosed, Writer } from "./Terminal.js"

/**
 * One finding as one JSON line (without the line end).
 *
 * @since 0.2.0
 */
export const jsonLine = (finding: Audit.Finding): string => JSON.stringify(Audit.encode(finding))

/**
 * The CSV header of findings.
 *
 * @since 0.2.0
 */
export const csvHeader: string = csvRecord(Audit.fields)

/**
 * One finding as a CSV record: `null` as an empty field, scopes compact as in `list`.
 *
 * @since 0.2.0
 */
export const csvRow = (finding: Audit.Finding): string => {
  const encoded = Audit.encode(finding)
  return csvRecord(Audit.fields.map((field) => {
    if (field === "scopes") return formatScopes(finding.invite.scopes)
    const value = encoded[field]
    return value === null ? "" : String(value)
  }))
}

const header = ["ACCOUNT", "PROVIDER", "EMAIL", "ROLE", "STATUS", "RULE", "SEVERITY", "REASON"]

const rank: Record<AuditPolicy.Severity, number> = { error: 0, warning: 1, info: 2 }

const paint = (style: Style, severity: AuditPolicy.Severity) => (text: string) =>
  severity === "error" ? red(style, text) : severity === "warning" ? yellow(style, text) : text

/**
 * The findings as a table for people: most severe first, then by provider in the canonical order (arrival order
 * kept within). Given a terminal `width`, the reason is cut to fit it (never below 24 characters).
 *
 * @since 0.2.0
 */
export const table = (
  findings: ReadonlyArray<Audit.Finding>,
  options: { readonly style?: Style | undefined; readonly width?: number | undefined } = {}
): string => {
  const style = options.style ?? plain
  const sorted = findings.map((finding, index) => ({ finding, index })).sort((a, b) =>
    rank[a.finding.severity] - rank[b.finding.severity] ||
    Providers.order(a.finding.invite.provider) - Providers.order(b.finding.invite.provider) ||
    a.index - b.index
  ).map(({ finding }) => finding)
  const cells = sorted.map((finding) => [
    finding.invite.account,
    Providers.displayName(finding.invite.provider),
    finding.invite.email,
    finding.invite.role,
    finding.invite.status,
    finding.rule,
    { text: finding.severity, paint: paint(style, finding.severity) },
    finding.reason
  ])
  if (options.width !== undefined) {
    // Every column but the reason at its full width, two spaces apart; the reason gets what is left.
    const widths = header.slice(0, -1).map((title, column) =>
      cells.reduce((max, row) => {
        const cell = row[column]!
        return Math.max(max, [...(typeof cell === "string" ? cell : cell.text)].length)
      }, title.length)
    )
    const room = Math.max(24, options.width - widths.reduce((sum, width) => sum + width + 2, 0))
    for (const row of cells) {
      const reason = [...(row[7] as string)]
      if (reason.length > room) row[7] = reason.slice(0, room - 1).join("") + "…"
    }
  }
  return renderTable(header, cells, { style })
}

/**
 * @since 0.2.0
 */
export interface Options {
  readonly format: Format
  readonly style?: Style | undefined
  /** The terminal's width, for the table (none: the reasons are not cut). */
  readonly width?: number | undefined
  /** Called instead of printing an empty table. */
  readonly onEmptyTable?: Effect.Effect<void> | undefined
}

/**
 * Prints a stream of findings in a format and counts them by severity.
 *
 * @since 0.2.0
 */
export const print = <E, R>(
  stream: Stream.Stream<Audit.Finding, E, R>,
  writer: Writer,
  options: Options
): Effect.Effect<Audit.Summary, E | OutputClosed, R> =>
  Effect.suspend(() => {
    let summary = Audit.emptySummary
    const counted = Stream.mapChunks(stream, (chunk) => {
      for (const finding of chunk) summary = Audit.count(summary, finding)
      return chunk
    })
    const each = (line: (finding: Audit.Finding) => string) =>
      Stream.runForEachChunk(counted, (chunk) => {
        if (Chunk.isEmpty(chunk)) return Effect.void
        let text = ""
        for (const finding of chunk) text += line(finding)
        return writer.write(text)
      })
    const done = Effect.sync(() => summary)
    switch (options.format) {
      case "ndjson":
        return Effect.zipRight(each((finding) => jsonLine(finding) + "\n"), done)
      case "csv":
        return writer.write(csvHeader).pipe(
          Effect.zipRight(each(csvRow)),
          Effect.zipRight(done)
        )
      case "json": {
        let first = true
        return each((finding) => {
          const text = (first ? "[\n  " : ",\n  ") + jsonLine(finding)
          first = false
          return text
        }).pipe(
          Effect.zipRight(Effect.suspend(() => writer.write(first ? "[]\n" : "\n]\n"))),
          Effect.zipRight(done)
        )
      }
      case "table": {
        const all: Array<Audit.Finding> = []
        return Stream.runForEachChunk(counted, (chunk) => Effect.sync(() => all.push(...chunk))).pipe(
          Effect.zipRight(Effect.suspend(() =>
            all.length === 0 && options.onEmptyTable !== undefined
              ? options.onEmptyTable
              : writer.write(table(all, { style: options.style, width: options.width }))
          )),
          Effect.zipRight(done)
        )
      }
    }
  })
