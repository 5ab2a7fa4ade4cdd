/**
 * How a run ends: the exit code of every outcome, and the one or two plain lines a user reads on stderr.
 *
 * Exit codes:
 * - 0   success (also when the reader of stdout goes away, e.g. `| head`)
 * - 1   unexpected defect (a bug: one line on stderr)
 * - 2   usage or configuration: a bad flag, no provider configured, a missing or invalid variable
 *       (ConfigError), or a request the provider rejected as invalid (InvalidRequestError, e.g. an unknown
 *       Openlayer workspace) — all fixed by changing what was asked
 * - 3   authentication failed (the key was rejected)
 * - 4   provider unavailable (retries exhausted, network error, timeout)
 * - 5   invalid response from a provider
 * - 6   `invitekit audit` found invites at or above `--fail-on` (any error above outranks it)
 * - 130 interrupted (SIGINT / SIGTERM)
 *
 * With several failing providers the first failing provider in the canonical order (openai, anthropic, portkey,
 * openlayer) decides the code; every failure is reported.
 *
 * @since 0.1.0
 */
import * as ValidationError from "@effect/cli/ValidationError"
import * as ProviderError from "@invitekit/core/ProviderError"
import * as Cause from "effect/Cause"
import * as Data from "effect/Data"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Providers from "./Providers.js"
import { OutputClosed } from "./Terminal.js"
import { sanitize } from "./Style.js"

/**
 * @since 0.1.0
 */
export const ExitCode = {
  success: 0,
  defect: 1,
  usage: 2,
  authentication: 3,
  unavailable: 4,
  invalidResponse: 5,
  findings: 6,
  interrupted: 130
} as const

/**
 * The exit codes as the help and README show them.
 *
 * @since 0.1.0
 */
export const exitCodesHelp = [
  "Exit codes:",
  "  0    success",
  "  1    unexpected error (a bug)",
  "  2    usage or configuration error: bad flag, no provider configured, missing or invalid variable,",
  "       request rejected as invalid (e.g. an unknown Openlayer workspace)",
  "  3    authentication failed: a provider rejected its key",
  "  4    provider unavailable: retries exhausted, network error or timeout",
  "  5    invalid response from a provider",
  "  6    audit findings at or above --fail-on (invitekit audit; any of the errors above outranks it)",
  "  130  interrupted",
  "With several failing providers, the first in the order openai, anthropic, portkey, openlayer decides."
].join("\n")

/**
 * A usage or configuration error found by the CLI itself (exit 2).
 *
 * @since 0.1.0
 */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

/**
 * `invitekit audit` found invites at or above its `--fail-on` threshold (exit 6). They were printed, and counted
 * on stderr.
 *
 * @since 0.2.0
 */
export class FindingsFound extends Data.TaggedError("FindingsFound")<{ readonly count: number }> {}

/**
 * Some providers failed. Each failure was already reported on stderr when it happened.
 *
 * @since 0.1.0
 */
export class ProvidersFailed extends Data.TaggedError("ProvidersFailed")<{
  readonly errors: ReadonlyArray<ProviderError.ProviderError>
}> {}

/**
 * Some revocations failed; each is in the report already. The worst failure's exit code decides.
 *
 * @since 0.2.0
 */
export class RevocationsFailed extends Data.TaggedError("RevocationsFailed")<{ readonly code: number }> {}

/**
 * The exit code of one provider error.
 *
 * @since 0.1.0
 */
export const providerExitCode = (error: ProviderError.ProviderError): number => {
  switch (error._tag) {
    case "ConfigError":
    case "InvalidRequestError":
      return ExitCode.usage
    case "AuthenticationError":
      return ExitCode.authentication
    case "ProviderUnavailableError":
      return ExitCode.unavailable
    case "InvalidResponseError":
      return ExitCode.invalidResponse
  }
}

/**
 * The provider error that decides the exit code: the first failing provider in the canonical order.
 *
 * @since 0.1.0
 */
