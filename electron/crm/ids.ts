import { randomUUID } from 'node:crypto';

/** Ids for rows the app creates (activities, communications, documents, runs, outbox entries). Text, not a
 * database sequence: portable, and safe to create before the row is written (e.g. to stamp a groupware item). */
export function newId(): string {
  return randomUUID();
}
