/**
 * Unknown senders in the activity selection (the seed's *Unknown e-mail addresses*, DESIGN §3 sender matching)
 * as rules: which rows offer the address fixes, which rows come from one address, and how the list read again
 * after a fix replaces the one on screen without losing what the user did (ticks are kept; a mail that came
 * in meanwhile is ticked, as every mail is at the start). Pure, so the rules are tested without a browser.
 */
import type { CandidateList, MailCandidate } from '../../../../shared/sync/mail-import-types';
import type { Ticked } from '../selection-rules';

/**
 * The sender's address when a fix applies: the mail has no contact person from its sender — unknown, or only
 * its business partner found by the address's domain. Null for a matched sender or a mail without one.
 */
export function fixableAddress(candidate: MailCandidate): string | null {
  if (candidate.from === null || candidate.senderMatch === 'contactPerson') return null;
  const address = candidate.from.address.trim();
  return address === '' ? null : address;
}

/** Addresses compare as sender matching compares them: case-insensitive, surrounding blanks ignored. */
export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function isFrom(candidate: MailCandidate, address: string): boolean {
  return candidate.from !== null && sameAddress(candidate.from.address, address);
}

export function countFrom(candidates: readonly MailCandidate[], address: string): number {
  return candidates.filter((c) => isFrom(c, address)).length;
}

/**
 * The list read again after a fix. Its candidates and folders replace the old ones; warnings the old list had
 * and the new one lacks are kept (the refresh asks about mails only, so a warning about another area stays).
 */
export function mergeRefreshed(previous: CandidateList, refreshed: CandidateList): CandidateList {
  const seen = new Set(refreshed.warnings.map((w) => `${w.code}\u0000${w.message}`));
  const kept = previous.warnings.filter((w) => !seen.has(`${w.code}\u0000${w.message}`));
  return { folders: refreshed.folders, candidates: refreshed.candidates, warnings: [...kept, ...refreshed.warnings] };
}

/** The ticks after a refresh: as the user left them; a mail new to the list ticked; a mail gone, dropped. */
export function tickedAfterRefresh(ticked: Ticked, previous: readonly MailCandidate[], refreshed: readonly MailCandidate[]): Record<string, true> {
  const known = new Set(previous.map((c) => c.messageId));
  const next: Record<string, true> = {};
  for (const { messageId } of refreshed) if (!known.has(messageId) || ticked[messageId] === true) next[messageId] = true;
  return next;
}

/** Who now has the address: the contact person and the partner, each with the name users know. */
export interface FixedSender {
  contactPerson: string;
  contactPersonName: string;
  businessPartner: string;
  businessPartnerName: string | null;
}

/**
 * When the list cannot be read again: the rows from the address get the contact person here, as sender
 * matching will give it to them at import (it now finds the address at the contact person).
 */
export function applyFixLocally(candidates: readonly MailCandidate[], address: string, fixed: FixedSender): MailCandidate[] {
  return candidates.map((c) =>
    isFrom(c, address)
      ? {
          ...c,
          senderMatch: 'contactPerson' as const,
          contactPerson: fixed.contactPerson,
          contactPersonName: fixed.contactPersonName,
          businessPartner: fixed.businessPartner,
          businessPartnerName: fixed.businessPartnerName,
        }
      : c,
  );
}
