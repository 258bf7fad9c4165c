/**
 * The CRM's lists (`crm.lists`) as the grid's pickers and cells use them: the entries of each kind in the UI
 * language, a key's text, a contact person's business partner, and the options to offer — those that fit the
 * row's business partner first, then the others, filtered by what the user typed and capped so a CRM with
 * thousands of contact persons still opens its picker at once. Pure.
 */
import type { Locale } from '../../../../shared/contract';
import type { CrmPickLists, LabelledKey, NamedKey, PartnerItem } from '../../../../shared/crm/pick-lists';

export type PickKind = 'type' | 'status' | 'employee' | 'contactPerson' | 'businessPartner' | 'project' | 'inquiry';

export interface PickEntry {
  key: string;
  /** What users read: the label in the UI language, or the name. */
  text: string;
  /** The business partner the entry belongs to (a business partner: itself); null for types, statuses, employees. */
  partner: string | null;
}

export interface PickIndex {
  entries: (kind: PickKind) => readonly PickEntry[];
  /** The entry's text; null for a key the lists do not have. */
  text: (kind: PickKind, key: string) => string | null;
  partnerOf: (contactPerson: string) => string | null;
}

export function indexPickLists(lists: CrmPickLists, lang: Locale): PickIndex {
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  const labelled = (items: LabelledKey[]) =>
    items.map((item) => ({ key: item.key, text: item.label[lang] || item.key, partner: null })).sort((a, b) => collator.compare(a.text, b.text));
  const named = (items: NamedKey[]) => items.map((item) => ({ key: item.key, text: item.name, partner: null }));
  const ofPartner = (items: PartnerItem[]) => items.map((item) => ({ key: item.key, text: item.name, partner: item.businessPartner }));
  const entries: Record<PickKind, PickEntry[]> = {
    type: labelled(lists.types),
    status: labelled(lists.statuses),
    employee: named(lists.employees),
    businessPartner: lists.businessPartners.map((item) => ({ key: item.key, text: item.name, partner: item.key })),
    contactPerson: ofPartner(lists.contactPersons),
    project: ofPartner(lists.projects),
    inquiry: ofPartner(lists.inquiries),
  };
  const byKey = Object.fromEntries(Object.entries(entries).map(([kind, list]) => [kind, new Map(list.map((e) => [e.key, e]))])) as Record<
    PickKind,
    Map<string, PickEntry>
  >;
  return {
    entries: (kind) => entries[kind],
    text: (kind, key) => byKey[kind].get(key)?.text ?? null,
    partnerOf: (contactPerson) => byKey.contactPerson.get(contactPerson)?.partner ?? null,
  };
}

/** An index with nothing in it: while the lists load, or when they could not be loaded. */
export const EMPTY_PICK_INDEX: PickIndex = { entries: () => [], text: () => null, partnerOf: () => null };

export interface PickOptions {
  /** The entries of the preferred partner (empty without one). */
  preferred: PickEntry[];
  others: PickEntry[];
  /** How many more match than are offered. */
  more: number;
}

/** Every term of the query, in the entry's text or key (case and accents ignored). */
export function matchesQuery(entry: PickEntry, query: string): boolean {
  const terms = fold(query).split(/\s+/).filter((term) => term !== '');
  if (terms.length === 0) return true;
  const haystack = fold(`${entry.text} ${entry.key}`);
  return terms.every((term) => haystack.includes(term));
}

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/**
 * The options for a picker: the entries of `prefer` (the row's business partner) first, then the rest, both
 * in list order; only those matching `query`; at most `limit` in all (the preferred ones first).
 */
export function pickOptions(entries: readonly PickEntry[], opts: { prefer: string | null; query: string; limit: number }): PickOptions {
  const preferred: PickEntry[] = [];
  const others: PickEntry[] = [];
  let matching = 0;
  for (const entry of entries) {
    if (!matchesQuery(entry, opts.query)) continue;
    matching++;
    (opts.prefer !== null && entry.partner === opts.prefer ? preferred : others).push(entry);
  }
  const keptPreferred = preferred.slice(0, opts.limit);
  const keptOthers = others.slice(0, Math.max(0, opts.limit - keptPreferred.length));
  return { preferred: keptPreferred, others: keptOthers, more: matching - keptPreferred.length - keptOthers.length };
}
