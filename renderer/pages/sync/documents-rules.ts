/**
 * The *Edit documents* step as rules: the attachments of the mails going to be imported, grouped by mail in the
 * order of the selection; the category and keyword the user gave each; and the `documents` that `sync.import`
 * gets for each selection (only attachments with a category or a keyword: one with neither needs no entry).
 * Pure, so it is tested without a browser.
 */
import type { MailAttachment, MailCandidate, MailImportSelection } from '../../../shared/sync/mail-import-types';

export interface DocumentChoice {
  category: string | null;
  keyword: string | null;
}

/** Choices by documentKey(messageId, attachmentId): Graph's attachment ids are only unique within a mail. */
export type DocumentChoices = Readonly<Record<string, DocumentChoice | undefined>>;

export function documentKey(messageId: string, attachmentId: string): string {
  return `${messageId}\u0000${attachmentId}`;
}

export interface DocumentGroup {
  mail: MailCandidate;
  attachments: readonly MailAttachment[];
}

/** The selected mails that have attachments, in selection order, each with its attachments. */
export function documentGroups(candidates: readonly MailCandidate[], selections: readonly MailImportSelection[]): DocumentGroup[] {
  const byId = new Map(candidates.map((c) => [c.messageId, c]));
  const groups: DocumentGroup[] = [];
  const seen = new Set<string>();
  for (const { messageId } of selections) {
    const mail = byId.get(messageId);
    if (mail === undefined || seen.has(messageId) || mail.attachments.length === 0) continue;
    seen.add(messageId);
    groups.push({ mail, attachments: mail.attachments });
  }
  return groups;
}

export function choiceOf(choices: DocumentChoices, messageId: string, attachmentId: string): DocumentChoice {
  return choices[documentKey(messageId, attachmentId)] ?? { category: null, keyword: null };
}

/** One field of one document changed; "" (the picker's "none") is stored as null. */
export function withChoice(
  choices: DocumentChoices,
  messageId: string,
  attachmentId: string,
  field: keyof DocumentChoice,
  value: string | null,
): DocumentChoices {
  const current = choiceOf(choices, messageId, attachmentId);
  return { ...choices, [documentKey(messageId, attachmentId)]: { ...current, [field]: value === '' ? null : value } };
}

/**
 * The selections as `sync.import` gets them: each with the documents the user gave a category or keyword (of its
 * own attachments only). Without the documents step nothing is added: then no category or keyword can be set.
 */
export function selectionsWithDocuments(
  selections: readonly MailImportSelection[],
  candidates: readonly MailCandidate[],
  choices: DocumentChoices,
  documentsStep: boolean,
): MailImportSelection[] {
  if (!documentsStep) return [...selections];
  const byId = new Map(candidates.map((c) => [c.messageId, c]));
  return selections.map((selection) => {
    const attachments = byId.get(selection.messageId)?.attachments ?? [];
    const documents = attachments
      .map((attachment) => ({ attachmentId: attachment.id, ...choiceOf(choices, selection.messageId, attachment.id) }))
      .filter((document) => document.category !== null || document.keyword !== null);
    return documents.length === 0 ? selection : { ...selection, documents };
  });
}

/** How many documents the groups hold. */
export function documentCount(groups: readonly DocumentGroup[]): number {
  return groups.reduce((sum, group) => sum + group.attachments.length, 0);
}
