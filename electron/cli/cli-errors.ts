/**
 * How every command ends: exit code 0 on success, 1 when the operation failed, 2 when the input was bad
 * (missing file, broken JSON, rejected data, a database path that cannot be right). Failures print one
 * sentence on stderr and no stack trace (set CRM_COMPANION_DEBUG=1 to get the stack as well).
 */
import { CommanderError } from 'commander';
import { CompanionError } from '../../shared/ipc/contract-kit';
import { BAD_INPUT_CODES, CrmError } from '../crm/errors';
import type { CliIo } from './io';

export const ExitCode = { Ok: 0, Failed: 1, BadInput: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad input the CLI itself detects (a file it cannot read, JSON it cannot parse, rejected data). */
export class CliInputError extends Error {
  override readonly name = 'CliInputError';
}

/**
 * Engine and provider codes that mean "what you gave cannot work": an address that is no server or where none
 * answers, a certificate file that cannot be read, a token the server refuses, a mailbox or employee key that
 * matches no employee (or several).
 */
const BAD_INPUT_COMPANION_CODES: ReadonlySet<string> = new Set([
  'GROUPWARE_URL_INVALID',
  'GROUPWARE_UNREACHABLE',
  'GROUPWARE_CA_UNREADABLE',
  'GROUPWARE_AUTH',
  'GROUPWARE_NOT_CONFIGURED',
  'EMPLOYEE_NOT_FOUND',
  'EMPLOYEE_AMBIGUOUS',
  'SIGN_IN_SETTINGS_INVALID',
  'GROUPWARE_NOT_SIGNED_IN',
]);

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
  if (error instanceof CliInputError) return ExitCode.BadInput;
  if (error instanceof CrmError) return BAD_INPUT_CODES.has(error.code) ? ExitCode.BadInput : ExitCode.Failed;
  if (error instanceof CompanionError) return BAD_INPUT_COMPANION_CODES.has(error.code) ? ExitCode.BadInput : ExitCode.Failed;
  return ExitCode.Failed;
}

/** Reports `error` on stderr and returns the exit code it stands for. */
export function reportFailure(error: unknown, io: CliIo, debug: boolean): ExitCode {
  // Commander has already printed its own one-line message (or the help / version text).
  if (error instanceof CommanderError) return exitCodeFor(error);
  const known = error instanceof CliInputError || error instanceof CrmError || error instanceof CompanionError;
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`error: ${asSentence(known ? message : `unexpected failure: ${message}`)}\n`);
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
  return exitCodeFor(error);
}

function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
