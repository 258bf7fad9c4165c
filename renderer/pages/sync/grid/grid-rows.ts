/**
 * What the grid sorts and filters on, per row and column: the text a cell shows (so a filter finds what the
 * user reads, key included, and "missing" finds the red cells) and a sort key (dates by time, attachments by
 * number, empty cells last). Built from the candidates with the edits as they were when the user last sorted
 * or filtered, so a row does not jump away while it is being edited. Pure.
 */
import type { MailCandidate, MandatoryField } from '../../../../shared/sync/mail-import-types';
import { missingFields, type Edits } from '../selection-rules';
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

export interface GridRow {
  candidate: MailCandidate;
  texts: Record<DataColumnId, string>;
  sortKeys: Record<DataColumnId, string | number | undefined>;
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

type Described = { text: string; sortKey: string | number | undefined };

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

export function gridRows(candidates: readonly MailCandidate[], edits: Edits, partnerOf: (contactPerson: string) => string | null, words: RowWords): GridRow[] {
  return candidates.map((candidate) => {
    const edit = edits[candidate.messageId];
    const described = describeRow(candidate, rowValues(candidate, edit, partnerOf), missingFields(candidate, edit), words);
    const texts = {} as Record<DataColumnId, string>;
    const sortKeys = {} as Record<DataColumnId, string | number | undefined>;
    for (const column of DATA_COLUMNS) {
      texts[column] = described[column].text;
      sortKeys[column] = described[column].sortKey;
    }
    return { candidate, texts, sortKeys };
  });
}
