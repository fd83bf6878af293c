/**
 * Date and date-time text as both platforms send it. Everything here works on UTC fields of the
 * text itself and never on a `Date`'s local-time methods, so the result is the same in every time
 * zone the browser may run in.
 */

/** Dataverse's earliest date, for DateOnly and DateTime columns alike (DateTime minimum value). */
export const DATAVERSE_MIN_DATE = '1753-01-01';
/** Dataverse's latest date (DateTime maximum value). */
export const DATAVERSE_MAX_DATE = '9999-12-31';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must carry Z or an offset, because a string without one would be read in local time.
const INSTANT_PATTERN =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Returns the text if it is a real calendar date as `YYYY-MM-DD`, such as `2025-06-30`, else null. */
export function parseDateOnly(text: string): string | null {
    const match = DATE_PATTERN.exec(text);
    if (match === null) {
        return null;
    }
    const [, year = NaN, month = NaN, day = NaN] = match.map(Number);
    return isCalendarDate(year, month, day) ? text : null;
}

/**
 * Parses an ISO 8601 date-time with `Z` or an offset, such as `2025-06-03T16:14:07Z` or
 * `2025-06-03T18:14:07.250+02:00`, into milliseconds since 1970 in UTC. Returns null for anything
 * else, a local time without offset included.
 */
export function parseInstant(text: string): number | null {
    const match = INSTANT_PATTERN.exec(text);
    if (match === null) {
        return null;
    }
    const [, year, month, day, hour, minute, second = '0', fraction = '0', zone = 'Z'] = match;
    const [y = NaN, mo = NaN, d = NaN, h = NaN, mi = NaN, s = NaN] = [
        year,
        month,
        day,
        hour,
        minute,
        second,
    ].map(Number);
    if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) {
        return null;
    }
    const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
    if (fraction.length > 3 && Number(fraction.slice(3)) !== 0) {
        // A JavaScript Date keeps whole milliseconds, so a finer fraction can't be represented.
        return null;
    }
    const wallClock = getUtcTime(y, mo, d, h, mi, s) + milliseconds;
    return wallClock - getOffsetMinutes(zone) * MS_PER_MINUTE;
}

/**
 * Formats milliseconds since 1970 as the UTC text Dataverse sends, `2025-06-03T16:14:07Z`, with
 * milliseconds only when there are any: `2025-06-03T16:14:07.250Z`.
 */
export function formatInstant(epochMilliseconds: number): string {
    const text = new Date(epochMilliseconds).toISOString();
    return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

/** Returns the UTC calendar date of an instant, `2025-06-03` for `2025-06-03T23:30:00Z`. */
export function getUtcDate(epochMilliseconds: number): string {
    return new Date(epochMilliseconds).toISOString().slice(0, 10);
}

/** Returns whether the instant has a fraction of a second. */
export function hasMilliseconds(epochMilliseconds: number): boolean {
    return new Date(epochMilliseconds).getUTCMilliseconds() !== 0;
}

/** Returns whether the instant is at 00:00:00.000 UTC. */
export function isUtcMidnight(epochMilliseconds: number): boolean {
    return epochMilliseconds % MS_PER_DAY === 0;
}

/** Returns whether a `YYYY-MM-DD` date lies in Dataverse's range; text order is date order. */
export function isInDataverseRange(date: string): boolean {
    return date >= DATAVERSE_MIN_DATE && date <= DATAVERSE_MAX_DATE;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
    const date = new Date(getUtcTime(year, month, day));
    return (
        date.getUTCFullYear() === year &&
        date.getUTCMonth() === month - 1 &&
        date.getUTCDate() === day
    );
}

/** Like `Date.UTC`, but years 0 to 99 stay themselves instead of becoming 1900 to 1999. */
function getUtcTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0) {
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    date.setUTCHours(hour, minute, second);
    return date.getTime();
}

function getOffsetMinutes(zone: string): number {
    if (zone.toUpperCase() === 'Z') {
        return 0;
    }
    const sign = zone.startsWith('-') ? -1 : 1;
    const [hours = 0, minutes = 0] = zone.slice(1).split(':').map(Number);
    return sign * (hours * 60 + minutes);
}
