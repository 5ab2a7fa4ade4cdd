/**
 * The `node:http` server behind the emulator: provider routing, counters, latency, faults and the
 * `/_emulator` control endpoints. Plain node so a fault can reset, hang or truncate a response precisely.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import type { ProviderName } from "../Dataset.js"
import { decodePlan, Injector, type Plan, respond } from "../Faults.js"
import * as Providers from "../Providers.js"
import type { Request, Route } from "./Http.js"

const providerNames = Providers.names

export interface Counters {
  readonly requests: number
  readonly inFlight: number
  readonly maxInFlight: number
}

interface MutableCounters {
  requests: number
  inFlight: number
  maxInFlight: number
}

export interface Config {
  readonly host: string
  readonly port: number
  readonly routes: Readonly<Record<ProviderName, Route>>
  /** Latency every request of a provider gets unless its fault plan sets its own. */
  readonly baseLatencyMs: Readonly<Record<ProviderName, number>>
  readonly plans: Partial<Record<ProviderName, Plan>>
}

/** The mutable state both the in-process API and the HTTP control endpoints act on. */
export class Controller {
  private readonly state: Record<ProviderName, MutableCounters>
  private readonly injectors: Partial<Record<ProviderName, Injector>> = {}
  constructor(private readonly baseLatencyMs: Readonly<Record<ProviderName, number>>) {
    this.state = Providers.record(() => ({ requests: 0, inFlight: 0, maxInFlight: 0 }))
  }
  setPlan(provider: ProviderName, plan: Plan): void {
    this.injectors[provider] = new Injector(provider, plan)
  }
  clear(provider?: ProviderName): void {
    for (const name of provider === undefined ? providerNames : [provider]) delete this.injectors[name]
  }
  plans(): Record<string, { readonly plan: Plan | null; readonly scriptRemaining: number }> {
    const out: Record<string, { readonly plan: Plan | null; readonly scriptRemaining: number }> = {}
    for (const name of providerNames) {
      const injector = this.injectors[name]
      out[name] = { plan: injector?.plan ?? null, scriptRemaining: injector?.remaining ?? 0 }
    }
    return out
  }
  counters(provider: ProviderName): Counters {
    return { ...this.state[provider] }
  }
  allCounters(): Record<ProviderName, Counters> {
    return Providers.record((module) => this.counters(module.name))
  }
  /** Zeroes the totals. Requests still in flight stay counted in `inFlight`, which is also the new peak. */
  resetCounters(): void {
    for (const name of providerNames) {
      const s = this.state[name]
      s.requests = 0
      s.maxInFlight = s.inFlight
    }
  }
  /** Counts a request in, and out again when its response closes (finished, reset, or abandoned). */
  enter(provider: ProviderName, res: ServerResponse): void {
    const s = this.state[provider]
    s.requests++
    s.inFlight++
    if (s.inFlight > s.maxInFlight) s.maxInFlight = s.inFlight
    res.once("close", () => {
      s.inFlight--
    })
  }
  next(provider: ProviderName): { readonly fault: ReturnType<Injector["next"]>; readonly latencyMs: number } {
    const injector = this.injectors[provider]
    return {
      fault: injector === undefined ? null : injector.next(),
      latencyMs: injector?.plan.latencyMs ?? this.baseLatencyMs[provider]
    }
  }
}

export interface Running {
  readonly port: number
  readonly controller: Controller
  readonly close: () => Promise<void>
}

const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const bytes = Buffer.from(JSON.stringify(body))
  res.writeHead(status, { "content-type": "application/json", "content-length": bytes.length })
  res.end(bytes)
}

const noContent = (res: ServerResponse): void => {
  res.writeHead(204)
  res.end()
}

const isProvider = Providers.isName

const MAX_CONTROL_BODY = 1024 * 1024

const readBody = (req: IncomingMessage, done: (body: string | undefined) => void): void => {
  const chunks: Array<Buffer> = []
  let size = 0
  req.on("data", (chunk: Buffer) => {
    size += chunk.length
    if (size <= MAX_CONTROL_BODY) chunks.push(chunk)
  })
  req.on("end", () => done(size > MAX_CONTROL_BODY ? undefined : Buffer.concat(chunks).toString("utf8")))
  req.on("error", () => done(undefined))
}

