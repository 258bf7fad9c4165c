/**
 * The wizard's activity selection as rules: which mandatory fields a candidate still lacks once the user's
 * edits are applied, how many ticked candidates block *Import*, and what goes to `sync.import`. Pure, so the
 * rules are tested without a browser.
 */
import type { MailCandidate, MailImportSelection, MandatoryField } from '../../../shared/sync/mail-import-types';

/** What the user typed per candidate (by messageId). Only subjects can be typed in this version. */
export type SubjectEdits = Readonly<Record<string, string>>;
/** The ticked candidates (by messageId), as TanStack's row selection keeps them. */
export type Ticked = Readonly<Record<string, boolean | undefined>>;

export function typedSubject(edits: SubjectEdits, messageId: string): string {
  return edits[messageId]?.trim() ?? '';
}

/** The candidate's empty mandatory fields, minus the subject once the user typed one. */
export function missingFields(candidate: MailCandidate, edits: SubjectEdits): MandatoryField[] {
  const subjectTyped = typedSubject(edits, candidate.messageId) !== '';
  return candidate.missing.filter((field) => !(field === 'subject' && subjectTyped));
}

export function isTicked(ticked: Ticked, messageId: string): boolean {
  return ticked[messageId] === true;
}

/** Ticked candidates that still have an empty mandatory field: each one keeps *Import* disabled. */
export function blockingCount(candidates: readonly MailCandidate[], ticked: Ticked, edits: SubjectEdits): number {
  return candidates.filter((c) => isTicked(ticked, c.messageId) && missingFields(c, edits).length > 0).length;
}

export function tickedCount(candidates: readonly MailCandidate[], ticked: Ticked): number {
  return candidates.filter((c) => isTicked(ticked, c.messageId)).length;
}

/** Every candidate ticked: the wizard's starting point (the user unticks what should stay in Outlook). */
export function tickAll(candidates: readonly MailCandidate[]): Record<string, true> {
  return Object.fromEntries(candidates.map((c) => [c.messageId, true as const]));
}

/** The request for `sync.import`: the ticked candidates in list order, each with what the user typed. */
export function selectionsFor(candidates: readonly MailCandidate[], ticked: Ticked, edits: SubjectEdits): MailImportSelection[] {
  return candidates
    .filter((c) => isTicked(ticked, c.messageId))
    .map((c) => {
      const subject = typedSubject(edits, c.messageId);
      return subject === '' ? { messageId: c.messageId } : { messageId: c.messageId, overrides: { subject } };
    });
}
