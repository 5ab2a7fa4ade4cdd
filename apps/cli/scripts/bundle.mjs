// Bundles the CLI into dist/invitekit.mjs (the executable) and dist/chunks/*.mjs, which run with plain `node`:
// every dependency (Effect, @effect/cli, the @invitekit packages from their TypeScript sources) is inside, so
// the published package needs no runtime dependency. Deep imports keep undici/yaml out and start-up fast;
// splitting keeps what only some commands need (the emulator, node:http) out of everyone's start-up.
// The command tree's data is read from the real tree here and saved as dist/chunks/command-tree.json, for
// src/QuickHelp.ts to answer --help and --completions without loading Effect.
//
// Usage: node scripts/bundle.mjs [--metafile]
import { build } from "esbuild"
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"))
const outdir = `${root}dist`
const outfile = `${outdir}/invitekit.mjs`

/**
 * node:http through `require`. Node 24's node:http has getters (WebSocket, CloseEvent, MessageEvent) that load
 * undici, and importing a builtin from ESM reads every export to build its namespace: that alone cost the CLI
 * about 40 ms of start-up on every command that makes requests, for a WebSocket it never opens. Required through
 * CommonJS, the getters are never read. The names the bundle imports are re-exported; importing another is a
 * build error (`import-is-undefined` below), not an `undefined` at run time.
 */
const httpViaRequire = {
  name: "node-http-via-require",
  setup(build) {
    const names = [
      "Agent", "ClientRequest", "IncomingMessage", "METHODS", "OutgoingMessage", "STATUS_CODES", "Server",
      "ServerResponse", "createServer", "get", "request", "validateHeaderName", "validateHeaderValue"
    ]
    build.onResolve({ filter: /^(node:)?http$/ }, () => ({ path: "node:http", namespace: "via-require" }))
    build.onLoad({ filter: /.*/, namespace: "via-require" }, () => ({
      contents: "import { createRequire } from \"node:module\"\n" +
        "const http = createRequire(import.meta.url)(\"node:http\")\n" +
        `export const { ${names.join(", ")} } = http\n` +
        "export default http\n",
      loader: "js"
    }))
  }
}

const options = {
  absWorkingDir: root,
  entryPoints: { invitekit: "src/invitekit.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  bundle: true,
  minify: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Resolve the workspace packages to their sources, as tsc and vitest do.
  conditions: ["@invitekit/source"],
  define: { __INVITEKIT_VERSION__: JSON.stringify(pkg.version) },
  legalComments: "none",
  logLevel: "warning",
  logOverride: { "import-is-undefined": "error" },
  plugins: [httpViaRequire],
  metafile: true
}
// A CommonJS module inside an ESM bundle calls `require`, which ESM lacks: this gives it Node's.
const requireBanner = {
  js: "import{createRequire as __invitekitRequire}from\"node:module\";" +
    "const require=__invitekitRequire(import.meta.url);"
}

// Chunk names carry a hash: drop the previous build's.
await rm(`${outdir}/chunks`, { recursive: true, force: true })
let result = await build(options)
// The banner only if some input is CommonJS. Today one is: yaml's Node build (its own chunk, which ConfigFile.ts
// loads only to read a config file).
const emitted = Object.values(result.metafile.outputs).flatMap((output) =>
  Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path)
)
const cjs = emitted.filter((path) => result.metafile.inputs[path].format === "cjs")
if (cjs.length > 0) {
  // The same chunks with the banner: their hashes change, so drop the first pass's or the package holds both.
  await rm(`${outdir}/chunks`, { recursive: true, force: true })
  result = await build({ ...options, banner: requireBanner })
}

/**
 * The command tree's data (Answer.Tree), read from the real tree: src/Cli.ts bundled alone into a temporary
 * module and imported here (nothing runs but the modules' definitions).
 */
