/**
 * Turns a schema issue about a CRM data file into one line a person can act on: which entry (list, index and
 * key, as the file shows them), which field, and what rule it breaks, e.g.
 * `contactPersons[0] "CP-1": communications[1].value "a.b" is not a valid e-mail address`.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

export function quote(value: unknown): string {
  return JSON.stringify(typeof value === 'string' ? value : String(value));
}

export function formatIssue(raw: unknown, issue: Issue): string {
  const [list, index, ...field] = issue.path;
  if (list === undefined) return rootProblem(issue);
  if (typeof index !== 'number') return `${String(list)} ${describe(issue)}`;
  const entry = `${String(list)}[${index}]${entryKeySuffix(raw, String(list), index)}`;
  const fieldPath = formatPath(field);
  return `${entry}: ${fieldPath === '' ? '' : `${fieldPath} `}${describe(issue)}`;
}

function rootProblem(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown list${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(quote).join(', ')} (a CRM data file has the lists employees, businessPartners, contactPersons, projects, inquiries, activityTypes, statusKeys, documentCategories, keywords and freeMailDomains)`;
  }
  if (issue.code === 'invalid_type') return 'the CRM data must be a JSON object whose members are the lists, e.g. "employees"';
  return issue.message;
}

/** ` "KEY"` for an entry with a key, ` "gmx.de"` for a plain string entry, nothing when neither is readable. */
function entryKeySuffix(raw: unknown, list: string, index: number): string {
  const entry = memberOf(memberOf(raw, list), index);
  if (typeof entry === 'string') return ` ${quote(entry)}`;
  const key = memberOf(entry, 'key');
  return typeof key === 'string' ? ` ${quote(key)}` : '';
}

function memberOf(value: unknown, member: string | number): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as Record<string | number, unknown>)[member];
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, position) =>
      typeof segment === 'number' ? `[${segment}]` : `${position === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

const EXPECTED_IN_WORDS: Readonly<Record<string, string>> = {
  string: 'a text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is missing' : `must be ${EXPECTED_IN_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : issue.message;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(quote).join(', ')}`;
    case 'invalid_value':
      return `${quote(issue.input)} is not one of ${issue.values.map(quote).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'email' ? `${quote(issue.input)} is not a valid e-mail address` : issue.message;
    default:
      return issue.message;
  }
}
