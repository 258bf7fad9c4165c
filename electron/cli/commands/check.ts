/**
 * `crm-companion check --db PATH --graph-url URL --token T [--ca FILE] [--json]`: *Check groupware connection* —
 * each check on a line of its own with what to do, or with `--json` one line `{"checks":[…],"checkedAt":…}`.
 * A connection that fails is the check's answer, not bad input: exit code 0 when nothing failed (warnings
 * included), 1 when a check failed, 2 on bad input (options, the database, the certificate file).
 */
import type { Command } from 'commander';
import type { ConnectionCheck, ConnectionCheckReport } from '../../../shared/sync/connection-check-types';
import { checkGroupwareConnection } from '../../service/connection-check';
import { cliLanguage } from '../cli-language';
import { ExitCode } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { openExistingStore } from '../open-existing-store';
import { checkGraphUrl, readCaFile } from '../sync-options';

interface CheckOptions {
  db: string;
  graphUrl: string;
  token: string;
  ca?: string;
  json?: boolean;
}

export function registerCheck(program: Command, context: CommandContext): void {
  program
    .command('check')
    .description('check the groupware connection: sign-in, mailbox, import folders, archive folder, calendar, To Do list, permissions')
    .requiredOption('--db <path>', 'CRM store (SQLite file) holding the CRM data')
    .requiredOption('--graph-url <url>', 'Microsoft Graph server root, e.g. https://graph.microsoft.com (the client adds /v1.0)')
    .requiredOption('--token <token>', 'bearer token for Microsoft Graph')
    .option('--ca <file>', 'extra CA certificate to trust (PEM), e.g. the sandbox\'s')
    .option('--json', 'print one line of JSON: the checks')
    .action(async (options: CheckOptions) => {
      const url = checkGraphUrl(options.graphUrl);
      const caPem = options.ca === undefined ? undefined : await readCaFile(options.ca);
      const store = await openExistingStore(options.db);
      try {
        const report = await checkGroupwareConnection(store, { url, token: options.token, ...(caPem !== undefined ? { caPem } : {}) }, { lang: cliLanguage() });
        context.io.stdout(options.json === true ? `${JSON.stringify(report)}\n` : reportAsText(report));
        if (report.checks.some((check) => check.status === 'failed')) context.exitWith(ExitCode.Failed);
      } finally {
        await store.close();
      }
    });
}

const MARKS: Readonly<Record<ConnectionCheck['status'], string>> = { passed: '✓', warning: '!', failed: '✗', skipped: '-' };

/** `✓ Sign-in: …`, the fix indented below. */
function reportAsText(report: ConnectionCheckReport): string {
  const lines = report.checks.flatMap((check) => [`${MARKS[check.status]} ${check.title}: ${check.message}`, ...(check.fix === undefined ? [] : [`    → ${check.fix}`])]);
  return `${lines.join('\n')}\n`;
}
