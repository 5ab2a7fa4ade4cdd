// Bundles the CLI into dist/invitekit.mjs (the executable) and dist/chunks/*.mjs, which run with plain `node`:
// every dependency (Effect, @effect/cli, the @invitekit packages from their TypeScript sources) is inside, so
// the published package needs no runtime dependency. Deep imports keep undici/yaml out and start-up fast;
// splitting keeps what only some commands need (the emulator, node:http) out of everyone's start-up.
//
// Usage: node scripts/bundle.mjs [--metafile]
import { build } from "esbuild"
import { chmod, readFile, rm, writeFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"))
const outdir = `${root}dist`
const outfile = `${outdir}/invitekit.mjs`

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
  metafile: true
}
// Chunk names carry a hash: drop the previous build's.
await rm(`${outdir}/chunks`, { recursive: true, force: true })
let result = await build(options)
// A CommonJS module inside an ESM bundle calls `require`, which ESM lacks: give it Node's. Deep imports keep
// every CommonJS package out today, so this only applies if one creeps in.
const emitted = Object.values(result.metafile.outputs).flatMap((output) =>
  Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path)
)
const cjs = emitted.filter((path) => result.metafile.inputs[path].format === "cjs")
if (cjs.length > 0) {
  result = await build({
    ...options,
    banner: {
      js: "import{createRequire as __invitekitRequire}from\"node:module\";" +
        "const require=__invitekitRequire(import.meta.url);"
    }
  })
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
