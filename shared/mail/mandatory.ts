/**
 * DESIGN §3 "Mandatory fields" of an imported mail: type, status, subject, responsible employee and date, and
 * the defaults the import fills in. A field that stays empty is shown red in the wizard and blocks *Next*; the
 * automatic sync keeps that mail pending.
 */
import { ActivityTypeKey, StatusKey } from '../crm/built-ins';
import { MandatoryField } from '../sync/mail-import-types';

export type MandatoryValues = Record<MandatoryField, string | null>;

/** The empty mandatory fields, in the order the wizard shows them (type, status, subject, employee, date).
 * Blank counts as empty: a subject of only spaces says nothing, and a key of spaces names nothing. */
export function missingMandatoryFields(values: MandatoryValues): MandatoryField[] {
  return MandatoryField.options.filter((field) => trimmedOrNull(values[field]) === null);
}

export interface CandidateDefaults {
  type: typeof ActivityTypeKey.MailIn;
  status: string;
  subject: string | null;
  employee: string;
  date: string | null;
}

/**
 * What an imported mail gets unless the user changes it: type MAILIN; the status its folder names, else I
 * ("imported"); its subject without surrounding spaces (none → null: only the user can fill it in); the
 * signed-in employee as responsible; the received date as date.
 */
export function defaultCandidateValues(input: {
  folderStatus: string | null;
  subject: string | null | undefined;
  receivedAt: string | null | undefined;
  signedInEmployee: string;
}): CandidateDefaults {
  return {
    type: ActivityTypeKey.MailIn,
    status: trimmedOrNull(input.folderStatus) ?? StatusKey.Imported,
    subject: trimmedOrNull(input.subject),
    employee: input.signedInEmployee,
    date: trimmedOrNull(input.receivedAt),
  };
}

function trimmedOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * The business partner an activity gets after the user's edits in the wizard (the import and the grid apply
 * the same rule): a picked partner wins; picking a contact person brings that person's partner along — an
 * activity "with" someone of company A must not be filed under company B by default; clearing the contact
 * person says nothing about the company, so the matched partner stays.
 */
export function partnerAfterEdits(input: {
  /** undefined: not edited; null: cleared. */
  pickedPartner: string | null | undefined;
  pickedContact: string | null | undefined;
  partnerOfPickedContact: string | null;
  matchedPartner: string | null;
}): string | null {
  if (input.pickedPartner !== undefined) return input.pickedPartner;
  if (input.pickedContact != null) return input.partnerOfPickedContact;
  return input.matchedPartner;
}
