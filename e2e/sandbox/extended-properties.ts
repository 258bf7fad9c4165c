import type { Json } from './json';

// Single-value extended properties (graph-subset §4.3), shared by messages and events.

export interface ExtendedProperty { id: string; value: Json }

/** Type and GUID are case-insensitive; the Name part of a named property is case-sensitive (§4.3). */
export function extendedPropertyKey(id: string): string {
  const m = /^\s*(\S+)\s+(\{[^}]*\}|\S+)\s+(Name|Id)\s+(.*)$/i.exec(id);
  if (!m) return id.trim().toLowerCase();
  const [, type = '', set = '', kind = '', name = ''] = m;
  return `${type.toLowerCase()} ${set.toLowerCase()} ${kind.toLowerCase()} ${kind.toLowerCase() === 'id' ? name.toLowerCase() : name}`;
}
