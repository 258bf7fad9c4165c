/**
 * Settling a conflict field by field (issue 5: "per field where it makes sense"): which fields are chosen
 * together, and what a set of choices must hold. An event's time is one choice — start, end, all day, the series
 * rule and the reminder (minutes before the start) only make sense from the same side. Pure; the conflicts page
 * and the CRM's resolve both use it.
 */
import type { FieldChoices, Side } from './plan';

const TOGETHER: Readonly<Record<'event' | 'task', readonly (readonly string[])[]>> = {
  event: [['start', 'end', 'allDay', 'seriesRule', 'reminder']],
  task: [],
};

/** The differing fields in groups that are chosen as one, in the order given (a group where its first field is). */
export function choiceGroups(kind: 'event' | 'task', fields: readonly string[]): string[][] {
  const groups: string[][] = [];
  const placed = new Set<string>();
  for (const field of fields) {
    if (placed.has(field)) continue;
    const together = TOGETHER[kind].find((group) => group.includes(field));
    const group = together === undefined ? [field] : fields.filter((f) => together.includes(f));
    for (const f of group) placed.add(f);
    groups.push(group);
  }
  return groups;
}

/** Why these choices cannot settle the conflict, in words; null when they can. */
export function choicesProblem(kind: 'event' | 'task', fields: readonly string[], choices: FieldChoices): string | null {
  const unknown = Object.keys(choices).filter((field) => !fields.includes(field));
  if (unknown.length > 0) return `These fields do not differ in this conflict: ${unknown.join(', ')}.`;
  const missing = fields.filter((field) => choices[field] === undefined);
  if (missing.length > 0) return `Choose a side for every field that differs; missing: ${missing.join(', ')}.`;
  for (const group of choiceGroups(kind, fields)) {
    const sides = new Set<Side | undefined>(group.map((field) => choices[field]));
    if (sides.size > 1) return `${group.join(', ')} belong together: choose the same side for all of them.`;
  }
  return null;
}
