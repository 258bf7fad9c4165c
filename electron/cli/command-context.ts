/**
 * What a command module gets from the program: where to write, and how to end with an exit code other than 0
 * without throwing (a sync that reported errors). Failures are thrown; the program turns them into exit codes
 * and one sentence on stderr (cli-errors.ts), the same way for every command.
 */
import type { ExitCode } from './cli-errors';
import type { CliIo } from './io';

export interface CommandContext {
  readonly io: CliIo;
  /** Sets the exit code of a run that completed (default 0). */
  exitWith(code: ExitCode): void;
}
