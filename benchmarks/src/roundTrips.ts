/**
 * 1. Round trips to list every invite, counted by the emulator: invitekit must need exactly ceil(N / largest
 * page size) requests per provider; the SDKs' counts are reported alongside.
 */
import * as Effect from "effect/Effect"
import { anthropicSdk, type Contender, openaiNode, ours, oursContext, portkeySdk } from "./contenders.js"
import * as EmulatorProcess from "./emulatorProcess.js"
import type { Observation, Outcome, Target } from "./report.js"
import { checkedRun } from "./timing.js"

/**
 * The largest page each API serves, written here from the APIs' documentation rather than read from the
 * packages under test, so a package that drifts to smaller pages shows up as a miss. Portkey documents no
 * maximum: 100 is what invitekit asks for, and the emulator serves any size.
 */
export const largestPageSize = { openai: 100, anthropic: 1000, portkey: 100, openlayer: 100 } as const

export interface Config {
  /** Invites per provider (Openlayer: per workspace). */
  readonly count: number
}

export const run = (config: Config): Effect.Effect<Outcome, unknown> =>
  Effect.scoped(Effect.gen(function*() {
    const { count } = config
    const emulator = yield* EmulatorProcess.start({
      counts: { openai: count, anthropic: count, portkey: count, openlayer: count }
    })
    const context = yield* oursContext(emulator.env)
    const workspaces = emulator.workspaceIds.length
    const cases: ReadonlyArray<{ readonly ours: Contender; readonly sdks: ReadonlyArray<Contender>; readonly expected: number; readonly goal: number }> = [
      {
        ours: ours.openai(context),
        sdks: [openaiNode(emulator.env), openaiNode(emulator.env, largestPageSize.openai)],
        expected: count,
        goal: Math.ceil(count / largestPageSize.openai)
      },
      {
        ours: ours.anthropic(context),
        sdks: [anthropicSdk(emulator.env), anthropicSdk(emulator.env, largestPageSize.anthropic)],
        expected: count,
        goal: Math.ceil(count / largestPageSize.anthropic)
      },
      {
        ours: ours.portkey(context),
        sdks: [portkeySdk(emulator.env), portkeySdk(emulator.env, largestPageSize.portkey)],
        expected: count,
        goal: Math.ceil(count / largestPageSize.portkey)
      },
      {
        ours: ours.openlayer(context),
        sdks: [],
        expected: count * workspaces,
        // pages are per workspace
        goal: workspaces * Math.ceil(count / largestPageSize.openlayer)
      }
    ]

    const requestsOf = (contender: Contender, expected: number) =>
      Effect.gen(function*() {
        yield* emulator.resetCounters
        yield* checkedRun(contender, expected)
        const counters = yield* emulator.counters
        return counters[contender.provider].requests
      })

    const targets: Array<Target> = []
    const observations: Array<Observation> = []
    const raw: Record<string, unknown> = { invitesPerProvider: count, openlayerWorkspaces: workspaces, largestPageSize }
    for (const c of cases) {
      const requests = yield* requestsOf(c.ours, c.expected)
      targets.push({
        name: `round trips · ${c.ours.provider} · invitekit`,
        measured: requests,
        unit: "requests",
        goal: `= ${c.goal}`,
        pass: requests === c.goal
      })
      raw[`${c.ours.provider} · ${c.ours.name}`] = requests
      for (const sdk of c.sdks) {
        const sdkRequests = yield* requestsOf(sdk, c.expected)
        observations.push({ name: `round trips · ${sdk.provider} · ${sdk.name}`, measured: sdkRequests, unit: "requests" })
        raw[`${sdk.provider} · ${sdk.name}`] = sdkRequests
      }
    }
    return { targets, observations, raw }
  }))
