/**
 * The sign-in options shared by `signin` and `sync` (tenant, client id, authority are settings: DESIGN §5),
 * turned into a MicrosoftSignIn. Wrong settings are bad input (exit code 2) with one sentence.
 */
import type { Command } from 'commander';
import { CompanionError } from '../../shared/ipc/contract-kit';
import { AuthErrorCode, MicrosoftSignIn, type MicrosoftSignInOptions } from '../auth';
import { CliInputError } from './cli-errors';
import { readCaFile } from './sync-options';

export interface SignInCliOptions {
  dataDir?: string;
  authority?: string;
  clientId?: string;
  tenant?: string;
  loginHint?: string;
  ca?: string;
}

/** Adds the options; `signin` requires them, `sync` takes them as the alternative to --token. */
export function withSignInOptions(command: Command, required: boolean): Command {
  const add = (flags: string, description: string) => (required ? command.requiredOption(flags, description) : command.option(flags, description));
  add('--data-dir <dir>', 'where the sign-in is kept (encrypted token cache, Groupware password blocked)');
  add('--authority <url>', 'the identity provider, e.g. https://login.microsoftonline.com/<tenant>');
  add('--client-id <id>', 'the app registration\'s Application (client) ID');
  return command
    .option('--tenant <tenant>', 'tenant id or domain, when the authority names none')
    .option('--login-hint <name>', 'the groupware user name, offered on the sign-in page');
}

export function hasSignInOptions(options: SignInCliOptions): boolean {
  return options.dataDir !== undefined || options.authority !== undefined || options.clientId !== undefined;
}

export async function openSignIn(options: SignInCliOptions, extra: Partial<MicrosoftSignInOptions> = {}): Promise<MicrosoftSignIn> {
  const { dataDir, authority, clientId } = options;
  if (dataDir === undefined || authority === undefined || clientId === undefined) {
    throw new CliInputError('Signing in needs all of --data-dir, --authority and --client-id');
  }
  const caPem = options.ca === undefined ? undefined : await readCaFile(options.ca);
  try {
    return new MicrosoftSignIn({
      dataDir,
      settings: {
        authority, clientId,
        ...(options.tenant !== undefined ? { tenant: options.tenant } : {}),
        ...(options.loginHint !== undefined ? { loginHint: options.loginHint } : {}),
        ...(caPem !== undefined ? { caPem } : {}),
      },
      ...extra,
    });
  } catch (error) {
    if (error instanceof CompanionError && error.code === AuthErrorCode.BadSettings) throw new CliInputError(error.message, { cause: error });
    throw error;
  }
}
