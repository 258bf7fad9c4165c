/**
 * The `crm-companion` command line: builds the commander program from the command modules and runs it,
 * turning every outcome into an exit code (see cli-errors.ts). Add a command as a module under commands/
 * and one `register…` line below.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { z } from 'zod';
import { ExitCode, reportFailure } from './cli-errors';
import type { CommandContext } from './command-context';
import { registerAccount } from './commands/account';
import { registerActivities } from './commands/activities';
import { registerActivity } from './commands/activity';
import { registerCheck } from './commands/check';
import { registerCrmImport } from './commands/crm-import';
import { registerSignIn } from './commands/sign-in';
import { registerSync } from './commands/sync';
import type { CliIo } from './io';

export interface RunCliOptions {
  /** Print stack traces of unexpected failures as well (env CRM_COMPANION_DEBUG). */
  debug?: boolean;
}

export async function runCli(args: readonly string[], io: CliIo, options: RunCliOptions = {}): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.Ok;
  const context: CommandContext = {
    io,
    exitWith: (code) => {
      exitCode = code;
    },
  };
  const program = buildProgram(context);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, io, options.debug ?? false);
  }
}

function buildProgram(context: CommandContext): Command {
  const program = new Command('crm-companion')
    .description('Keeps CRM activities and Microsoft Outlook in step.')
    .version(packageVersion())
    // Throw instead of exiting, so every outcome goes through one exit-code mapping; subcommands inherit both.
    .exitOverride()
    .configureOutput({ writeOut: (text) => context.io.stdout(text), writeErr: (text) => context.io.stderr(text) });

  const crm = program.command('crm').description('CRM master data');
  registerCrmImport(crm, context);
  registerSync(program, context);
  registerActivities(program, context);
  registerActivity(program, context);
  registerCheck(program, context);
  registerSignIn(program, context);
  registerAccount(program, context);

  return program;
}

/** Read at run time: package.json is outside the electron/ layer, so it is data here, not an import. */
function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return z.object({ version: z.string() }).parse(JSON.parse(text)).version;
}
