/**
 * Turns zod's issue list into one line a person can act on ("text: expected string, received number"), so a
 * BAD_REQUEST names the field instead of dumping zod's JSON. Pure; used by the dispatcher and the client.
 */
import type { z } from 'zod';

const MAX_ISSUES = 5;

export function describeIssues(error: z.ZodError, what = 'value'): string {
  const parts = error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const at = issue.path.length > 0 ? issue.path.map(String).join('.') : `(${what})`;
    return `${at}: ${lowerFirst(issue.message)}`;
  });
  const more = error.issues.length - MAX_ISSUES;
  if (more > 0) parts.push(`and ${more} more`);
  return parts.join('; ');
}

function lowerFirst(text: string): string {
  // zod 4 says "Invalid input: expected string, received number"; after the field name read it as a clause.
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Quotes a name that came from the other side, cut short: an error message must not echo a megabyte back. */
export function quoteName(name: unknown): string {
  const text = typeof name === 'string' ? name : String(typeof name);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
