/**
 * Openlayer's `GET /v1/workspaces/{workspaceId}/invites`: bearer key, `page` from 1 (default 1),
 * `perPage` 1–100 (default 25), `{ items }` and an `x-next` header while there is a next page.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { Collection, Config } from "../Dataset.js"
import type { Fault } from "../Faults.js"
import * as Flag from "../internal/Flag.js"
import {
  DAY,
  email,
  FIRST,
  isShared,
  iso,
  LAST,
  makeCollection,
  SALT,
  sharedAddress,
  timeline,
  UUID,
  uuidFrom
} from "../internal/Generate.js"
import { bearer, intParam, json, type Reply, type Request, type Route } from "../internal/Http.js"
import { define } from "../internal/Provider.js"
import { decodeFixed, hash, hashString, HEX, permute, Prng } from "../internal/Random.js"

/**
 * An Openlayer workspace, as embedded in each of its invites.
 *
 * @since 0.1.0
 */
export interface OpenlayerWorkspace {
  readonly id: string
  readonly name: string
  readonly slug: string
  readonly dateCreated: string
  readonly memberCount: number
}

/**
 * An Openlayer invite.
 *
 * @since 0.1.0
 */
export interface OpenlayerInvite {
  readonly id: string
  readonly dateCreated: string
  readonly creator: { readonly id?: string; readonly username?: string | null; readonly name?: string | null }
  readonly status: string
  readonly workspace: OpenlayerWorkspace
  readonly email: string
  readonly role: string
  readonly [unknownField: string]: unknown
}

/**
 * One Openlayer workspace and its invites.
 *
 * @since 0.1.0
 */
export interface OpenlayerWorkspaceData {
  readonly workspace: OpenlayerWorkspace
  readonly invites: Collection<OpenlayerInvite>
}

const OWN = hashString("openlayer")
const WORKSPACE_NAMES = ["Research", "Platform", "Evaluation", "Growth", "Safety", "Data", "Applied ML", "Infra"]

const openlayerWorkspace = (config: Config, ordinal: number, id: string): OpenlayerWorkspaceData => {
  const count = config.counts.openlayer
  const salt = OWN ^ hashString(id)
  const key = hash(config.seed, salt)
  const wrng = new Prng(hash(config.seed, SALT.pool ^ salt, ordinal))
  const base = WORKSPACE_NAMES[ordinal % WORKSPACE_NAMES.length]!
  const name = ordinal < WORKSPACE_NAMES.length ? base : `${base} ${Math.floor(ordinal / WORKSPACE_NAMES.length) + 1}`
  const workspace: OpenlayerWorkspace = {
    id,
    name,
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    dateCreated: iso(config.now - ((400 + wrng.int(300)) * DAY + wrng.int(DAY)) * 1000),
    memberCount: 3 + wrng.int(60)
  }
  const creators = Array.from({ length: 4 }, (_, k) => {
    const rng = new Prng(hash(config.seed, SALT.pool ^ salt, 100 + k))
    const first = rng.pick(FIRST)
    const last = rng.pick(LAST)
    return {
      id: uuidFrom(rng),
      username: rng.chance(0.25) ? null : `${first}${last}`.slice(0, 64),
      name: rng.chance(0.2) ? null : `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}`
    }
  })
  const idAt = (index: number): string => uuidFrom(new Prng(hash(config.seed, salt ^ SALT.id, index)), permute(index, key))
  const at = (index: number): OpenlayerInvite => {
    const rng = new Prng(hash(config.seed, salt, index))
    const t = timeline(config, index, count, 14 * DAY, rng)
    const out: Record<string, unknown> = {
      id: idAt(index),
      dateCreated: iso(t.created),
      creator: { ...rng.pick(creators) },
      status: t.fresh ? rng.weighted([["pending", 75], ["accepted", 25]]) : rng.weighted([["accepted", 80], ["pending", 20]]),
      workspace: { ...workspace },
      email: email(rng, index),
      role: rng.weighted([["MEMBER", 60], ["VIEWER", 25], ["ADMIN", 15]])
    }
    // Every workspace is a list of its own: one account's two workspaces hold a shared address twice.
    if (isShared(config, index)) Object.assign(out, { status: "pending", email: sharedAddress(index, 3 + ordinal) })
    if (rng.chance(0.04)) out.dateUpdated = iso(t.accepted)
    // The sparse shape: the docs require none of the creator's fields, so some creators come as `{}`.
    if (config.sparse?.openlayer === true && rng.chance(0.4)) out.creator = {}
    return out as OpenlayerInvite
  }
  return {
    workspace,
    invites: makeCollection(count, at, idAt, (i) => (UUID.test(i) ? decodeFixed(i.slice(24, 32), HEX) : undefined), key)
  }
}

