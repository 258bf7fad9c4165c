/**
 * `crm-companion sync --db PATH --graph-url URL --token T [--ca FILE] [--areas …] [--employee KEY] [--json]`:
 * one automatic synchronization with default settings (DESIGN §5). Mails are imported; mails with an empty
 * mandatory field stay pending. Exit code 0, 1 when the run reported errors, 2 on bad input.
 */
import type { Command } from 'commander';
import type { SyncSummary } from '../../../shared/sync/mail-import-types';
import type { OpenMailImportSession } from '../../service/mail-import-session';
import { defaultMailImportSessions } from '../../service/open-mail-import';
import { connectTwoWay, includesMails, includesTwoWay } from '../../service/two-way-sync';
import { cliLanguage } from '../cli-language';
import { ExitCode } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { openExistingStore } from '../open-existing-store';
import { progressDisplay } from '../progress-bar';
import { checkGraphUrl, parseAreas, readCaFile } from '../sync-options';
import { cliSummary, summaryAsJsonLine, summaryAsText } from '../sync-summary-text';

interface SyncOptions {
  db: string;
  graphUrl: string;
  token: string;
  ca?: string;
  areas: string;
  employee?: string;
  webUrl?: string;
  json?: boolean;
}

export function registerSync(program: Command, context: CommandContext, openSession: OpenMailImportSession = defaultMailImportSessions()): void {
  program
    .command('sync')
    .description('run one automatic synchronization with the default settings: import the mails filed in Outlook')
    .requiredOption('--db <path>', 'CRM store (SQLite file) holding the CRM data')
    .requiredOption('--graph-url <url>', 'Microsoft Graph server root, e.g. https://graph.microsoft.com (the client adds /v1.0)')
    .requiredOption('--token <token>', 'bearer token for Microsoft Graph')
    .option('--ca <file>', 'extra CA certificate to trust (PEM), e.g. the sandbox\'s')
    .option('--areas <list>', 'what to synchronize: mails, appointments, tasks (comma-separated)', 'mails')
    .option('--employee <key>', 'the signed-in employee (default: the employee whose e-mail is the mailbox\'s)')
    .option('--web-url <url>', 'the Web Client\'s base URL: Outlook items link to <url>/activities/<id> (default: crm-companion://activities/<id>)')
    .option('--json', 'end with one line of JSON: the run\'s summary')
    .action(async (options: SyncOptions) => {
      const areas = parseAreas(options.areas);
      const url = checkGraphUrl(options.graphUrl);
      const caPem = options.ca === undefined ? undefined : await readCaFile(options.ca);
      const lang = cliLanguage();
      const store = await openExistingStore(options.db);
      try {
        const session = await openSession(
          store,
          { url, token: options.token, ...(caPem !== undefined ? { caPem } : {}) },
          { lang, ...(options.employee !== undefined ? { employee: options.employee } : {}) },
        );
        const progress = progressDisplay({ enabled: context.io.stdoutIsTerminal === true && options.json !== true, label: 'Importing mails' });
        let run: SyncSummary | null;
        try {
          run = includesMails(areas) ? await session.runner.runAutomatic(progress.onProgress ? { onProgress: progress.onProgress } : {}) : null;
        } finally {
          progress.stop();
          await session.close?.();
        }
        const summary = cliSummary(run, []);
        if (includesTwoWay(areas)) {
          const connection = await connectTwoWay(
            store,
            { url, token: options.token, ...(caPem !== undefined ? { caPem } : {}) },
            { employee: session.employeeKey, lang, webClientBaseUrl: options.webUrl ?? null },
          );
          const twoWay = await connection.run(areas).finally(() => connection.close());
          summary.imported += twoWay.imported;
          summary.pushed += twoWay.pushed;
          summary.conflicts += twoWay.conflicts;
          summary.warnings.push(...twoWay.warnings);
          summary.errors.push(...twoWay.errors);
        }
        context.io.stdout(options.json === true ? summaryAsJsonLine(summary) : summaryAsText(summary, session));
        if (summary.errors.length > 0) context.exitWith(ExitCode.Failed);
      } finally {
        await store.close();
      }
    });
}
