import { badRequest } from './errors';
import type { Json } from './json';

// A small OData $filter evaluator: comparisons (eq ne gt ge lt le), and/or/not, parentheses, contains/startswith/
// endswith, cast(…, Edm.Int32) and lambda `any` over a collection — enough for the mail queries in §2 and §4.3.
// Each resource decides what a path means through a FilterEnv.

export interface FilterEnv {
  get(path: string[]): Json | undefined;
  /** Members of a collection property, for `path/any(x: …)`. */
  members?(path: string[]): FilterEnv[];
  /** Lets an env compare some paths byte-exactly after mapping the literal (extended property ids). */
  exact?(path: string[], literal: string): string | undefined;
}

export interface Comparison { path: string[]; op: string; value: Json }
export interface FilterExpr {
  test(env: FilterEnv): boolean;
  /** Top-level `and`ed comparisons, for endpoints that accept only some filters (delta). */
  comparisons: Comparison[] | undefined;
}

type Operand = (env: FilterEnv) => Json | undefined;
type Pred = (env: FilterEnv) => boolean;

const TOKEN = /\s*(?:('(?:[^']|'')*')|(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)|(-?\d+(?:\.\d+)?)(?![\w:-])|([A-Za-z_$@][\w.$@]*)|([(),:/]))/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m) throw invalid(`unexpected text at position ${start}`);
    out.push((m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]) as string);
  }
  return out;
}

const invalid = (why: string) => badRequest(`Invalid filter clause: ${why}.`, 'ErrorInvalidUrlQueryFilter');
const OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));

function compare(op: string, a: Json | undefined, b: Json | undefined): boolean {
  let x: unknown = a ?? null, y: unknown = b ?? null;
  if (isDate(x) && isDate(y)) { x = Date.parse(x); y = Date.parse(y); }
  else if (typeof x === 'string' && typeof y === 'string') { x = x.toLowerCase(); y = y.toLowerCase(); }
  if (op === 'eq') return x === y;
  if (op === 'ne') return x !== y;
  if (x === null || y === null || typeof x !== typeof y) return false;
  const [p, q] = [x as number | string, y as number | string];
  return op === 'gt' ? p > q : op === 'ge' ? p >= q : op === 'lt' ? p < q : p <= q;
}

export function parseFilter(src: string): FilterExpr {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const next = () => { const t = toks[i++]; if (t === undefined) throw invalid('unexpected end'); return t; };
  const expect = (t: string) => { if (next().toLowerCase() !== t) throw invalid(`expected '${t}'`); };
  const lambdas: string[] = [];

  const path = (first: string): string[] => {
    const p = [first];
    while (peek() === '/' && toks[i + 1] !== undefined && toks[i + 2] !== '(') { i++; p.push(next()); }
    return lambdas.includes(p[0] ?? '') ? p.slice(1) : p;
  };

  /** `a/b/any(` ahead: a collection path followed by a lambda. */
  const lambdaAhead = (): boolean => {
    for (let j = i + 1; toks[j] === '/'; j += 2) {
      if (toks[j + 1]?.toLowerCase() === 'any' && toks[j + 2] === '(') return true;
    }
    return false;
  };

  const operand = (): { fn: Operand; path?: string[]; literal?: Json } => {
    const t = next();
    if (t.startsWith("'")) { const v = t.slice(1, -1).replace(/''/g, "'"); return { fn: () => v, literal: v }; }
    if (/^-?\d/.test(t)) { const v = isDate(t) ? t : Number(t); return { fn: () => v, literal: v }; }
    if (t === 'true' || t === 'false' || t === 'null') { const v: Json = t === 'null' ? null : t === 'true'; return { fn: () => v, literal: v }; }
    if (t.toLowerCase() === 'cast') {
      expect('(');
      const inner = operand();
      expect(',');
      const type = next();
      expect(')');
      return { fn: env => { const v = inner.fn(env); return /Int|Double|Single|Decimal/i.test(type) && v !== null && v !== undefined ? Number(v) : v; } };
    }
    const p = path(t);
    return { fn: env => env.get(p), path: p };
  };

  const primary = (): { pred: Pred; cmp?: Comparison } => {
    const t = peek();
    if (t === '(') { i++; const e = orExpr(); expect(')'); return { pred: e }; }
    if (t !== undefined && /^(contains|startswith|endswith)$/i.test(t) && toks[i + 1] === '(') {
      const fname = next().toLowerCase(); expect('(');
      const a = operand(); expect(','); const b = operand(); expect(')');
      return { pred: env => {
        const [x, y] = [a.fn(env), b.fn(env)];
        if (typeof x !== 'string' || typeof y !== 'string') return false;
        const [s, f] = [x.toLowerCase(), y.toLowerCase()];
        return fname === 'contains' ? s.includes(f) : fname === 'startswith' ? s.startsWith(f) : s.endsWith(f);
      } };
    }
    if (lambdaAhead()) {
      const first = next();
      const coll = path(first);
      expect('/'); expect('any'); expect('(');
      const v = next(); expect(':');
      lambdas.push(v);
      const body = orExpr();
      lambdas.pop();
      expect(')');
      return { pred: env => (env.members?.(coll) ?? []).some(body) };
    }
    const left = operand();
    const op = next().toLowerCase();
    if (!OPS.has(op)) throw invalid(`unknown operator '${op}'`);
    const right = operand();
    const exactPath = left.path, lit = right.literal;
    const pred: Pred = env => {
      const mapped = exactPath && typeof lit === 'string' ? env.exact?.(exactPath, lit) : undefined;
      if (mapped !== undefined) { const v = env.get(exactPath ?? []); return op === 'eq' ? v === mapped : op === 'ne' ? v !== mapped : false; }
      return compare(op, left.fn(env), right.fn(env));
    };
    return { pred, ...(left.path && right.literal !== undefined ? { cmp: { path: left.path, op, value: right.literal } } : {}) };
  };

  const unary = (): { pred: Pred; cmp?: Comparison } => {
    if (peek()?.toLowerCase() === 'not') { i++; const u = unary(); return { pred: env => !u.pred(env) }; }
    return primary();
  };

  let topCmps: Comparison[] | undefined = [];
  const andExpr = (top: boolean): Pred => {
    const parts = [unary()];
    while (peek()?.toLowerCase() === 'and') { i++; parts.push(unary()); }
    if (top) for (const p of parts) { if (p.cmp && topCmps) topCmps.push(p.cmp); else topCmps = undefined; }
    return env => parts.every(p => p.pred(env));
  };
  const orExpr = (top = false): Pred => {
    const parts = [andExpr(top)];
    while (peek()?.toLowerCase() === 'or') { i++; topCmps = undefined; parts.push(andExpr(false)); }
    return env => parts.some(p => p(env));
  };

  const test = orExpr(true);
  if (i < toks.length) throw invalid(`unexpected '${toks[i]}'`);
  return { test, comparisons: topCmps };
}
