/**
 * Golden files (test/golden/*.txt): `expectGolden(name, text)` compares with the checked-in file;
 * `UPDATE_GOLDEN=1 npx vitest run --project cli` rewrites them (review the diff before committing).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { expect } from "vitest"

const update = process.env["UPDATE_GOLDEN"] === "1"

export const goldenPath = (name: string): string => fileURLToPath(new URL(`golden/${name}.txt`, import.meta.url))

export const expectGolden = (name: string, text: string): void => {
  const path = goldenPath(name)
  if (update) {
    writeFileSync(path, text)
    return
  }
  expect({ name, exists: existsSync(path) }, `no golden file ${path}: run with UPDATE_GOLDEN=1`).toEqual({
    name,
    exists: true
  })
  expect(text, `${name} differs from ${path} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(path, "utf8"))
}
