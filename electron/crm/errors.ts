/**
 * Errors of the CRM store and the CRM data import. Callers branch on `code` (never on the message text); the
 * message is one sentence for people. Front ends map the codes: the CLI to exit codes, the host to error data.
 */

export type CrmErrorCode =
  /** The database's directory is missing (the store does not create directories). */
  | 'STORE_DIRECTORY_MISSING'
  /** The database path names a directory. */
  | 'STORE_PATH_IS_DIRECTORY'
  /** The file exists but is not an SQLite database. */
  | 'STORE_NOT_A_DATABASE'
  /** SQLite could not open the file (permissions, locks, …). */
  | 'STORE_CANNOT_OPEN'
  /** The database was migrated by a newer version of the app. */
  | 'STORE_TOO_NEW'
  | 'STORE_MIGRATION_FAILED'
  /** The CRM data file breaks a rule; nothing was written. */
  | 'CRM_DATA_REJECTED'
  /** An activity change breaks a rule (unknown key, impossible dates, a choice not open to it); nothing was written. */
  | 'ACTIVITY_INVALID'
  | 'ACTIVITY_NOT_FOUND'
  | 'CONFLICT_NOT_FOUND'
  /** A document is larger than the activities window hands over. */
  | 'DOCUMENT_TOO_LARGE';

/** Codes that mean "the caller gave something wrong", as opposed to "the operation failed". */
export const BAD_INPUT_CODES: ReadonlySet<CrmErrorCode> = new Set<CrmErrorCode>([
  'STORE_DIRECTORY_MISSING',
  'STORE_PATH_IS_DIRECTORY',
  'STORE_NOT_A_DATABASE',
  'CRM_DATA_REJECTED',
  'ACTIVITY_INVALID',
  'ACTIVITY_NOT_FOUND',
  'CONFLICT_NOT_FOUND',
]);

export class CrmError extends Error {
  override readonly name: string = 'CrmError';

  constructor(
    readonly code: CrmErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class CrmDataRejectedError extends CrmError {
  override readonly name = 'CrmDataRejectedError';

  /** Every problem found, each naming the entry and the rule; the message quotes the first. */
  constructor(readonly problems: readonly string[]) {
    const [first = 'the data is not valid'] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super('CRM_DATA_REJECTED', `${first}${more}`);
  }
}
