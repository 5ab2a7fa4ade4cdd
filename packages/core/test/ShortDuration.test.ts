import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { ShortDuration } from "../src/index.js"

const hours = (text: string) => Either.map(ShortDuration.parse(text), Duration.toHours)

describe("ShortDuration.parse", () => {
  it.each([
    ["30d", 720],
    ["12h", 12],
    ["2w", 336],
    ["1w3d", 240],
    ["1w 3d", 240],
    [" 14D ", 336],
    ["90min", 1.5],
    ["1d12h", 36]
  ] as const)("%s is %s hours", (text, expected) => {
    expect(hours(text)).toEqual(Either.right(expected))
  })

  it.each([
    ["", "A duration is required"],
    ["30", "is not a duration"],
    ["d", "is not a duration"],
    ["1.5d", "is not a duration"],
    ["-3d", "is not a duration"],
    ["30 days", "unknown unit \"days\""],
    ["3m", "\"m\" is ambiguous"],
    ["2y", "unknown unit \"y\""],
    ["0d", "longer than zero"],
    ["99999999999999999999w", "too long"]
  ] as const)("%j is refused, saying %s", (text, message) => {
    const result = ShortDuration.parse(text)
    expect(Either.isLeft(result) && result.left).toContain(message)
  })
})

describe("ShortDuration.format", () => {
  it("writes the shortest form", () => {
    expect(ShortDuration.format(Duration.days(14))).toBe("2w")
    expect(ShortDuration.format(Duration.days(30))).toBe("4w2d")
    expect(ShortDuration.format(Duration.hours(36))).toBe("1d12h")
    expect(ShortDuration.format(Duration.minutes(90))).toBe("1h30min")
    expect(ShortDuration.format(Duration.seconds(5))).toBe("0min")
    expect(ShortDuration.format(Duration.infinity)).toBe("forever")
  })

  it.prop("parse reads back what format writes", [FastCheck.integer({ min: 1, max: 10_000_000 })], ([minutes]) => {
    const duration = Duration.minutes(minutes)
    expect(Either.map(ShortDuration.parse(ShortDuration.format(duration)), Duration.toMillis)).toEqual(
      Either.right(Duration.toMillis(duration))
    )
  })
})

describe("ShortDuration.FromString", () => {
  it("decodes to a Duration and names what is wrong", () => {
    expect(Duration.toDays(Schema.decodeUnknownSync(ShortDuration.FromString)("30d"))).toBe(30)
    expect(Schema.encodeSync(ShortDuration.FromString)(Duration.hours(12))).toBe("12h")
    expect(() => Schema.decodeUnknownSync(ShortDuration.FromString)("3m")).toThrow(/"m" is ambiguous/)
    expect(() => Schema.decodeUnknownSync(ShortDuration.FromString)(14)).toThrow(/Expected string/)
  })
})
