import { badRequest } from './errors';

// Request-level OData plumbing: the query string (parsed by hand so that `$expand=x($filter=id eq '…')` keeps
// its inner `=` and quotes whether the client percent-encoded it or not), Prefer headers, $select and $expand.

export type Query = Map<string, string>;

/** Option names are case-insensitive (`$Select`, `includeHiddenFolders`); keys are lower-cased. */
export function parseQuery(search: string): Query {
  const q: Query = new Map();
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const [k, v] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    q.set(decode(k).toLowerCase(), decode(v));
  }
  return q;
}

/** `+` is a space in query strings (URLSearchParams writes spaces that way). */
function decode(s: string): string {
  const spaced = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

export interface Prefer {
  maxPageSize: number | undefined;
  immutableId: boolean;
  bodyType: 'html' | 'text' | undefined;
  /** `outlook.timezone="Pacific Standard Time"`: the zone of dateTimeTimeZone values in responses (§0). */
  timeZone: string | undefined;
}

/** `Prefer` may repeat and may list several comma-separated preferences (RFC 7240). */
export function parsePrefer(header: string | string[] | undefined): Prefer {
  const prefer: Prefer = { maxPageSize: undefined, immutableId: false, bodyType: undefined, timeZone: undefined };
  const all = Array.isArray(header) ? header.join(',') : header ?? '';
  for (const item of all.match(/(?:[^,"]|"[^"]*")+/g) ?? []) {
    const [rawName = '', ...rest] = item.split('=');
    const name = rawName.trim().toLowerCase();
    const value = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
    if (name === 'odata.maxpagesize' && /^\d+$/.test(value) && Number(value) > 0) prefer.maxPageSize = Number(value);
    else if (name === 'idtype') prefer.immutableId = value.toLowerCase() === 'immutableid';
    else if (name === 'outlook.body-content-type' && (value === 'text' || value === 'html')) prefer.bodyType = value;
    else if (name === 'outlook.timezone' && value !== '') prefer.timeZone = value;
  }
  return prefer;
}

export function parseSelect(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const props = v.split(',').map(s => s.trim()).filter(Boolean);
  return props.length ? props : undefined;
}

export interface Expand {
  attachments: boolean;
  /** Extended property ids requested by `$filter=id eq '…'`; undefined = not expanded. */
  singleValue: string[] | undefined;
  multiValue: string[] | undefined;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0, quoted = false, start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') { out.push(s.slice(start, i)); start = i + 1; }
  }
  out.push(s.slice(start));
  return out.map(x => x.trim()).filter(Boolean);
}

/** Ids named by `id eq '…'` clauses (joined with `or`); `''` inside a literal is an escaped quote. */
function filteredIds(options: string): string[] {
  const ids = [...options.matchAll(/\bid\s+eq\s+'((?:[^']|'')*)'/gi)].map(m => (m[1] ?? '').replace(/''/g, "'"));
  if (!/\$filter\s*=/i.test(options) || ids.length === 0) {
    throw badRequest('Extended properties can only be expanded with $filter=id eq \'…\'.', 'ErrorInvalidUrlQuery');
  }
  return ids;
}

export function parseExpand(v: string | undefined, allowed: readonly string[], type = 'message'): Expand {
  const e: Expand = { attachments: false, singleValue: undefined, multiValue: undefined };
  for (const item of v === undefined ? [] : splitTopLevel(v)) {
    const m = /^([\w.]+)\s*(?:\((.*)\))?$/s.exec(item);
    const name = (m?.[1] ?? item).toLowerCase();
    if (!allowed.map(a => a.toLowerCase()).includes(name)) {
      throw badRequest(`Could not find a property named '${m?.[1] ?? item}' on type 'microsoft.graph.${type}'.`, 'RequestBroker--ParseUri');
    }
    if (name === 'attachments') e.attachments = true;
    else if (name === 'singlevalueextendedproperties') e.singleValue = filteredIds(m?.[2] ?? '');
    else if (name === 'multivalueextendedproperties') e.multiValue = filteredIds(m?.[2] ?? '');
  }
  return e;
}

/** `$top` for lists: 1–1000 (user-list-messages), anything else is a bad request. */
export function parseTop(v: string | undefined, max = 1000): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw badRequest(`Invalid $top value '${v}': must be between 1 and ${max}.`, 'ErrorInvalidUrlQuery');
  return n;
}
