import type * as Invite from "@invitekit/core/Invite"
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { expected, type Handle, keysOf, parseNdjson, printed, run, sortById, start } from "../helpers.js"

const research = { key: "sk-admin-emulator-openai-research-1111111111", count: 7 }
const lab = { key: "sk-ant-admin01-emulator-anthropic-lab-2222222222", count: 4 }
let emulator: Handle
let dir: string

beforeAll(async () => {
  emulator = await start({
    counts: { openai: 12, anthropic: 5, portkey: 3, openlayer: 2 },
    organizations: { openai: [research], anthropic: [lab] }
  })
  dir = mkdtempSync(join(tmpdir(), "invitekit-accounts-"))
})

afterAll(async () => {
  await emulator.close()
  rmSync(dir, { recursive: true, force: true })
})

let files = 0
/** Writes a file of the test's directory (mode 600 unless said) and returns its path. */
const file = (text: string, mode = 0o600): string => {
  const path = join(dir, `f${files++}`)
  writeFileSync(path, text)
  chmodSync(path, mode)
  return path
}

const env = () => ({
  OPENAI_PROD: emulator.openai.apiKey,
  OPENAI_RESEARCH: research.key,
  ANTHROPIC_MAIN: emulator.anthropic.apiKey,
  ANTHROPIC_LAB: lab.key
})

const account = (name: string, provider: string, key: string, extra = "") =>
  `  - name: ${name}\n    provider: ${provider}\n    key: ${key}\n    baseUrl: ${
    emulator[provider as "openai"].baseUrl
  }\n${extra}`

const config = (...accounts: ReadonlyArray<string>) => file(`accounts:\n${accounts.join("")}`)

const twoOpenAi = () =>
  config(
    account("acme-prod", "openai", "{ env: OPENAI_PROD }"),
    account("acme-research", "openai", "{ env: OPENAI_RESEARCH }")
  )

/** What an organization serves, as the CLI prints it for `account`. */
const asAccount = (invites: ReadonlyArray<Invite.Encoded>, name: string) =>
  invites.map((invite) => ({ ...invite, account: name }))

/** What a further organization of a provider serves, mapped as the provider package maps it. */
const ofOrganization = (provider: "openai" | "anthropic", index = 0): ReadonlyArray<Invite.Encoded> =>
  expected({ ...emulator, invites: () => emulator.organizations[provider][index]!.invites() }, provider)

