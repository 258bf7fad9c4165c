/**
 * Per-column filters and sorting of the grid. A text filter keeps the rows whose cell text holds every word
 * typed (case and accents ignored); the attachments filter takes a number or a comparison (`0`, `>0`, `>=2`,
 * `<3`). Sorting compares texts the way people read them (numbers in text by value, case ignored). Pure.
 */
import { fold } from './pick-lists';

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
