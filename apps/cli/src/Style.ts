/**
 * How the CLI styles what it prints for people: colour only on a terminal and without `NO_COLOR` (or as
 * `FORCE_COLOR` says), never on `TERM=dumb`, and text from
 * providers stripped of control characters before it reaches one.
 *
 * @since 0.1.0
 */

/**
 * Whether the user asked for no colour (https://no-color.org: `NO_COLOR` set and not empty).
 *
 * @since 0.1.0
 */
export const noColor = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== ""

/**
 * What `FORCE_COLOR` asks for (as Node reads it): `undefined` when unset or empty, `false` for `0` or `false`,
 * `true` for anything else.
 *
 * @since 0.2.0
 */
export const forceColor = (env: NodeJS.ProcessEnv = process.env): boolean | undefined => {
  const value = env["FORCE_COLOR"]
  if (value === undefined || value === "") return undefined
  return value !== "0" && value.toLowerCase() !== "false"
}

/**
 * Whether the terminal understands control sequences at all (`TERM=dumb` does not: no colour, no redrawn line).
 *
 * @since 0.2.0
 */
export const isDumbTerminal = (env: NodeJS.ProcessEnv = process.env): boolean => env["TERM"] === "dumb"

/**
 * Whether to colour what goes to a stream: `FORCE_COLOR` decides when set (even into a pipe); otherwise only a
 * terminal that is not `TERM=dumb`, and only without `NO_COLOR`.
 *
 * @since 0.1.0
 */
export const useColor = (stream: { readonly isTTY?: boolean | undefined }, env: NodeJS.ProcessEnv = process.env) =>
  forceColor(env) ?? (stream.isTTY === true && !isDumbTerminal(env) && !noColor(env))

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
// Display width
// -----------------------------------------------------------------------------

/**
 * Code points a terminal draws two columns wide: East Asian Wide and Fullwidth (Unicode's EastAsianWidth.txt,
 * merged into ranges) and the emoji shown as emoji by default. Sorted, inclusive, searched by bisection.
 */
const wide: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x17000, 0x18aff], [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a], [0x1f200, 0x1f265], [0x1f300, 0x1f320], [0x1f32d, 0x1f335], [0x1f337, 0x1f37c],
  [0x1f37e, 0x1f393], [0x1f3a0, 0x1f3ca], [0x1f3cf, 0x1f3d3], [0x1f3e0, 0x1f3f0], [0x1f3f4, 0x1f3f4],
  [0x1f3f8, 0x1f43e], [0x1f440, 0x1f440], [0x1f442, 0x1f4fc], [0x1f4ff, 0x1f53d], [0x1f54b, 0x1f54e],
  [0x1f550, 0x1f567], [0x1f57a, 0x1f57a], [0x1f595, 0x1f596], [0x1f5a4, 0x1f5a4], [0x1f5fb, 0x1f64f],
  [0x1f680, 0x1f6c5], [0x1f6cc, 0x1f6cc], [0x1f6d0, 0x1f6d2], [0x1f6d5, 0x1f6d7], [0x1f6dc, 0x1f6df],
  [0x1f6eb, 0x1f6ec], [0x1f6f4, 0x1f6fc], [0x1f7e0, 0x1f7eb], [0x1f7f0, 0x1f7f0], [0x1f90c, 0x1f93a],
  [0x1f93c, 0x1f945], [0x1f947, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd]
]

const isWide = (code: number): boolean => {
  let low = 0
  let high = wide.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const [from, to] = wide[middle]!
    if (code < from) high = middle - 1
    else if (code > to) low = middle + 1
    else return true
  }
  return false
}

/** Drawn over the previous character: combining marks, zero-width spaces and joiners, variation selectors. */
const zeroWidth = /^[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufe00-\ufe0f\ufeff]$/u

/**
 * How many columns one code point takes on a terminal: 0, 1 or 2.
 *
 * @since 0.2.0
 */
export const codePointWidth = (char: string): 0 | 1 | 2 =>
  zeroWidth.test(char) ? 0 : isWide(char.codePointAt(0) ?? 0) ? 2 : 1

/**
 * How many columns a text (already sanitized, without escapes) takes on a terminal: CJK and emoji count 2,
 * combining marks 0. An emoji joined to the previous one by a zero-width joiner (👩‍💻) draws as one.
 *
 * @since 0.2.0
 */
export const displayWidth = (text: string): number => {
  let width = 0
  let joined = false
  for (const char of text) {
    const w = codePointWidth(char)
    if (!(joined && w === 2)) width += w
    joined = char === "\u200d"
  }
  return width
}

/**
 * The text cut to at most `width` columns, ending in `…` when anything was cut (marks stay with their character).
 *
 * @since 0.2.0
 */
export const truncate = (text: string, width: number): string => {
  if (displayWidth(text) <= width) return text
  if (width <= 0) return ""
  let kept = ""
  let used = 0
  let joined = false
  for (const char of text) {
    const w = joined && codePointWidth(char) === 2 ? 0 : codePointWidth(char)
    if (used + w > width - 1) break
    kept += char
    used += w
    joined = char === "\u200d"
  }
  return `${kept.replace(/\u200d$/, "")}…`
}
