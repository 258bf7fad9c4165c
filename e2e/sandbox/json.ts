// JSON values as the sandbox stores and serves them, and where a JSON text is broken.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Values that came out of JSON.parse (request bodies, the mailbox file) are JSON by construction. */
export function asJsonObject(v: Record<string, unknown>): JsonObject {
  return v as JsonObject;
}

export const clone = <T extends Json>(v: T): T => structuredClone(v);

/** A JSON value as text: strings as they are, anything else as JSON (never "[object Object]"). */
export const text = (v: Json | undefined): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

export const sameJson = (a: Json | undefined, b: Json | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

export function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

class SyntaxAt extends Error { constructor(readonly offset: number) { super(`JSON syntax error at ${offset}`); } }

/** Offset of the first JSON syntax error: V8's message names a position only for some errors. */
export function syntaxErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => { throw new SyntaxAt(i); };
  const ws = () => { while (/[ \t\r\n]/.test(text[i] ?? '')) i++; };
  const str = () => {
    for (i++; text[i] !== '"'; i++) {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') i++;
    }
    i++;
  };
  const list = (close: string, item: () => void) => {
    i++;
    ws();
    if (text[i] === close) { i++; return; }
    for (;;) {
      item();
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === close) { i++; return; }
      fail();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return list('}', () => { ws(); if (text[i] !== '"') fail(); str(); ws(); if (text[i] !== ':') fail(); i++; value(); });
    if (c === '[') return list(']', value);
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m?.[0].length ?? 0;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (e) {
    if (e instanceof SyntaxAt) return e.offset;
    throw e;
  }
  return text.length;
}
