/**
 * The wizard's activity selection as rules: which mandatory fields a candidate still lacks once the user's
 * edits are applied, which ticked candidates block *Import* (and which of them comes first in the order the
 * grid shows), and what goes to `sync.import`. Pure, so the rules are tested without a browser.
 */
import type { MailCandidate, MailImportSelection, MandatoryField } from '../../../shared/sync/mail-import-types';

type Overrides = NonNullable<MailImportSelection['overrides']>;

/**
 * What the user changed for one candidate: the fields `sync.import` accepts as overrides. Undefined = not
 * touched (the import's default or the sender match stands); null for a link = explicitly "none".
 */
export type CandidateEdit = Readonly<{
  subject?: string;
  type?: string;
  status?: string;
  employee?: string;
  contactPerson?: string | null;
  businessPartner?: string | null;
  project?: string | null;
  inquiry?: string | null;
}>;
export type EditableField = keyof CandidateEdit;
/** The edits of every candidate, by messageId. */
export type Edits = Readonly<Record<string, CandidateEdit | undefined>>;
/** The ticked candidates (by messageId). */
export type Ticked = Readonly<Record<string, boolean | undefined>>;

const blank = (value: string | null | undefined): boolean => value == null || value.trim() === '';

export function typedSubject(edit: CandidateEdit | undefined): string {
  return edit?.subject?.trim() ?? '';
}

/** The mandatory fields an edit fills: subject by typing, type/status/employee by picking. */
const FILLED_BY_EDIT: Partial<Record<MandatoryField, (edit: CandidateEdit) => boolean>> = {
  subject: (edit) => typedSubject(edit) !== '',
  type: (edit) => !blank(edit.type),
  status: (edit) => !blank(edit.status),
  employee: (edit) => !blank(edit.employee),
};

/** The candidate's empty mandatory fields, minus those the user filled in. */
export function missingFields(candidate: MailCandidate, edit: CandidateEdit | undefined): MandatoryField[] {
  if (edit === undefined) return candidate.missing;
  return candidate.missing.filter((field) => FILLED_BY_EDIT[field]?.(edit) !== true);
}

export function isTicked(ticked: Ticked, messageId: string): boolean {
  return ticked[messageId] === true;
}

/** A ticked candidate that still has an empty mandatory field keeps *Import* disabled. */
export function isBlocking(candidate: MailCandidate, ticked: Ticked, edits: Edits): boolean {
  return isTicked(ticked, candidate.messageId) && missingFields(candidate, edits[candidate.messageId]).length > 0;
}

export function blockingCount(candidates: readonly MailCandidate[], ticked: Ticked, edits: Edits): number {
  return candidates.filter((c) => isBlocking(c, ticked, edits)).length;
}

/** The first blocking candidate in the given order (the grid's, sorted and filtered); undefined if none there. */
export function firstBlocking(order: readonly MailCandidate[], ticked: Ticked, edits: Edits): MailCandidate | undefined {
  return order.find((c) => isBlocking(c, ticked, edits));
}

export function tickedCount(candidates: readonly MailCandidate[], ticked: Ticked): number {
  return candidates.filter((c) => isTicked(ticked, c.messageId)).length;
}

/** Every candidate ticked: the wizard's starting point (the user unticks what should stay in Outlook). */
export function tickAll(candidates: readonly MailCandidate[]): Record<string, true> {
  return Object.fromEntries(candidates.map((c) => [c.messageId, true as const]));
}

/** The edit as `sync.import` overrides: typed text trimmed, blank picks and untouched fields left out. */
export function overridesOf(edit: CandidateEdit | undefined): Overrides {
  if (edit === undefined) return {};
  const overrides: Overrides = {};
  const subject = typedSubject(edit);
  if (subject !== '') overrides.subject = subject;
  for (const field of ['type', 'status', 'employee'] as const) {
    const value = edit[field];
    if (!blank(value)) overrides[field] = value;
  }
  for (const field of ['contactPerson', 'businessPartner', 'project', 'inquiry'] as const) {
    const value = edit[field];
    if (value !== undefined) overrides[field] = blank(value) ? null : value;
  }
  return overrides;
}

/** The request for `sync.import`: the ticked candidates in list order, each with what the user changed. */
export function selectionsFor(candidates: readonly MailCandidate[], ticked: Ticked, edits: Edits): MailImportSelection[] {
  return candidates
    .filter((c) => isTicked(ticked, c.messageId))
    .map((c) => {
      const overrides = overridesOf(edits[c.messageId]);
      return Object.keys(overrides).length === 0 ? { messageId: c.messageId } : { messageId: c.messageId, overrides };
    });
}
