// Bundles the CLI into one executable ESM file, dist/invitekit.mjs, that runs with plain `node`: every
// dependency (Effect, @effect/cli, the @invitekit packages from their TypeScript sources) is inside, so the
// published package needs no runtime dependency. Deep imports keep undici/yaml out and start-up fast.
//
// Usage: node scripts/bundle.mjs [--metafile]
import { build } from "esbuild"
import { chmod, readFile, writeFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"))
const outfile = `${root}dist/invitekit.mjs`

const options = {
  absWorkingDir: root,
  entryPoints: ["src/bin.ts"],
  outfile,
  bundle: true,
  minify: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Resolve the workspace packages to their sources, as tsc and vitest do.
  conditions: ["@invitekit/source"],
  banner: { js: "#!/usr/bin/env node" },
  define: { __INVITEKIT_VERSION__: JSON.stringify(pkg.version) },
  legalComments: "none",
  logLevel: "warning",
  metafile: true
}
let result = await build(options)
// A CommonJS module inside an ESM bundle calls `require`, which ESM lacks: give it Node's. Deep imports keep
// every CommonJS package out today, so this only applies if one creeps in.
const emitted = Object.values(result.metafile.outputs)[0].inputs
const cjs = Object.keys(emitted).filter((path) => emitted[path].bytesInOutput > 0 && result.metafile.inputs[path].format === "cjs")
if (cjs.length > 0) {
  result = await build({
    ...options,
    banner: {
      js: `${options.banner.js}\nimport{createRequire as __invitekitRequire}from"node:module";` +
        "const require=__invitekitRequire(import.meta.url);"
    }
  })
}
await chmod(outfile, 0o755)
if (process.argv.includes("--metafile")) {
  await writeFile(`${root}dist/metafile.json`, JSON.stringify(result.metafile))
  const inputs = Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)
  const byPackage = new Map()
  for (const [path, { bytesInOutput }] of inputs) {
    const name = path.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? path.split("/").slice(0, 3).join("/")
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput)
  }
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${(bytes / 1024).toFixed(1).padStart(8)} KB  ${name}`)
  }
}
