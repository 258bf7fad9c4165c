/**
 * How every command ends: exit code 0 on success, 1 when the operation failed, 2 when the input was bad
 * (missing file, broken JSON, rejected data, a database path that cannot be right). Failures print one
 * sentence on stderr and no stack trace (set CRM_COMPANION_DEBUG=1 to get the stack as well).
 */
import { CommanderError } from 'commander';
import { BAD_INPUT_CODES, CrmError } from '../crm/errors';
import type { CliIo } from './io';

export const ExitCode = { Ok: 0, Failed: 1, BadInput: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad input the CLI itself detects (a file it cannot read, JSON it cannot parse, rejected data). */
export class CliInputError extends Error {
  override readonly name = 'CliInputError';
}

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
  if (error instanceof CliInputError) return ExitCode.BadInput;
  if (error instanceof CrmError) return BAD_INPUT_CODES.has(error.code) ? ExitCode.BadInput : ExitCode.Failed;
  return ExitCode.Failed;
}

/** Reports `error` on stderr and returns the exit code it stands for. */
export function reportFailure(error: unknown, io: CliIo, debug: boolean): ExitCode {
  // Commander has already printed its own one-line message (or the help / version text).
  if (error instanceof CommanderError) return exitCodeFor(error);
  const known = error instanceof CliInputError || error instanceof CrmError;
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`error: ${asSentence(known ? message : `unexpected failure: ${message}`)}\n`);
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
  return exitCodeFor(error);
}

function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
