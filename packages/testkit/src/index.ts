export * as Contract from "./Contract.js"
export * as Emulated from "./Emulated.js"
export * as PromiseContract from "./PromiseContract.js"
export * as Settings from "./Settings.js"
