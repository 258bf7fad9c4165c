/**
 * `crm-companion account --data-dir DIR [--json]`: who is signed in here and whether *Groupware password
 * blocked* is set (with its reason and time). Reads the local files only; no request goes out.
 */
import type { Command } from 'commander';
import { fileKeyProtector } from '../../auth';
import { localSignIn } from '../../auth/local-sign-in';
import type { CommandContext } from '../command-context';

export function registerAccount(program: Command, context: CommandContext): void {
  program
    .command('account')
    .description('show the signed-in Microsoft 365 account and the Groupware password blocked flag')
    .requiredOption('--data-dir <dir>', 'where the sign-in is kept')
    .option('--json', 'one line of JSON: {"account":{userName,name,tenantId}|null,"blocked":{reason,at}|null}')
    .action(async (options: { dataDir: string; json?: boolean }) => {
      const { account, blocked } = await localSignIn(options.dataDir, fileKeyProtector(options.dataDir));
      if (options.json === true) {
        context.io.stdout(`${JSON.stringify({ account, blocked })}\n`);
        return;
      }
      context.io.stdout(account === null ? 'Not signed in.\n' : `Signed in as ${account.userName}${account.name === undefined ? '' : ` (${account.name})`}, tenant ${account.tenantId}.\n`);
      if (blocked !== null) context.io.stdout(`Groupware password blocked since ${blocked.at}: ${blocked.reason}. Sign in again to clear it (crm-companion signin).\n`);
    });
}