/**
 * Openlayer's data: one entry per workspace of `config.openlayerWorkspaceIds`, in order.
 *
 * @since 0.2.0
 */
export const generate = (config: Config): ReadonlyArray<OpenlayerWorkspaceData> =>
  config.openlayerWorkspaceIds.map((id, ordinal) => openlayerWorkspace(config, ordinal, id))

/**
 * A workspace of the data by id.
 *
 * @since 0.2.0
 */
export const lookup = (
  workspaces: ReadonlyArray<OpenlayerWorkspaceData>
): (id: string) => OpenlayerWorkspaceData | undefined => {
  const byId = new Map(workspaces.map((w) => [w.workspace.id, w]))
  return (id) => byId.get(id)
}

/**
 * `n` workspace ids derived from a seed: the default Openlayer workspaces (two of them).
 *
 * @since 0.2.0
 */
export const workspaceIds = (seed: number, n: number): ReadonlyArray<string> =>
  Array.from({ length: n }, (_, k) => uuidFrom(new Prng(hash(seed, OWN ^ SALT.pool, 1000 + k))))

/** Workspaces when `--workspaces` is not given. */
const defaultWorkspaces = 2

const LIST = /^\/v1\/workspaces\/([^/]+)\/invites$/

const defaults: Record<number, string> = {
  401: "Unauthorized: invalid or missing API key",
  404: "Not found",
  405: "Method not allowed",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout"
}

/**
 * An error in Openlayer's shape: `{ code, error }`.
 *
 * @since 0.1.0
 */
export const error = (status: number, message?: string): Reply =>
  json(status, { code: status, error: message ?? defaults[status] ?? `HTTP ${status}` })

/**
 * How `x-next` is written: an absolute URL (default), a path (`/openlayer/v1/…?page=3&perPage=100`), or
 * not at all, so clients must stop on a short page.
 *
 * @since 0.1.0
 */
export type NextLink = "absolute" | "relative" | "none"

/**
 * Route options.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Where the route is mounted (`/openlayer`), for the links it writes. */
  readonly prefix: string
  readonly nextLink: NextLink
}

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * The Openlayer route over some workspaces, guarded by `apiKey`.
 *
 * @since 0.1.0
 */
export const make = (
  workspace: (id: string) => OpenlayerWorkspaceData | undefined,
  apiKey: string,
  options: Options
): Route => {
  const handle = (request: Request, fault: Fault | null): Reply => {
    const match = LIST.exec(request.path)
    if (match === null) return error(404)
    if (request.method !== "GET") return error(405)
    const key = bearer(request.headers)
    if (key === undefined || key !== apiKey) return error(401)
    const id = decode(match[1]!)
    const data = workspace(id)
    if (data === undefined) return error(404, "Workspace not found")
    const pageParam = intParam(request.query, "page")
    if (pageParam._tag === "Invalid" || (pageParam._tag === "Value" && pageParam.value < 1)) {
      return error(400, "page must be an integer greater than or equal to 1")
    }
    const perPageParam = intParam(request.query, "perPage")
    if (
      perPageParam._tag === "Invalid" ||
      (perPageParam._tag === "Value" && (perPageParam.value < 1 || perPageParam.value > 100))
    ) {
      return error(400, "perPage must be an integer between 1 and 100")
    }
    const page = pageParam._tag === "Value" ? pageParam.value : 1
    const perPage = perPageParam._tag === "Value" ? perPageParam.value : 25
    const count = data.invites.count
    const from = (page - 1) * perPage
    let to = Math.min(count, from + perPage)
    let next: number | undefined = from + perPage < count ? page + 1 : undefined
    // a link fault is the point of the request, so its link is written even when links are off ("none")
    let linkFault = true
    switch (fault?._tag) {
      case "RepeatCursor":
        next = page
        break
      case "CursorBackwards":
        next = Math.max(1, page - 1)
        break
      case "NextLinkLoop":
        next = fault.page ?? 1
        break
      case "EmptyPageWithMore":
        to = from
        next = page + 1
        break
      case "HugePage":
        to = Math.min(count, from + perPage * (fault.factor ?? 10))
        linkFault = false
        break
      default:
        linkFault = false
    }
    const headers: Record<string, string> = {}
    const mode = options.nextLink === "none" && linkFault ? "absolute" : options.nextLink
    if (next !== undefined && mode !== "none") {
      const path = `${options.prefix}/v1/workspaces/${encodeURIComponent(id)}/invites?page=${next}&perPage=${perPage}`
      headers["x-next"] = mode === "absolute" ? request.origin + path : path
    }
    return json(200, { items: data.invites.slice(from, to) }, headers)
  }
  return { listField: "items", handle, error }
}

