/**
 * `crm-companion sync --db PATH --graph-url URL --token T [--ca FILE] [--areas …] [--employee KEY] [--json]`:
 * one automatic synchronization with default settings (DESIGN §5). Mails are imported; mails with an empty
 * mandatory field stay pending. Exit code 0, 1 when the run reported errors, 2 on bad input.
 * Instead of `--token`: `--data-dir DIR --authority URL --client-id ID`, the token from the sign-in kept there
 * (`crm-companion signin`), refreshed silently; Groupware password blocked → exit 1 with the sentence, no request.
 */
import type { Command } from 'commander';
import type { SyncSummary } from '../../../shared/sync/mail-import-types';
import type { OpenMailImportSession } from '../../service/mail-import-session';
import { defaultMailImportSessions } from '../../service/open-mail-import';
import { connectTwoWay, includesMails, includesTwoWay } from '../../service/two-way-sync';
import { cliLanguage } from '../cli-language';
import type { MicrosoftSignIn } from '../../auth';
import { withOneRefresh } from '../../auth';
import { CliInputError, ExitCode } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { openExistingStore } from '../open-existing-store';
import { progressDisplay } from '../progress-bar';
import { hasSignInOptions, openSignIn, withSignInOptions, type SignInCliOptions } from '../sign-in-options';
import { checkGraphUrl, parseAreas, readCaFile } from '../sync-options';
import { cliSummary, summaryAsJsonLine, summaryAsText } from '../sync-summary-text';

interface SyncOptions extends SignInCliOptions {
  db: string;
  graphUrl: string;
  token?: string;
  ca?: string;
  areas: string;
  employee?: string;
  webUrl?: string;
  json?: boolean;
}

export function registerSync(program: Command, context: CommandContext, openSession: OpenMailImportSession = defaultMailImportSessions()): void {
  const command = program
    .command('sync')
    .description('run one automatic synchronization with the default settings: import the mails filed in Outlook')
    .requiredOption('--db <path>', 'CRM store (SQLite file) holding the CRM data')
    .requiredOption('--graph-url <url>', 'Microsoft Graph server root, e.g. https://graph.microsoft.com (the client adds /v1.0)')
    .option('--token <token>', 'bearer token for Microsoft Graph (or sign in: --data-dir, --authority, --client-id)')
    .option('--ca <file>', 'extra CA certificate to trust (PEM), e.g. the sandbox\'s')
    .option('--areas <list>', 'what to synchronize: mails, appointments, tasks (comma-separated)', 'mails')
    .option('--employee <key>', 'the signed-in employee (default: the employee whose e-mail is the mailbox\'s)')
    .option('--web-url <url>', 'the Web Client\'s base URL: Outlook items link to <url>/activities/<id> (default: crm-companion://activities/<id>)')
    .option('--json', 'end with one line of JSON: the run\'s summary');
  withSignInOptions(command, false).action(async (options: SyncOptions) => {
      const areas = parseAreas(options.areas);
      const url = checkGraphUrl(options.graphUrl);
      const caPem = options.ca === undefined ? undefined : await readCaFile(options.ca);
      const signIn = await tokenSource(options);
      const lang = cliLanguage();
      const store = await openExistingStore(options.db);
      try {
        const open = (token: string) => openSession(
          store,
          { url, token, ...(caPem !== undefined ? { caPem } : {}) },
          { lang, ...(options.employee !== undefined ? { employee: options.employee } : {}) },
        );
        // With a sign-in: a token Graph refuses is refreshed once; refused again, the sign-in is blocked.
        let token = options.token ?? '';
        const session = signIn === undefined ? await open(token) : await withOneRefresh(signIn, (t) => { token = t; return open(t); });
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
            { url, token, ...(caPem !== undefined ? { caPem } : {}) },
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
        await signIn?.close();
      }
    });
}

/** Either --token or the sign-in options, never both, never neither. */
async function tokenSource(options: SyncOptions): Promise<MicrosoftSignIn | undefined> {
  const signedIn = hasSignInOptions(options);
  if (options.token !== undefined && signedIn) throw new CliInputError('Give either --token or the sign-in (--data-dir, --authority, --client-id), not both');
  if (options.token !== undefined) return undefined;
  if (!signedIn) throw new CliInputError('No credentials: give --token T, or --data-dir DIR --authority URL --client-id ID after crm-companion signin');
  return openSignIn(options);
}
