import { badRequest } from './errors';

// dateTimeTimeZone values (graph-subset §0): responses carry local wall time with 7 fractional digits and, unless
// `Prefer: outlook.timezone` is sent, the zone "UTC". IANA zones are converted; Windows zone names are not
// known here and are kept as given.

export interface DateTimeTimeZone { dateTime: string; timeZone: string }

function offsetMs(utc: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(utc));
  const n = (type: string) => Number(parts.find(p => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(utc / 1000) * 1000;
}

export function toUtc(v: DateTimeTimeZone): DateTimeTimeZone {
  const wall = Date.parse(`${v.dateTime.replace(/Z$/, '').slice(0, 23)}Z`);
  if (Number.isNaN(wall)) throw badRequest(`Invalid dateTime '${v.dateTime}'.`, 'ErrorInvalidRequest');
  let utc = wall;
  if (v.timeZone.toUpperCase() !== 'UTC') {
    try {
      utc = wall - offsetMs(wall, v.timeZone);
      utc = wall - offsetMs(utc, v.timeZone); // second pass lands on the right side of a DST change
    } catch {
      return v; // not an IANA zone (e.g. "Pacific Standard Time")
    }
  }
  return { dateTime: `${new Date(utc).toISOString().slice(0, 19)}.0000000`, timeZone: 'UTC' };
}
