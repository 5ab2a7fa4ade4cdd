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
