/**
 * Per-column filters and sorting of the grid, as state and as matching. Sorting by a column's header cycles
 * ascending → descending → unsorted; with Shift it is added to the columns sorted already. A text filter keeps the rows whose cell text holds every word
 * typed (case and accents ignored); the attachments filter takes a number or a comparison (`0`, `>0`, `>=2`,
 * `<3`). Sorting compares texts the way people read them (numbers in text by value, case ignored). Pure.
 */
import type { ColumnFiltersState, SortingState } from '@tanstack/react-table';
import { fold } from './pick-lists';

export function toggleSort(sorting: SortingState, id: string, multi: boolean): SortingState {
  const current = sorting.find((entry) => entry.id === id);
  const next = current === undefined ? { id, desc: false } : current.desc ? null : { id, desc: true };
  if (!multi) return next === null ? [] : [next];
  if (current === undefined) return next === null ? sorting : [...sorting, next];
  return next === null ? sorting.filter((entry) => entry.id !== id) : sorting.map((entry) => (entry.id === id ? next : entry));
}

/** Sets one column's filter text; an empty text removes the filter. */
export function setFilter(filters: ColumnFiltersState, id: string, value: string): ColumnFiltersState {
  const others = filters.filter((entry) => entry.id !== id);
  return value === '' ? others : [...others, { id, value }];
}

export function filterOf(filters: ColumnFiltersState, id: string): string {
  const value = filters.find((entry) => entry.id === id)?.value;
  return typeof value === 'string' ? value : '';
}

export function matchesText(text: string, query: string): boolean {
  const terms = fold(query).split(/\s+/).filter((term) => term !== '');
  if (terms.length === 0) return true;
  const haystack = fold(text);
  return terms.every((term) => haystack.includes(term));
}

const COMPARISON = /^\s*(<=|>=|<|>|=)?\s*(\d+)\s*$/;

export function matchesCount(count: number, query: string): boolean {
  if (query.trim() === '') return true;
  const match = COMPARISON.exec(query);
  if (match === null) return matchesText(String(count), query);
  const wanted = Number(match[2]);
  switch (match[1]) {
    case '<':
      return count < wanted;
    case '<=':
      return count <= wanted;
    case '>':
      return count > wanted;
    case '>=':
      return count >= wanted;
    default:
      return count === wanted;
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sort keys of one column are all strings or all numbers; empty cells (undefined) are placed by the table. */
export function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}
