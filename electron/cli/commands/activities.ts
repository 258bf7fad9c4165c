/**
 * `crm-companion activities --db PATH [--quicksearch NAME] [--employee KEY] [--run ID] [--json]`: the activities
 * as DESIGN §5 describes them, newest first. "Imported mails" are the signed-in employee's: `--employee`, or
 * else the employee the latest import was for (the CLI has no sign-in of its own to ask).
 */
import type { Command } from 'commander';
import type { ActivityRow } from '../../../shared/crm/activity-row';
import { QuicksearchName } from '../../../shared/crm/quicksearch';
import { listActivities } from '../../crm/activities';
import type { CrmStore } from '../../crm/store';
import { CliInputError } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { openExistingStore } from '../open-existing-store';

interface ActivitiesOptions {
  db: string;
  quicksearch?: string;
  employee?: string;
  run?: string;
  json?: boolean;
}

export function registerActivities(program: Command, context: CommandContext): void {
  program
    .command('activities')
    .description('list activities, newest first: all, by quicksearch, or those one sync run created')
    .requiredOption('--db <path>', 'CRM store (SQLite file)')
    .option('--quicksearch <name>', `one of ${QuicksearchName.options.join(', ')}`)
    .option('--employee <key>', 'whose "imported-mails" (default: the employee of the latest import)')
    .option('--run <id>', 'only the activities of this sync run (its runId)')
    .option('--json', 'print a JSON array')
    .action(async (options: ActivitiesOptions) => {
      const quicksearch = parseQuicksearch(options.quicksearch);
      const store = await openExistingStore(options.db);
      try {
        if (options.employee !== undefined) await checkEmployee(store, options.employee);
        const employeeKey = quicksearch === 'imported-mails' ? (options.employee ?? (await latestImportEmployee(store))) : undefined;
        // Nobody has imported anything yet, so nobody has imported mails.
        const rows =
          quicksearch === 'imported-mails' && employeeKey === undefined
            ? []
            : await listActivities(store, {
                ...(quicksearch !== undefined ? { quicksearch } : {}),
                ...(employeeKey !== undefined ? { employeeKey } : {}),
                ...(options.run !== undefined ? { runId: options.run } : {}),
              });
        context.io.stdout(options.json === true ? `${JSON.stringify(rows)}\n` : describeRows(rows));
      } finally {
        await store.close();
      }
    });
}

function parseQuicksearch(text: string | undefined): QuicksearchName | undefined {
  if (text === undefined) return undefined;
  const parsed = QuicksearchName.safeParse(text);
  if (!parsed.success) throw new CliInputError(`Unknown quicksearch "${text}": use one of ${QuicksearchName.options.join(', ')}`);
  return parsed.data;
}

async function checkEmployee(store: CrmStore, key: string): Promise<void> {
  const found = await store.db.selectFrom('employees').select('key').where('key', '=', key).executeTakeFirst();
  if (found === undefined) throw new CliInputError(`There is no employee with the key "${key}" in ${store.path}`);
}

async function latestImportEmployee(store: CrmStore): Promise<string | undefined> {
  const latest = await store.db
    .selectFrom('activities')
    .select('responsible_employee_key')
    .where('imported_at', 'is not', null)
    .orderBy('imported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest?.responsible_employee_key;
}

function describeRows(rows: ActivityRow[]): string {
  if (rows.length === 0) return 'No activities.\n';
  const lines = rows.map((row) => {
    const who = [row.contactPerson, row.businessPartner].filter((key) => key !== null).join(' / ') || 'not assigned';
    return `${row.date}  ${row.type.padEnd(11)} ${row.status.padEnd(2)} ${row.subject || '(no subject)'}  [${who}]`;
  });
  return `${lines.join('\n')}\n`;
}