export const decisive = (errors: ReadonlyArray<ProviderError.ProviderError>): ProviderError.ProviderError | undefined =>
  [...errors].sort((a, b) => Providers.order(a.provider) - Providers.order(b.provider))[0]

/**
 * The exit code of an error the program failed with.
 *
 * @since 0.1.0
 */
export const errorExitCode = (error: unknown): number => {
  if (ValidationError.isValidationError(error)) return ExitCode.usage
  if (error instanceof UsageError) return ExitCode.usage
  if (error instanceof OutputClosed) return ExitCode.success
  if (error instanceof FindingsFound) return ExitCode.findings
  if (error instanceof RevocationsFailed) return error.code
  if (error instanceof ProvidersFailed) {
    const first = decisive(error.errors)
    return first === undefined ? ExitCode.defect : providerExitCode(first)
  }
  if (ProviderError.isProviderError(error)) return providerExitCode(error)
  return ExitCode.defect
}

let interruptedCode: number = ExitCode.interrupted

/**
 * Makes an interruption (Ctrl-C) a successful end from now on: `invitekit emulator` serves until it.
 * Process-wide, like the signal itself.
 *
 * @since 0.1.0
 */
export const interruptionIsSuccess = (): void => {
  interruptedCode = ExitCode.success
}

/**
 * The exit code of a run.
 *
 * @since 0.1.0
 */
export const exitCode = (exit: Exit.Exit<unknown, unknown>): number => {
  if (Exit.isSuccess(exit)) return ExitCode.success
  if (Cause.isInterruptedOnly(exit.cause)) return interruptedCode
  return Option.match(Cause.failureOption(exit.cause), {
    onNone: () => ExitCode.defect,
    onSome: errorExitCode
  })
}

/**
 * One provider error as the line a user reads (the error's own message names the provider and what to do).
 *
 * @since 0.1.0
 */
export const describeProviderError = (error: ProviderError.ProviderError): string => {
  const definition = Providers.names.includes(error.provider) ? Providers.definition(error.provider) : undefined
  const known = definition?.hint(error)
  return sanitize(error.message) + cliAdvice(error, definition) + (known === undefined ? "" : `\n${known}`)
}

// The library's message names ProviderSettings and its variables; a CLI user also has flags, and the base-URL
// variable of that provider. Same line: the error stays one line.
const cliAdvice = (
  error: ProviderError.ProviderError,
  definition: ReturnType<typeof Providers.definition> | undefined
): string => {
  if (error._tag !== "ProviderUnavailableError") return ""
  if (/\b(ENOTFOUND|EAI_NONAME)\b/.test(error.lastFailure)) {
    return definition === undefined ? "" : ` Check ${definition.variables.baseUrl} (unset: the provider's own API).`
  }
  return " With invitekit: --max-retries / --timeout."
}

/**
 * What to print on stderr for a failed run, or nothing: @effect/cli prints its own usage errors, provider
 * failures were printed as they happened, a closed stdout is not worth a word, and an interruption is the
 * user's own doing.
 *
 * @since 0.1.0
 */
export const describe = (cause: Cause.Cause<unknown>): string | undefined => {
  if (Cause.isInterruptedOnly(cause)) return undefined
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) {
    const error = failure.value
    if (ValidationError.isValidationError(error)) return undefined
    if (
      error instanceof ProvidersFailed || error instanceof OutputClosed || error instanceof FindingsFound ||
      error instanceof RevocationsFailed
    ) {
      return undefined
    }
    if (error instanceof UsageError) return error.message
    if (ProviderError.isProviderError(error)) return describeProviderError(error)
    return `unexpected error: ${oneLine(error)}`
  }
  const defect = Cause.dieOption(cause)
  return `unexpected error: ${Option.match(defect, { onNone: () => "unknown failure", onSome: oneLine })}`
}

const oneLine = (value: unknown): string => {
  const text = value instanceof Error
    ? `${value.name}: ${value.message}`
    : typeof value === "string"
    ? value
    : safeJson(value)
  return sanitize(text.split("\n")[0] ?? "").slice(0, 300)
}

const safeJson = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
