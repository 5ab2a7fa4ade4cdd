/**
 * A provider definition pointed at the emulator: the environment it would read (exactly the emulator's export
 * lines for its variables), as a `ConfigProvider`, and what the emulator serves and counts for it.
 */
import * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import type * as Emulator from "@invitekit/emulator/Emulator"
import * as ConfigProvider from "effect/ConfigProvider"

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
