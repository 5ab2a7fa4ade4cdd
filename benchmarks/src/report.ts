/**
 * What a measurement hands back (goals, figures reported alongside, raw samples), the machine it ran on, the
 * table printed at the end and the JSON written next to it.
 */
import * as os from "node:os"

/** A figure with a goal. */
export interface Target {
  readonly name: string
  readonly measured: number
  readonly unit: string
  /** The goal as the report prints it: `≤ 1.0×`, `= 21 requests`. */
  readonly goal: string
  readonly pass: boolean
}

/** A figure reported alongside the goals, to read them by (an SDK's request count, a median time). */
export interface Observation {
  readonly name: string
  readonly measured: number
  readonly unit: string
}

export interface Outcome {
  readonly targets: ReadonlyArray<Target>
  readonly observations: ReadonlyArray<Observation>
  /** Raw samples and parameters, written to the JSON as they are. */
  readonly raw: Record<string, unknown>
}

export interface Failure {
  readonly measurement: string
  readonly message: string
}

export const machine = () => {
  const cpus = os.cpus()
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? "unknown",
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch} (${os.release()})`,
    loadAverageAtStart: os.loadavg()
  }
}

/** A number as the table shows it: integers grouped, small values with 2 decimals. */
export const format = (value: number, unit: string): string => {
  if (!Number.isFinite(value)) return "n/a"
  const text = Number.isInteger(value) || Math.abs(value) >= 1000
    ? Math.round(value).toLocaleString("en-US")
    : value.toFixed(2)
  return unit === "×" ? `${text}×` : `${text} ${unit}`
}

const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - text.length))

/** The table: goals first with pass/MISS, then the figures reported alongside, then what failed to run. */
export const table = (
  targets: ReadonlyArray<Target>,
  observations: ReadonlyArray<Observation>,
  failures: ReadonlyArray<Failure>
): string => {
  const rows: Array<readonly [string, string, string, string]> = [
    ["name", "measured", "goal", "pass"],
    ...targets.map((t) => [t.name, format(t.measured, t.unit), t.goal, t.pass ? "pass" : "MISS"] as const),
    ...observations.map((o) => [o.name, format(o.measured, o.unit), "", ""] as const),
    ...failures.map((f) => [f.measurement, "FAILED TO RUN", "", "FAIL"] as const)
  ]
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)))
  const line = (row: readonly [string, string, string, string]) => row.map((cell, i) => pad(cell, widths[i]!)).join("  ").trimEnd()
  const rule = widths.map((w) => "-".repeat(w)).join("  ")
  const body = rows.slice(1).map(line)
  const out = [line(rows[0]!), rule, ...body.slice(0, targets.length)]
  if (observations.length > 0) out.push(rule, ...body.slice(targets.length, targets.length + observations.length))
  if (failures.length > 0) {
    out.push(rule, ...body.slice(targets.length + observations.length))
    for (const f of failures) out.push(`  ${f.measurement}: ${f.message}`)
  }
  return out.join("\n")
}
