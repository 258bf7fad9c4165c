/**
 * Upsert by key with a count of what happened: rows whose key is new are inserted, rows that differ from the
 * stored one are updated, equal rows are left alone (so a second import of the same data writes nothing).
 */
import type { ListCounts } from '../../shared/crm/import-report';

export interface KeyedWriter<Row extends { key: string }> {
  insert(rows: Row[]): Promise<void>;
  update(row: Row, stored: Row): Promise<void>;
}

export async function upsertByKey<Row extends { key: string }>(
  incoming: readonly Row[],
  stored: readonly Row[],
  same: (incoming: Row, stored: Row) => boolean,
  writer: KeyedWriter<Row>,
): Promise<ListCounts> {
  const storedByKey = new Map(stored.map((row) => [row.key, row]));
  const inserts: Row[] = [];
  const counts: ListCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const row of incoming) {
    const before = storedByKey.get(row.key);
    if (before === undefined) {
      inserts.push(row);
    } else if (same(row, before)) {
      counts.unchanged += 1;
    } else {
      await writer.update(row, before);
      counts.updated += 1;
    }
  }
  for (const chunk of chunksOf(inserts, INSERT_CHUNK)) await writer.insert(chunk);
  counts.inserted = inserts.length;
  return counts;
}

/** Rows per INSERT statement: well below SQLite's and PostgreSQL's limits on bound parameters. */
const INSERT_CHUNK = 200;

export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

export function sameFields<Row>(a: Row, b: Row, fields: readonly (keyof Row)[]): boolean {
  return fields.every((field) => a[field] === b[field]);
}
