/**
 * HTTP settings for tests: fast retries and a short timeout, so fault tests take milliseconds, while a
 * Retry-After of a second or so is still honoured.
 */
import * as ProviderSettings from "@invitekit/core/ProviderSettings"
import * as Duration from "effect/Duration"
import type * as Layer from "effect/Layer"

export const fast: Partial<ProviderSettings.Settings> = {
  timeout: Duration.seconds(2),
  retry: {
    maxRetries: 3,
    initialDelay: Duration.millis(5),
    maxDelay: Duration.millis(20),
    maxRetryAfter: Duration.seconds(5)
  }
}

/** The fast settings as a layer. */
export const layer: Layer.Layer<never> = ProviderSettings.layer(fast)

/** The fast settings with overrides, as a layer. */
export const layerWith = (overrides: Partial<ProviderSettings.Settings>): Layer.Layer<never> =>
  ProviderSettings.layer({ ...fast, ...overrides })
