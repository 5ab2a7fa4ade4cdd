/**
 * The `invitekit` executable: provides the platform's layers (HTTP client, file system, terminal, logger) and
 * runs main. A provider's client is not a layer here: each listing builds it from the provider's definition
 * with the settings its flags resolved (Listing.ts). Maps every outcome to its exit code (see Failure.ts) and
 * prints at most a line or two on stderr for a failure.
 *
 * @since 0.1.0
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import { setFlagsFromString } from "node:v8"
import * as Failure from "./Failure.js"
import * as Launch from "./Launch.js"
import * as Terminal from "./Terminal.js"
import * as Style from "./Style.js"

// A listing keeps ~15 MB alive however many invites stream through it, but V8's default heap growth lets the
// garbage of a long export pile up to several times that between full collections (peak RSS ≈ 200 MB for a
// million invites). Growing the heap by at most 50% between collections keeps the peak near 140 MB, flat from
// 100k to 1M invites, for ~8% more CPU. Read by V8 whenever it sets the next collection's limit.
setFlagsFromString("--heap-growing-percent=50")

/**
 * Requests go through node:http with one keep-alive agent (a connection, and its TLS session, reused from page to
 * page), not the global `fetch`: on Node 20, fetch loads its own HTTP stack on first use and compiles its parser
 * to WebAssembly, and the process then waits for that compilation before it can exit, about 100 ms of a command
 * that lists one page (15 ms on Node 24). node:http follows no redirects, as ProviderHttp requires.
 */
const httpClient = NodeHttpClient.layerWithoutAgent.pipe(Layer.provide(NodeHttpClient.makeAgentLayer({ keepAlive: true })))

const program = Launch.run(process.argv).pipe(
  Effect.tapErrorCause((cause) =>
    Effect.sync(() => {
      const message = Failure.describe(cause)
      if (message !== undefined) {
        process.stderr.write(Terminal.errorLine({ color: Style.useColor(process.stderr) }, message) + "\n")
      }
    })
  ),
  Effect.provide(Layer.mergeAll(
    NodeFileSystem.layer,
    NodePath.layer,
    NodeTerminal.layer,
    httpClient,
    Terminal.layerProcess,
    // stdout carries only data: logs (`invitekit --log-level debug list`) go to stderr.
    Logger.replace(Logger.defaultLogger, Logger.withConsoleError(Logger.logfmtLogger))
  )),
  Effect.withConsole(Terminal.cliConsole())
)

NodeRuntime.runMain(program, {
  disableErrorReporting: true,
  disablePrettyLogger: true,
  teardown: (exit, onExit) => {
    const code = Failure.exitCode(exit)
    // Exit once stdout has taken what was written (a pipe may still hold the last batch), but never hang on
    // a reader that stopped reading.
    const timer = setTimeout(() => onExit(code), 2000)
    process.stdout.write("", () => {
      clearTimeout(timer)
      onExit(code)
    })
  }
})