describe("accounts from a config file", () => {
  it("lists two accounts of one provider together: each its own organization's invites, named", async () => {
    const result = await run(["list", "--config", twoOpenAi(), "--format", "ndjson"], { env: env() })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const listed = parseNdjson(result.stdout)
    const prod = listed.filter((invite) => invite.account === "acme-prod")
    const other = listed.filter((invite) => invite.account === "acme-research")
    expect(prod).toEqual(asAccount(expected(emulator, "openai"), "acme-prod"))
    expect(other).toEqual(asAccount(ofOrganization("openai"), "acme-research"))
    expect(other).toHaveLength(research.count)
    // No invite is seen by both keys.
    expect(prod.filter((invite) => other.some((o) => o.id === invite.id))).toEqual([])
  })

  it("shows the account column in the table, and --account picks accounts while --provider still filters", async () => {
    const path = config(
      account("acme-prod", "openai", "{ env: OPENAI_PROD }"),
      account("acme-research", "openai", "{ env: OPENAI_RESEARCH }"),
      account("main", "anthropic", "{ env: ANTHROPIC_MAIN }"),
      account("lab", "anthropic", "{ env: ANTHROPIC_LAB }")
    )
    const table = await run(["list", "--config", path, "--account", "acme-research", "--account", "lab"], { env: env() })
    expect(table.code).toBe(0)
    const lines = table.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^ACCOUNT\s+PROVIDER\s+EMAIL/)
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual([
      ...Array(research.count).fill("acme-research"),
      ...Array(lab.count).fill("lab")
    ])
    const filtered = await run(["list", "--config", path, "--provider", "anthropic", "--format", "ndjson"], {
      env: env()
    })
    expect(filtered.code).toBe(0)
    const listed = parseNdjson(filtered.stdout)
    expect(sortById(listed.filter((invite) => invite.account === "main"))).toEqual(
      sortById(asAccount(expected(emulator, "anthropic"), "main"))
    )
    expect(listed.filter((invite) => invite.account === "lab")).toEqual(asAccount(ofOrganization("anthropic"), "lab"))
    expect(listed.every((invite) => invite.provider === "anthropic")).toBe(true)
    const unknown = await run(["list", "--config", path, "--account", "nope"], { env: env() })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("--account nope: no such account")
    expect(unknown.stderr).toContain("acme-prod, acme-research, main, lab")
  })

  it("is found through INVITEKIT_CONFIG and XDG_CONFIG_HOME", async () => {
    const path = twoOpenAi()
    const viaVariable = await run(["list", "--format", "ndjson"], { env: { ...env(), INVITEKIT_CONFIG: path } })
    expect(viaVariable.code).toBe(0)
    expect(new Set(parseNdjson(viaVariable.stdout).map((invite) => invite.account))).toEqual(
      new Set(["acme-prod", "acme-research"])
    )
    const xdg = mkdtempSync(join(dir, "xdg-"))
    const { mkdirSync, copyFileSync } = await import("node:fs")
    mkdirSync(join(xdg, "invitekit"))
    copyFileSync(path, join(xdg, "invitekit", "config.yaml"))
    const viaXdg = await run(["list", "--format", "ndjson", "--account", "acme-research"], {
      env: { ...env(), XDG_CONFIG_HOME: xdg }
    })
    expect(viaXdg.code).toBe(0)
    expect(parseNdjson(viaXdg.stdout)).toHaveLength(research.count)
  })

  it("reads a key from a file of mode 600, and refuses one readable by others with the chmod that fixes it", async () => {
    const good = file(`${research.key}\n`)
    const open = file(`${research.key}\n`, 0o644)
    const path = config(
      account("from-file", "openai", `{ file: ${good} }`),
      account("too-open", "openai", `{ file: ${open} }`),
      account("main", "anthropic", "{ env: ANTHROPIC_MAIN }")
    )
    const result = await run(["list", "--config", path, "--format", "ndjson"], { env: env() })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`OpenAI (too-open): key file ${open} is readable by group or others`)
    expect(result.stderr).toContain(`chmod 600 ${open}`)
    const listed = parseNdjson(result.stdout)
    expect(listed.filter((invite) => invite.account === "from-file")).toHaveLength(research.count)
    expect(listed.filter((invite) => invite.account === "main")).toHaveLength(5)
  })

  it("reads a key from a command's stdout, and names a failing command without its stderr", async () => {
    const path = config(
      account("from-command", "openai", `{ command: "printf '%s\\\\n' \\"$OPENAI_RESEARCH\\"" }`),
      account("broken", "anthropic", `{ command: "echo \\"$ANTHROPIC_LAB\\" >&2; exit 7" }`)
    )
    const result = await run(["list", "--config", path, "--format", "ndjson"], { env: env() })
    expect(result.code).toBe(2)
    expect(parseNdjson(result.stdout)).toHaveLength(research.count)
    expect(result.stderr).toContain("Anthropic (broken): key command")
    expect(result.stderr).toContain("exited with code 7 (its stderr is not shown")
    // The command printed the key on its stderr: none of it shows.
    expect(result.stderr).not.toContain(lab.key)
  })

  it("refuses a literal key in the file, without repeating it", async () => {
    const path = config(account("pasted", "openai", emulator.openai.apiKey))
    const result = await run(["list", "--config", path], { env: env() })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toContain(`${path}: account pasted: field key: is a literal key`)
    expect(result.stderr).not.toContain(emulator.openai.apiKey)
  })

  it.each([
    ["an unknown provider", () => account("x", "openai", "{ env: A }").replace("provider: openai", "provider: gemini"), "account x: field provider: \"gemini\" is not a provider"],
    ["a duplicate name", () => account("x", "openai", "{ env: A }") + account("x", "openai", "{ env: B }"), "account x: name x is already used"],
    ["a missing key source", () => "  - name: x\n    provider: openai\n", "account x: field key: is missing"],
    ["a key source without its kind", () => account("x", "openai", "{ vault: A }"), "account x: field key: has an unknown field vault"],
    ["an unknown field", () => account("x", "openai", "{ env: A }") + "    region: eu\n", "account x: field region: is not a known field"],
    ["workspaces on a provider without them", () => account("x", "openai", "{ env: A }") + "    workspaces: [w]\n", "account x: workspaces is not a field of OpenAI accounts"],
    ["no workspaces for Openlayer", () => "  - name: x\n    provider: openlayer\n    key: { env: A }\n", "account x: workspaces is missing"]
  ])("refuses %s: exit 2 naming the file, the account and the field", async (_, accounts, message) => {
    const path = config(accounts())
    const result = await run(["list", "--config", path], { env: env() })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toContain(`${path}: ${message}`)
  })

  it("refuses an unknown top-level field but lets policy through, and a named file that does not exist", async () => {
    const unknown = file(`accounts:\n${account("x", "openai", "{ env: OPENAI_PROD }")}colour: red\n`)
    const bad = await run(["list", "--config", unknown], { env: env() })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(`${unknown}: field colour: is not a known field`)
    const policy = file(`accounts:\n${account("x", "openai", "{ env: OPENAI_PROD }")}policy:\n  maxPendingDays: 30\n`)
    const ok = await run(["list", "--config", policy, "--format", "ndjson"], { env: env() })
    expect(ok.code).toBe(0)
    expect(parseNdjson(ok.stdout)).toHaveLength(12)
    const missing = await run(["list", "--config", join(dir, "nope.yaml")], { env: env() })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("nope.yaml does not exist")
  })

  it("summary counts by account as well as by provider", async () => {
    const result = await run(["summary", "--config", twoOpenAi(), "--format", "json"], { env: env() })
    expect(result.code).toBe(0)
    const summary = JSON.parse(result.stdout)
    expect(summary.providers.map((row: { provider: string; total: number }) => [row.provider, row.total])).toEqual([
      ["openai", 12 + research.count]
    ])
    expect(summary.accounts.map((row: { account: string; total: number }) => [row.account, row.total])).toEqual([
      ["acme-prod", 12],
      ["acme-research", research.count]
    ])
    const table = await run(["summary", "--config", twoOpenAi()], { env: env() })
    expect(table.stdout).toContain("By account")
    expect(table.stdout).toMatch(/acme-research\s+OpenAI/)
  })
})

