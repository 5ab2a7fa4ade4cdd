/**
 * A provider definition pointed at the emulator: the environment it would read (exactly the emulator's export
 * lines for its variables), as a `ConfigProvider`, and what the emulator serves and counts for it.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import type * as ProviderError from "@invitekit/core/ProviderError"
import type * as Emulator from "@invitekit/emulator/Emulator"
import * as EmulatorService from "@invitekit/emulator/Emulator"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Settings from "./Settings.js"

/** The emulator's name for a provider. */
export const name = (definition: ProviderDefinition.ProviderDefinition): Emulator.ProviderName =>
  definition.name as Emulator.ProviderName

/** The emulator's environment for one provider's variables, with overrides (`undefined` removes one). */
export const env = (
  handle: Emulator.Handle,
  definition: ProviderDefinition.ProviderDefinition,
  overrides: Readonly<Record<string, string | undefined>> = {}
): Record<string, string> => {
  const variables = new Set(ProviderDefinition.allVariables(definition))
  const picked: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(handle.env).filter(([variable]) => variables.has(variable))
  )
  const merged = { ...picked, ...overrides }
  return Object.fromEntries(
    Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined)
  )
}

/** That environment as the `ConfigProvider` a definition's `source()` reads. */
export const configProvider = (
  handle: Emulator.Handle,
  definition: ProviderDefinition.ProviderDefinition,
  overrides: Readonly<Record<string, string | undefined>> = {}
): ConfigProvider.ConfigProvider => ConfigProvider.fromMap(new Map(Object.entries(env(handle, definition, overrides))))

/** The ids the emulator serves for the provider, in list order. */
export const servedIds = (handle: Emulator.Handle, definition: ProviderDefinition.ProviderDefinition): Array<string> =>
  (handle.invites(name(definition)) as ReadonlyArray<{ readonly id: string }>).map((invite) => invite.id)

/**
 * A provider's client layer configured from the emulator's environment (as `layerConfig` reads it in a real
 * run), with the emulator in context.
 */
export const clientLayer = <I>(
  definition: ProviderDefinition.ProviderDefinition,
  layerConfig: Layer.Layer<I, ProviderError.ConfigError, HttpClient.HttpClient>
): Layer.Layer<I, never, Emulator.Emulator | HttpClient.HttpClient> =>
  Layer.unwrapEffect(
    Effect.map(EmulatorService.Emulator, (handle) =>
      layerConfig.pipe(
        Layer.provide(Layer.setConfigProvider(configProvider(handle, definition))),
        Layer.orDie
      ))
  )

/**
 * The emulator, a real HTTP client (undici over loopback sockets), the fast test settings and the provider's
 * client pointed at the emulator: everything stays in context, so a test can also build clients of its own.
 */
export const layer = <I>(
  definition: ProviderDefinition.ProviderDefinition,
  layerConfig: Layer.Layer<I, ProviderError.ConfigError, HttpClient.HttpClient>,
  options: Emulator.Options = {}
) =>
  clientLayer(definition, layerConfig).pipe(
    Layer.provideMerge(Layer.mergeAll(EmulatorService.layer(options), NodeHttpClient.layerUndici)),
    Layer.provideMerge(Settings.layer)
  )