const commandTree = async () => {
  const dir = await mkdtemp(join(tmpdir(), "invitekit-tree-"))
  try {
    await build({
      ...options,
      entryPoints: undefined,
      outdir: undefined,
      splitting: false,
      minify: false,
      metafile: false,
      stdin: {
        contents: "export { tree } from \"./src/Cli.ts\"",
        resolveDir: root,
        sourcefile: "command-tree.ts",
        loader: "ts"
      },
      outfile: `${dir}/command-tree.mjs`,
      banner: requireBanner
    })
    const { tree } = await import(pathToFileURL(`${dir}/command-tree.mjs`).href)
    return JSON.stringify(tree)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
const treeJson = await commandTree()
await writeFile(`${outdir}/chunks/command-tree.json`, treeJson)

const { outputs } = result.metafile
/** The chunk whose entry is `source` (a module loaded by dynamic import gets one). */
const chunkOf = (source) => {
  const file = Object.keys(outputs).find((out) => outputs[out].entryPoint === source)
  if (file === undefined) throw new Error(`bundle: ${source} is not loaded on its own (no chunk has it as its entry)`)
  return file
}
/** `file` and every chunk it imports statically: what loading it evaluates. */
const staticallyLoaded = (file, seen = new Set()) => {
  if (seen.has(file)) return seen
  seen.add(file)
  for (const { path, kind } of outputs[file].imports) {
    if (kind === "import-statement" && path in outputs) staticallyLoaded(path, seen)
  }
  return seen
}
/** The source modules that made it into `files`, as `[chunk, source]`. */
const sourcesIn = (files) =>
  [...files].flatMap((file) =>
    Object.entries(outputs[file].inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => [file, path])
  )

// QuickHelp.ts answers help without Effect only if its chunk and the chunks it imports hold no package: a
// shared module that imports one (effect/Option for a small thing) would bring it back. Fail the build then.
const packages = sourcesIn(staticallyLoaded(chunkOf("src/QuickHelp.ts")))
  .filter(([, path]) => path.includes("node_modules/"))
  .map(([file, path]) => `${file}: ${path}`)
if (packages.length > 0) throw new Error(`bundle: --help would load packages:\n${packages.join("\n")}`)

// Launch.ts loads only the subcommand the arguments name: every subcommand must be a chunk of its own (a dynamic
// import), and neither bin.ts's chunks nor a subcommand's may pull in another subcommand or the whole tree
// (Cli.ts), or each run evaluates what it never runs. demo runs the others, so it may load them.
const { subcommands } = JSON.parse(treeJson)
const commandModule = (name) => `src/commands/${name}.ts`
const mustNotLoad = (loader, allowed) => {
  const loaded = sourcesIn(staticallyLoaded(chunkOf(loader))).map(([, path]) => path)
  const extra = loaded.filter((path) =>
    !allowed.includes(path) && (path === "src/Cli.ts" || subcommands.some((name) => path === commandModule(name)))
  )
  if (extra.length > 0) throw new Error(`bundle: ${loader} loads ${extra.join(", ")}, which every run of it would evaluate`)
}
// Launch.ts reads the saved tree beside its own chunk: elsewhere it would fall back to loading the whole tree.
const launch = sourcesIn(Object.keys(outputs)).find(([, path]) => path === "src/Launch.ts")?.[0]
if (launch === undefined || dirname(join(root, launch)) !== join(outdir, "chunks")) {
  throw new Error(`bundle: src/Launch.ts is in ${launch}, not beside chunks/command-tree.json`)
}
mustNotLoad("src/bin.ts", [])
for (const name of subcommands) {
  if (name !== "demo") mustNotLoad(commandModule(name), [commandModule(name)])
}

await chmod(outfile, 0o755)
if (process.argv.includes("--metafile")) {
  await writeFile(`${root}dist/metafile.json`, JSON.stringify(result.metafile))
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    console.log(`${(output.bytes / 1024).toFixed(1).padStart(8)} KB  ${file}`)
  }
  const inputs = Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs))
  const byPackage = new Map()
  for (const [path, { bytesInOutput }] of inputs) {
    const name = path.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? path.split("/").slice(0, 3).join("/")
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput)
  }
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${(bytes / 1024).toFixed(1).padStart(8)} KB  ${name}`)
  }
}