describe("invitekit accounts", () => {
  it("lists where each key comes from, never the key", async () => {
    const keyFile = file(`${research.key}\n`)
    const path = config(
      account("acme-prod", "openai", "{ env: OPENAI_PROD }"),
      account("acme-research", "openai", `{ file: ${keyFile} }`),
      account("lab", "anthropic", "{ command: \"echo $ANTHROPIC_LAB\" }")
    )
    const result = await run(["accounts", "--config", path, "--format", "json"], { env: env() })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([
      { name: "acme-prod", provider: "openai", key: "env OPENAI_PROD", baseUrl: emulator.openai.baseUrl, workspaces: [] },
      { name: "acme-research", provider: "openai", key: `file ${keyFile}`, baseUrl: emulator.openai.baseUrl, workspaces: [] },
      { name: "lab", provider: "anthropic", key: "command echo $ANTHROPIC_LAB", baseUrl: emulator.anthropic.baseUrl, workspaces: [] }
    ])
  })

  it("without a config file, lists one account per configured provider", async () => {
    const result = await run(["accounts", "--format", "json"], {
      env: { ...emulator.env, XDG_CONFIG_HOME: join(dir, "empty") }
    })
    expect(result.code).toBe(0)
    const rows = JSON.parse(result.stdout) as Array<{ name: string; key: string; workspaces: Array<string> }>
    expect(rows.map((row) => [row.name, row.key])).toEqual([
      ["openai", "env OPENAI_ADMIN_KEY"],
      ["anthropic", "env ANTHROPIC_ADMIN_KEY"],
      ["portkey", "env PORTKEY_API_KEY"],
      ["openlayer", "env OPENLAYER_API_KEY"]
    ])
    expect(rows[3]!.workspaces).toEqual(emulator.openlayer.workspaceIds)
  })

  it("--check reports ok for a good key and rejected for a bad one, and exits non-zero", async () => {
    const path = config(
      account("good", "openai", "{ env: OPENAI_PROD }"),
      account("bad", "openai", "{ env: WRONG }"),
      account("lab", "anthropic", "{ env: ANTHROPIC_LAB }")
    )
    const result = await run(["accounts", "--config", path, "--check"], {
      env: { ...env(), WRONG: "sk-admin-not-a-key-of-anyone-000000" }
    })
    expect(result.code).toBe(3)
    const rows = result.stdout.trimEnd().split("\n").slice(1).map((line) => {
      const cells = line.split(/\s+/)
      return [cells[0], cells.at(-1)]
    })
    expect(rows).toEqual([["good", "ok"], ["bad", "rejected"], ["lab", "ok"]])
    expect(result.stderr).toContain("OpenAI (bad): the key in WRONG was rejected (HTTP 401)")
    const json = await run(["accounts", "--config", path, "--check", "--format", "json"], {
      env: { ...env(), WRONG: "sk-admin-not-a-key-of-anyone-000000" }
    })
    expect(json.code).toBe(3)
    expect(JSON.parse(json.stdout).map((row: { check: string }) => row.check)).toEqual(["ok", "rejected", "ok"])
  })

  it("--check reports an unreachable account", async () => {
    const path = file(
      `accounts:\n  - name: gone\n    provider: openai\n    key: { env: OPENAI_PROD }\n    baseUrl: http://127.0.0.1:9/v1\n`
    )
    const result = await run(["accounts", "--config", path, "--check", "--max-retries", "0", "--format", "json"], {
      env: env()
    })
    expect(result.code).toBe(4)
    expect(JSON.parse(result.stdout)[0].check).toBe("unreachable")
  })
})

describe("keys from every source", () => {
  it("never appear in any output, error or log", async () => {
    const path = config(
      account("e", "openai", "{ env: OPENAI_PROD }"),
      account("f", "openai", `{ file: ${file(research.key)} }`),
      account("c", "anthropic", "{ command: \"echo $ANTHROPIC_LAB\" }"),
      account("bad", "anthropic", "{ env: WRONG }")
    )
    const wrong = "sk-ant-admin01-wrong-key-333333333333"
    for (const args of [["list"], ["list", "--format", "json"], ["summary"], ["accounts", "--check"]]) {
      await run(["--log-level", "debug", ...args, "--config", path], { env: { ...env(), WRONG: wrong } })
    }
    const keys = [...keysOf(emulator), research.key, lab.key, wrong]
    const all = printed.join("\n")
    for (const key of keys) expect(all).not.toContain(key)
  })
})
