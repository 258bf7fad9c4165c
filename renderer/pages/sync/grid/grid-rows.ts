/**
 * What the grid sorts and filters on, per row and column: the text a cell shows (so a filter finds what the
 * user reads, key included, and "missing" finds the red cells) and a sort key (dates by time, attachments by
 * number, empty cells last). Built from the candidates with the edits as they were when the user last sorted
 * or filtered, so a row does not jump away while it is being edited. Pure (a row's description is worked out
 * once, on first use, and kept on the row).
 */
import type { MailCandidate, MandatoryField } from '../../../../shared/sync/mail-import-types';
import { missingFields, type CandidateEdit, type Edits } from '../selection-rules';
import type { PickKind } from './pick-lists';
import { rowValues, type RowValues } from './row-values';

export const DATA_COLUMNS = [
  'type',
  'status',
  'subject',
  'sender',
  'contactPerson',
  'businessPartner',
  'project',
  'inquiry',
  'employee',
  'date',
  'attachments',
] as const;
export type DataColumnId = (typeof DATA_COLUMNS)[number];

/**
 * One row of the table's data: the candidate and the edit it is sorted and filtered with. Its texts and sort
 * keys are worked out when a sort or filter first asks for them (most never are: 5,000 rows must appear at
 * once), then kept.
 */
export interface GridRow {
  candidate: MailCandidate;
  edit: CandidateEdit | undefined;
  context: RowContext;
  described: Record<DataColumnId, Described> | null;
}

export interface RowContext {
  partnerOf: (contactPerson: string) => string | null;
  words: RowWords;
}

/** The words the rows are described in (the UI language's). */
export interface RowWords {
  text: (kind: PickKind, key: string) => string | null;
  typeText: (key: string) => string;
  statusText: (key: string) => string;
  date: (iso: string) => string;
  /** What a red cell says ("missing"). */
  missing: string;
  noSender: string;
}

export type Described = { text: string; sortKey: string | number | undefined };

const EMPTY: Described = { text: '', sortKey: undefined };

/** A link to a CRM record: its name and key (both findable), sorted by name. */
function keyed(words: RowWords, kind: PickKind, key: string | null, fallbackName: string | null): Described {
  if (key === null) return EMPTY;
  const name = words.text(kind, key) ?? fallbackName ?? key;
  return { text: name === key ? key : `${name} ${key}`, sortKey: name };
}

function mandatory(words: RowWords, missing: readonly MandatoryField[], field: MandatoryField, described: Described): Described {
  return missing.includes(field) ? { text: words.missing, sortKey: undefined } : described;
}

export function describeRow(candidate: MailCandidate, values: RowValues, missing: readonly MandatoryField[], words: RowWords): Record<DataColumnId, Described> {
  const sender = candidate.from === null ? { text: words.noSender, sortKey: undefined } : { text: `${candidate.from.name} ${candidate.from.address}`.trim(), sortKey: candidate.from.name || candidate.from.address };
  const type = values.type === null ? EMPTY : { text: words.typeText(values.type), sortKey: words.typeText(values.type) };
  const status = values.status === null ? EMPTY : { text: words.statusText(values.status), sortKey: words.statusText(values.status) };
  const subject = values.subject.trim() === '' ? EMPTY : { text: values.subject, sortKey: values.subject };
  const date = words.date(candidate.receivedAt);
  const time = Date.parse(candidate.receivedAt);
  return {
    type: mandatory(words, missing, 'type', type),
    status: mandatory(words, missing, 'status', status),
    subject: mandatory(words, missing, 'subject', subject),
    sender,
    contactPerson: keyed(words, 'contactPerson', values.contactPerson, values.contactPerson === candidate.contactPerson ? candidate.contactPersonName : null),
    businessPartner: keyed(words, 'businessPartner', values.businessPartner, values.businessPartner === candidate.businessPartner ? candidate.businessPartnerName : null),
    project: keyed(words, 'project', values.project, null),
    inquiry: keyed(words, 'inquiry', values.inquiry, null),
    employee: mandatory(words, missing, 'employee', keyed(words, 'employee', values.employee, values.employee === candidate.employee ? candidate.employeeName : null)),
    date: mandatory(words, missing, 'date', { text: date, sortKey: Number.isNaN(time) ? undefined : time }),
    attachments: { text: String(candidate.attachmentCount), sortKey: candidate.attachmentCount },
  };
}

export function gridRows(candidates: readonly MailCandidate[], edits: Edits, context: RowContext): GridRow[] {
  return candidates.map((candidate) => ({ candidate, edit: edits[candidate.messageId], context, described: null }));
}

function describedOf(row: GridRow): Record<DataColumnId, Described> {
  if (row.described === null) {
    const { candidate, edit, context } = row;
    row.described = describeRow(candidate, rowValues(candidate, edit, context.partnerOf), missingFields(candidate, edit), context.words);
  }
  return row.described;
}

/** What the cell shows, as one string a filter can search (names with their keys, "missing" for a red cell). */
export function cellText(row: GridRow, column: DataColumnId): string {
  return describedOf(row)[column].text;
}

/** What the column sorts by; undefined for an empty cell (sorted last). */
export function sortKey(row: GridRow, column: DataColumnId): string | number | undefined {
  return describedOf(row)[column].sortKey;
}