/** `/_emulator/…`: counters and faults for the benchmarks, which drive the CLI in another process. */
const control = (controller: Controller, req: IncomingMessage, res: ServerResponse, path: string): void => {
  const method = req.method ?? "GET"
  if (path === "/_emulator/counters") {
    if (method === "GET") return sendJson(res, 200, controller.allCounters())
    if (method === "DELETE") return (controller.resetCounters(), noContent(res))
    return sendJson(res, 405, { error: "GET or DELETE" })
  }
  if (path === "/_emulator/faults") {
    if (method === "GET") return sendJson(res, 200, controller.plans())
    if (method === "DELETE") return (controller.clear(), noContent(res))
    return sendJson(res, 405, { error: "GET or DELETE" })
  }
  const match = /^\/_emulator\/faults\/([^/]+)$/.exec(path)
  if (match !== null) {
    const provider = match[1]!
    if (!isProvider(provider)) return sendJson(res, 404, { error: `unknown provider ${JSON.stringify(provider)}` })
    if (method === "DELETE") return (controller.clear(provider), noContent(res))
    if (method !== "PUT") return sendJson(res, 405, { error: "PUT or DELETE" })
    return readBody(req, (text) => {
      if (text === undefined) return sendJson(res, 413, { error: "plan too large" })
      let input: unknown
      try {
        input = JSON.parse(text)
      } catch {
        return sendJson(res, 400, { error: "the body must be a JSON fault plan" })
      }
      const plan = decodePlan(input)
      if (plan._tag === "Left") return sendJson(res, 400, { error: plan.left })
      controller.setPlan(provider, plan.right)
      noContent(res)
    })
  }
  sendJson(res, 404, { error: "unknown emulator endpoint" })
}

/** Starts listening; `onReady` gets the bound server, `onError` a listen failure (port in use, …). */
export const listen = (
  config: Config,
  onReady: (running: Running) => void,
  onError: (error: Error) => void
): void => {
  const controller = new Controller(config.baseLatencyMs)
  for (const name of providerNames) {
    const plan = config.plans[name]
    if (plan !== undefined) controller.setPlan(name, plan)
  }
  // latency timers outlive nothing: cleared on close so a closed server leaves no handle behind
  const timers = new Set<ReturnType<typeof setTimeout>>()
  let fallbackOrigin = `http://${config.host}:${config.port}`

  const server = createServer({ keepAlive: true }, (req, res) => {
    const url = req.url ?? "/"
    const q = url.indexOf("?")
    const path = q < 0 ? url : url.slice(0, q)
    if (path.startsWith("/_emulator/")) return control(controller, req, res, path)
    const slash = path.indexOf("/", 1)
    const prefix = slash < 0 ? path.slice(1) : path.slice(1, slash)
    if (!isProvider(prefix)) return sendJson(res, 404, { error: `no provider is mounted at ${JSON.stringify("/" + prefix)}` })
    const route = config.routes[prefix]
    controller.enter(prefix, res)
    const { fault, latencyMs } = controller.next(prefix)
    const host = req.headers.host
    const request: Request = {
      method: req.method ?? "GET",
      path: slash < 0 ? "" : path.slice(slash),
      query: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)),
      headers: req.headers,
      origin: host === undefined ? fallbackOrigin : `http://${host}`
    }
    const serve = () => {
      if (res.destroyed || res.writableEnded) return
      respond(res, route, request, fault)
    }
    if (latencyMs <= 0) return serve()
    const timer = setTimeout(() => {
      timers.delete(timer)
      serve()
    }, latencyMs)
    timers.add(timer)
  })
  server.keepAliveTimeout = 30_000

  const onListenError = (error: Error) => onError(error)
  server.once("error", onListenError)
  server.listen(config.port, config.host, () => {
    server.off("error", onListenError)
    const port = (server.address() as AddressInfo).port
    fallbackOrigin = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`
    onReady({
      port,
      controller,
      close: () =>
        new Promise<void>((resolve) => {
          for (const timer of timers) clearTimeout(timer)
          timers.clear()
          server.close(() => resolve())
          // destroys keep-alive and hanging sockets too, which server.close() alone would wait for
          server.closeAllConnections()
        })
    })
  })
}