const WorkspaceId = Schema.String.pipe(
  Schema.filter((id) => id.length > 0 && !id.includes("/"), { message: () => "a workspace id must be non-empty, without '/'" })
)

/**
 * Openlayer's own options.
 *
 * @since 0.2.0
 */
export const ProviderOptions = Schema.Struct({
  /** Default: two uuids derived from the seed. */
  workspaceIds: Schema.optional(Schema.Array(WorkspaceId).pipe(
    Schema.filter((ids) => new Set(ids).size === ids.length, { message: () => "workspace ids must be unique" })
  )),
  /** Default `"absolute"`. */
  nextLink: Schema.optional(Schema.Literal("absolute", "relative", "none")),
  /** `sparse`: some creators `{}`. Default `full`. */
  shapes: Schema.optional(Schema.Literal("full", "sparse"))
})

type Own = typeof ProviderOptions.Type

/**
 * Openlayer as the emulator serves it: one route over several workspaces.
 *
 * @since 0.2.0
 */
export const provider = define({
  name: "openlayer",
  displayName: "Openlayer",
  basePath: "/v1",
  defaultKey: "ol-emulator-openlayer-0000000000000000",
  defaultCount: 250,
  countUnit: "invites per workspace",
  env: { baseUrl: "OPENLAYER_BASE_URL", apiKey: "OPENLAYER_API_KEY" },
  options: ProviderOptions,
  flags: [
    {
      name: "workspaces",
      placeholder: "N",
      description: `number of Openlayer workspaces, ids derived from the seed (default ${defaultWorkspaces})`,
      schema: Flag.integer(1, 1000)
    },
    {
      name: "openlayer-next-link",
      placeholder: "MODE",
      description: "how Openlayer's x-next link is written: absolute (default), relative or none",
      schema: Flag.choice(["absolute", "relative", "none"])
    },
    { name: "openlayer-shapes", ...Flag.shapes("Openlayer") }
  ],
  fromFlags: (values, seed): Own | undefined => {
    const workspaces = values["workspaces"] as number | undefined
    const nextLink = values["openlayer-next-link"] as NextLink | undefined
    const shapes = values["openlayer-shapes"] as "full" | "sparse" | undefined
    if (workspaces === undefined && nextLink === undefined && shapes === undefined) return undefined
    return {
      ...(workspaces === undefined ? {} : { workspaceIds: workspaceIds(seed, workspaces) }),
      ...(nextLink === undefined ? {} : { nextLink }),
      ...(shapes === undefined ? {} : { shapes })
    }
  },
  configure: (own: Own | undefined, seed): Partial<Config> => ({
    openlayerWorkspaceIds: own?.workspaceIds ?? workspaceIds(seed, defaultWorkspaces)
  }),
  generate,
  route: (data, apiKey, own, mount) => make(lookup(data), apiKey, { prefix: mount, nextLink: own?.nextLink ?? "absolute" }),
  invites: (data, workspaceId) =>
    workspaceId === undefined
      ? data.flatMap((w) => w.invites.toArray())
      : lookup(data)(workspaceId)?.invites.toArray() ?? [],
  endpoint: (data) => ({ workspaceIds: data.map((w) => w.workspace.id) }),
  // every workspace, comma-separated, as the Openlayer package reads it
  extraEnv: (data): Readonly<Record<string, string>> => ({
    OPENLAYER_WORKSPACE_ID: data.map((w) => w.workspace.id).join(",")
  })
})
