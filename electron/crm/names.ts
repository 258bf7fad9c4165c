/**
 * The names users know for the CRM's keys: "Lahntal Brauerei GmbH" for BP-LAHNTAL, "Anna Schmidt" for CP-1001,
 * "Maria Müller" for MUE. Looked up for a whole list at once (one query, however long the list), for lists
 * whose keys are not in a table to join against: the mail import's candidates come from sender matching.
 * Lists of stored rows join the names in their own query instead (activities.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { CrmDatabase } from './schema';

export type NamedKind = 'businessPartner' | 'contactPerson' | 'employee';

const TABLES = { businessPartner: 'business_partners', contactPerson: 'contact_persons', employee: 'employees' } as const;

/** The keys to name, by kind; nulls and repeats are fine. */
export type NameKeys = Partial<Record<NamedKind, Iterable<string | null>>>;

/** A key's name; null for a null key and for a key the CRM does not have. */
export type DisplayNames = Record<NamedKind, (key: string | null) => string | null>;

/** Keys per query: SQLite allows 32766 bound parameters; stay well below it. */
const KEYS_PER_QUERY = 1000;

export async function displayNames(db: Kysely<CrmDatabase>, keys: NameKeys): Promise<DisplayNames> {
  const wanted: Array<{ kind: NamedKind; key: string }> = [];
  for (const kind of Object.keys(TABLES) as NamedKind[]) {
    const distinct = new Set<string>();
    for (const key of keys[kind] ?? []) if (key !== null) distinct.add(key);
    for (const key of distinct) wanted.push({ kind, key });
  }

  const found: Record<NamedKind, Map<string, string>> = { businessPartner: new Map(), contactPerson: new Map(), employee: new Map() };
  for (let start = 0; start < wanted.length; start += KEYS_PER_QUERY) {
    const slice = wanted.slice(start, start + KEYS_PER_QUERY);
    // One SELECT per kind in this slice, glued with UNION ALL: one round trip for all three tables.
    const parts = (Object.keys(TABLES) as NamedKind[]).flatMap((kind) => {
      const ofKind = slice.filter((entry) => entry.kind === kind).map((entry) => entry.key);
      return ofKind.length === 0 ? [] : [namesOf(db, kind, ofKind)];
    });
    const [first, ...rest] = parts;
    if (first === undefined) continue;
    const rows = await rest.reduce((query, part) => query.unionAll(part), first).execute();
    for (const row of rows) found[row.kind].set(row.key, row.name);
  }

  const lookUp = (kind: NamedKind) => (key: string | null) => (key === null ? null : (found[kind].get(key) ?? null));
  return { businessPartner: lookUp('businessPartner'), contactPerson: lookUp('contactPerson'), employee: lookUp('employee') };
}

function namesOf(db: Kysely<CrmDatabase>, kind: NamedKind, keys: string[]) {
  return db
    .selectFrom(TABLES[kind])
    .select([sql.lit(kind).$castTo<NamedKind>().as('kind'), 'key', 'name'])
    .where('key', 'in', keys);
}
