/**
 * The instant of an RFC 3339 timestamp in the one shape the providers send (`2024-10-30T23:58:27.427722Z`,
 * `…+05:30`), read with a few character comparisons and `Date.UTC`.
 *
 * `Schema.DateTimeUtc` decodes through `new Date(text)`, which pays for a general date parser (and effect for
 * a zone-sniffing regex) on every timestamp of every page: on a page of Anthropic invites, two per invite, most
 * of the page's decoding. For the strings read here the result is the same instant `new Date` gives (its
 * property test holds the two equal); anything else — another layout, a lowercase `t` or `z`, a day past the
 * month's end, hour 24, a leap second, a year below 100 (which `Date.UTC` reads as 19xx) — is left to the caller
 * to decode the general way, so no string decodes differently.
 */

/** The two decimal digits at `index`, or -1. */
const twoDigits = (text: string, index: number): number => {
  const tens = text.charCodeAt(index) - 48
  const ones = text.charCodeAt(index + 1) - 48
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)

const dash = 45
const colon = 58
const dot = 46
const plus = 43
const upperT = 84
const upperZ = 90

/**
 * Milliseconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` on a real calendar day, the
 * fraction truncated to milliseconds as `new Date` truncates it; `undefined` for any other string.
 */
export const epochMillis = (text: string): number | undefined => {
  const length = text.length
  if (
    length < 20 || text.charCodeAt(4) !== dash || text.charCodeAt(7) !== dash || text.charCodeAt(10) !== upperT ||
    text.charCodeAt(13) !== colon || text.charCodeAt(16) !== colon
  ) return undefined
  const century = twoDigits(text, 0)
  const yearOfCentury = twoDigits(text, 2)
  const month = twoDigits(text, 5)
  const day = twoDigits(text, 8)
  const hour = twoDigits(text, 11)
  const minute = twoDigits(text, 14)
  const second = twoDigits(text, 17)
  if (
    century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 ||
    minute < 0 || minute > 59 || second < 0 || second > 59
  ) return undefined
  const year = century * 100 + yearOfCentury
  if (year < 100) return undefined
  if (day > daysInMonth[month - 1]! + (month === 2 && isLeapYear(year) ? 1 : 0)) return undefined
  let index = 19
  let millis = 0
  if (text.charCodeAt(index) === dot) {
    let digits = 0
    for (index++; index < length; index++, digits++) {
      const digit = text.charCodeAt(index) - 48
      if (digit < 0 || digit > 9) break
      if (digits < 3) millis = millis * 10 + digit
    }
    if (digits === 0 || digits > 9) return undefined
    for (let scale = digits; scale < 3; scale++) millis *= 10
  }
  const offsetMillis = zoneOffsetMillis(text, index)
  if (offsetMillis === undefined) return undefined
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMillis
}

/** What the zone from `index` to the end adds to UTC: 0 for `Z`, `±HH:MM` in milliseconds; else `undefined`. */
const zoneOffsetMillis = (text: string, index: number): number | undefined => {
  if (index === text.length - 1) return text.charCodeAt(index) === upperZ ? 0 : undefined
  if (index !== text.length - 6 || text.charCodeAt(index + 3) !== colon) return undefined
  const sign = text.charCodeAt(index)
  const hours = twoDigits(text, index + 1)
  const minutes = twoDigits(text, index + 4)
  if ((sign !== plus && sign !== dash) || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined
  return (sign === plus ? 1 : -1) * (hours * 60 + minutes) * 60_000
}
