/**
 * Candidates (DESIGN §3): mirror rows in valid import folders whose mail has no activity yet, each with the
 * defaults the import would use, the sender match, and the mandatory fields still empty. One mail is one
 * candidate even when copies of it sit in several import folders (same Message-ID); a row whose Message-ID is
 * already an activity is no candidate but a duplicate, to be moved to the archive folder.
 */
import type { Kysely } from 'kysely';
import { defaultCandidateValues, missingMandatoryFields } from '../../../shared/mail/mandatory';
import { z } from 'zod';
import { MailAttachment, type MailCandidate } from '../../../shared/sync/mail-import-types';
import { displayNames } from '../../crm/names';
import type { CrmDatabase, MailMirrorRow } from '../../crm/schema';
import type { ImportSource } from './discover';
import { senderMatcher, type SenderMatcher } from './sender-directory';

/**
 * The key that makes one mail one activity: its RFC 5322 Message-ID. Graph omits it for a few items (drafts,
 * some system mails); those get a key made of their immutable id, unique in the mailbox, so they are still
 * imported once.
 */
export function mailKey(row: Pick<MailMirrorRow, 'internet_message_id' | 'message_id'>): string {
  return row.internet_message_id ?? `<graph-item-${row.message_id}@crm-companion.invalid>`;
}

export interface Candidate {
  row: MailMirrorRow;
  source: ImportSource;
  candidate: MailCandidate;
}

export interface CandidateScan {
  candidates: Candidate[];
  /** Rows whose mail already has an activity: not candidates, to be moved. */
  duplicates: Array<{ row: MailMirrorRow; activityId: string }>;
}

async function newRows(db: Kysely<CrmDatabase>, mailbox: string, sources: ReadonlyMap<string, ImportSource>): Promise<MailMirrorRow[]> {
  if (sources.size === 0) return [];
  return db
    .selectFrom('mail_mirror')
    .selectAll()
    .where('mailbox', '=', mailbox)
    .where('folder_id', 'in', [...sources.keys()])
    .where('state', '=', 'new')
    .execute();
}

/** Activity ids by mail key, for the given keys. */
export async function activitiesByMailKey(db: Kysely<CrmDatabase>, keys: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('activities')
      .select(['id', 'internet_message_id'])
      .where('internet_message_id', 'in', keys.slice(i, i + 500))
      .execute();
    for (const row of rows) if (row.internet_message_id !== null) found.set(row.internet_message_id, row.id);
  }
  return found;
}

export async function scanCandidates(
  db: Kysely<CrmDatabase>,
  scope: { mailbox: string; employeeKey: string; sources: ReadonlyMap<string, ImportSource> },
  matcher: SenderMatcher = senderMatcher(db),
): Promise<CandidateScan> {
  const rows = await newRows(db, scope.mailbox, scope.sources);
  const existing = await activitiesByMailKey(db, [...new Set(rows.map(mailKey))]);
  const duplicates: CandidateScan['duplicates'] = [];
  const firstCopy = new Map<string, Candidate>();
  // Oldest first, then by folder path: the copy a user would call "the" mail represents it.
  const ordered = [...rows].sort(
    (a, b) =>
      (a.received_at ?? '').localeCompare(b.received_at ?? '') ||
      (scope.sources.get(a.folder_id)?.path ?? '').localeCompare(scope.sources.get(b.folder_id)?.path ?? '') ||
      a.message_id.localeCompare(b.message_id),
  );
  for (const row of ordered) {
    const key = mailKey(row);
    const activityId = existing.get(key);
    if (activityId !== undefined) {
      duplicates.push({ row, activityId });
      continue;
    }
    // Incomplete rows wait for their details (refresh fetches them); a second copy is represented by the first.
    const source = scope.sources.get(row.folder_id);
    if (row.details_complete !== 1 || source === undefined || firstCopy.has(key)) continue;
    firstCopy.set(key, { row, source, candidate: await toCandidate(row, source, scope.employeeKey, matcher) });
  }
  // The names users know for the keys: one query for the whole list.
  const candidates = [...firstCopy.values()];
  const names = await displayNames(db, {
    employee: candidates.map((c) => c.candidate.employee),
    contactPerson: candidates.map((c) => c.candidate.contactPerson),
    businessPartner: candidates.map((c) => c.candidate.businessPartner),
  });
  for (const { candidate } of candidates) {
    candidate.employeeName = names.employee(candidate.employee);
    candidate.contactPersonName = names.contactPerson(candidate.contactPerson);
    candidate.businessPartnerName = names.businessPartner(candidate.businessPartner);
  }
  return { candidates, duplicates };
}

const storedAttachments = z.array(MailAttachment);

/** The attachment list the details fetch stored; a row without one (or with a damaged one) lists none. */
function attachmentsOf(row: MailMirrorRow): MailAttachment[] {
  if (row.attachments_json === null) return [];
  try {
    const parsed = storedAttachments.safeParse(JSON.parse(row.attachments_json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export async function toCandidate(row: MailMirrorRow, source: ImportSource, employeeKey: string, matcher: SenderMatcher): Promise<MailCandidate> {
  const defaults = defaultCandidateValues({ folderStatus: source.status, subject: row.subject, receivedAt: row.received_at, signedInEmployee: employeeKey });
  const match = await matcher.match(row.from_address);
  return {
    messageId: row.message_id,
    internetMessageId: mailKey(row),
    folderId: row.folder_id,
    folderPath: source.path,
    subject: row.subject ?? '',
    from: row.from_address === null ? null : { name: row.from_name ?? '', address: row.from_address },
    receivedAt: row.received_at ?? '',
    attachmentCount: row.attachment_count ?? 0,
    attachments: attachmentsOf(row),
    type: defaults.type,
    status: defaults.status,
    employee: defaults.employee,
    contactPerson: match?.kind === 'contactPerson' ? match.contactPerson : null,
    businessPartner: match?.kind === 'contactPerson' || match?.kind === 'businessPartnerDomain' ? match.businessPartner : null,
    // Named for the whole list at once by scanCandidates.
    employeeName: null,
    contactPersonName: null,
    businessPartnerName: null,
    senderMatch: match?.kind ?? 'unknown',
    missing: missingMandatoryFields(defaults),
  };
}

/** Rows of valid folders whose mail is already an activity (a copy, or one imported in this very run). */
export async function findDuplicates(
  db: Kysely<CrmDatabase>,
  mailbox: string,
  sources: ReadonlyMap<string, ImportSource>,
): Promise<CandidateScan['duplicates']> {
  const rows = await newRows(db, mailbox, sources);
  const existing = await activitiesByMailKey(db, [...new Set(rows.map(mailKey))]);
  return rows.flatMap((row) => {
    const activityId = existing.get(mailKey(row));
    return activityId === undefined ? [] : [{ row, activityId }];
  });
}
