/**
 * The values a candidate's activity will get, as the grid shows them: the import's defaults and the sender
 * match, with the user's edits applied the way `sync.import` applies them — the business partner by the very
 * rule the import uses (shared/mail/mandatory.ts, `partnerAfterEdits`).
 */
import { partnerAfterEdits } from '../../../../shared/mail/mandatory';
import type { MailCandidate } from '../../../../shared/sync/mail-import-types';
import type { CandidateEdit } from '../selection-rules';

export interface RowValues {
  type: string | null;
  status: string | null;
  subject: string;
  employee: string | null;
  contactPerson: string | null;
  businessPartner: string | null;
  project: string | null;
  inquiry: string | null;
}

const picked = (value: string | undefined, fallback: string | null): string | null => (value === undefined || value.trim() === '' ? fallback : value);

export function rowValues(candidate: MailCandidate, edit: CandidateEdit | undefined, partnerOf: (contactPerson: string) => string | null): RowValues {
  const e = edit ?? {};
  const contactPerson = e.contactPerson !== undefined ? e.contactPerson : candidate.contactPerson;
  const businessPartner = partnerAfterEdits({
    pickedPartner: e.businessPartner,
    pickedContact: e.contactPerson,
    partnerOfPickedContact: e.contactPerson != null ? partnerOf(e.contactPerson) : null,
    matchedPartner: candidate.businessPartner,
  });
  return {
    type: picked(e.type, candidate.type),
    status: picked(e.status, candidate.status),
    subject: e.subject ?? candidate.subject,
    employee: picked(e.employee, candidate.employee),
    contactPerson,
    businessPartner,
    project: e.project ?? null,
    inquiry: e.inquiry ?? null,
  };
}
