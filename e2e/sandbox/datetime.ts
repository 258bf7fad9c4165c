import { GraphError } from './errors';

// dateTimeTimeZone values (graph-subset §0): responses carry local wall time with 7 fractional digits and, unless
// `Prefer: outlook.timezone` is sent, the zone "UTC". Offsets and DST come from Intl (the platform's tz database);
// the only table here maps the Windows zone names Outlook uses to IANA names (CLDR windowsZones, territory 001),
// because Intl knows IANA names only. Graph accepts both kinds (microsoftgraph/microsoft-graph-docs#4242).

export interface DateTimeTimeZone { dateTime: string; timeZone: string }

const WINDOWS_ZONES: Record<string, string> = {
  'UTC': 'UTC', 'Coordinated Universal Time': 'UTC', 'GMT Standard Time': 'Europe/London', 'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin', 'Central Europe Standard Time': 'Europe/Budapest', 'Central European Standard Time': 'Europe/Warsaw',
  'Romance Standard Time': 'Europe/Paris', 'E. Europe Standard Time': 'Europe/Chisinau', 'FLE Standard Time': 'Europe/Kiev',
  'GTB Standard Time': 'Europe/Bucharest', 'Russian Standard Time': 'Europe/Moscow', 'Turkey Standard Time': 'Europe/Istanbul',
  'Israel Standard Time': 'Asia/Jerusalem', 'South Africa Standard Time': 'Africa/Johannesburg', 'Arabian Standard Time': 'Asia/Dubai',
  'India Standard Time': 'Asia/Calcutta', 'China Standard Time': 'Asia/Shanghai', 'Singapore Standard Time': 'Asia/Singapore',
  'Tokyo Standard Time': 'Asia/Tokyo', 'Korea Standard Time': 'Asia/Seoul', 'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland', 'Hawaiian Standard Time': 'Pacific/Honolulu', 'Alaskan Standard Time': 'America/Anchorage',
  'Pacific Standard Time': 'America/Los_Angeles', 'Mountain Standard Time': 'America/Denver', 'US Mountain Standard Time': 'America/Phoenix',
  'Central Standard Time': 'America/Chicago', 'Eastern Standard Time': 'America/New_York', 'Atlantic Standard Time': 'America/Halifax',
  'E. South America Standard Time': 'America/Sao_Paulo', 'SA Pacific Standard Time': 'America/Bogota', 'Central America Standard Time': 'America/Guatemala',
};
const WINDOWS_BY_LOWER = new Map(Object.entries(WINDOWS_ZONES).map(([k, v]) => [k.toLowerCase(), v]));

const formatters = new Map<string, Intl.DateTimeFormat>();

const resolved = new Map<string, string | null>();

/** The IANA zone for a Windows or IANA name, or undefined if neither Intl nor the Windows table knows it. */
export function ianaZone(name: string): string | undefined {
  let zone = resolved.get(name);
  if (zone === undefined) {
    zone = WINDOWS_BY_LOWER.get(name.trim().toLowerCase()) ?? null;
    if (zone === null) {
      try {
        zone = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
      } catch {
        zone = null;
      }
    }
    if (resolved.size < 10_000) resolved.set(name, zone);
  }
  return zone ?? undefined;
}

/**
 * Graph refuses unknown zones in a request body with 400; the code and wording are what Outlook answers in
 * practice (not in the reference docs).
 */
export function requireZone(name: string): string {
  const zone = ianaZone(name);
  if (zone === undefined) {
    throw new GraphError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`);
  }
  return zone;
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * The zone's offset from UTC at the instant `utc`, in ms. Offsets are multiples of 15 minutes and change at
 * quarter-hour instants, so one Intl call per zone and quarter hour is enough: series expansion asks a lot.
 */
const offsets = new Map<string, number>();
const QUARTER = 900_000;
function offsetMs(utc: number, zone: string): number {
  const key = `${zone}|${Math.floor(utc / QUARTER)}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const parts = formatter(zone).formatToParts(new Date(utc));
  const n = (type: string) => Number(parts.find(p => p.type === type)?.value);
  const offset = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(utc / 1000) * 1000;
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** Wall-clock text (`2017-04-15T12:00:00`, up to 7 fractional digits, or a bare date) as if it were UTC, in ms. */
export function parseWall(dateTime: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?)(\.\d+)?)?Z?$/.exec(dateTime.trim());
  const ms = m ? Date.parse(`${m[1] ?? ''}T${m[2] ?? '00:00:00'}${(m[3] ?? '').slice(0, 4)}Z`) : NaN;
  if (Number.isNaN(ms)) throw new GraphError(400, 'ErrorInvalidRequest', `Cannot convert the literal '${dateTime}' to the expected type 'Edm.DateTime'.`);
  return ms;
}

/** The instant a wall-clock time in a zone names. Two passes land on the right side of a DST change. */
export function wallToUtc(wall: number, zone: string): number {
  if (zone === 'UTC') return wall;
  const first = wall - offsetMs(wall, zone);
  return wall - offsetMs(first, zone);
}

/** The wall-clock time (as if UTC, in ms) that an instant shows in a zone. */
export function utcToWall(utc: number, zone: string): number {
  return zone === 'UTC' ? utc : utc + offsetMs(utc, zone);
}

/** `2017-04-15T12:00:00.0000000`: Graph's 7-digit precision; the sandbox keeps milliseconds. */
export const wallText = (wall: number): string => `${new Date(wall).toISOString().slice(0, 23)}0000`;
/** `2017-04-15T03:00:50.7570000Z` for created/lastModifiedDateTime of events and tasks (§0). */
export const utcText7 = (utc: number): string => `${wallText(utc)}Z`;
/** The local date (`YYYY-MM-DD`) of a wall time. */
export const dateOf = (wall: number): string => new Date(wall).toISOString().slice(0, 10);

/** An instant as a dateTimeTimeZone in the zone the client asked for (`Prefer: outlook.timezone`) or UTC. */
export function renderDateTime(utc: number, label = 'UTC'): DateTimeTimeZone {
  const zone = ianaZone(label);
  // An unknown Prefer zone is ignored, as an unknown preference is (RFC 7240).
  if (zone === undefined) return { dateTime: wallText(utc), timeZone: 'UTC' };
  return { dateTime: wallText(utcToWall(utc, zone)), timeZone: label };
}

/** A request's dateTimeTimeZone as an instant; unknown zones are refused (400). */
export function instantOf(v: DateTimeTimeZone): number {
  return wallToUtc(parseWall(v.dateTime), requireZone(v.timeZone));
}

/** Message flag dates: any accepted zone converted to UTC (§3.1). */
export function toUtc(v: DateTimeTimeZone): DateTimeTimeZone {
  return { dateTime: wallText(instantOf(v)), timeZone: 'UTC' };
}
