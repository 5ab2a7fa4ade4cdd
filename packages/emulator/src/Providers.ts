/**
 * The providers the emulator serves: the one list every other part (dataset, server routes, handle
 * endpoints, env lines, counters, fault plans, options and flags) is derived from. A fifth provider is a
 * module under `providers/` and one line here.
 *
 * @since 0.2.0
 */
import * as Anthropic from "./providers/Anthropic.js"
import * as OpenAi from "./providers/OpenAi.js"
import * as Openlayer from "./providers/Openlayer.js"
import * as Portkey from "./providers/Portkey.js"

/**
 * Every provider module, in the order the emulator reports them.
 *
 * @since 0.2.0
 */
export const all = [
  OpenAi.provider,
  Anthropic.provider,
  Portkey.provider,
  Openlayer.provider
] as const

/**
 * One of the provider modules.
 *
 * @since 0.2.0
 */
export type Module = (typeof all)[number]

/**
 * The providers the emulator serves.
 *
 * @since 0.2.0
 */
export type Name = Module["name"]

/**
 * The module of a provider, by name.
 *
 * @since 0.2.0
 */
export type ModuleOf<N extends Name> = Extract<Module, { readonly name: N }>

/**
 * The data a provider's generator makes.
 *
 * @since 0.2.0
 */
export type DataOf<N extends Name> = ReturnType<ModuleOf<N>["generate"]>

/**
 * A provider's own options (`undefined` options: none).
 *
 * @since 0.2.0
 */
export type OwnOptionsOf<N extends Name> = NonNullable<ModuleOf<N>["options"]> extends { readonly Type: infer A } ? A
  : never

/**
 * Every provider name, in order.
 *
 * @since 0.2.0
 */
export const names: ReadonlyArray<Name> = all.map((module) => module.name)

/**
 * A value for every provider.
 *
 * @since 0.2.0
 */
export const record = <A>(f: (module: Module) => A): Record<Name, A> =>
  Object.fromEntries(all.map((module) => [module.name, f(module)])) as Record<Name, A>

/**
 * Whether a string names a provider.
 *
 * @since 0.2.0
 */
export const isName = (name: string): name is Name => (names as ReadonlyArray<string>).includes(name)

/**
 * The module of a provider.
 *
 * @since 0.2.0
 */
export const get = <N extends Name>(name: N): ModuleOf<N> => all.find((module) => module.name === name) as ModuleOf<N>
