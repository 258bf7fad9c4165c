/**
 * Changing the CRM as a user would (DESIGN §5, issue 5): `activity create | update | delete | sync-as |
 * delete-groupware-entry`, `conflicts`, `conflict resolve`. With a groupware given (`--graph-url --token`) the
 * change is pushed at once by a two-way sync of its area; without one it waits for the next `sync`. `--json`
 * prints the activity as `activities` does. Exit 0; 1 when the push reported errors (the change is saved and
 * goes out with the next sync); 2 on bad input.
 */
import type { Command } from 'commander';
import type { ActivityRow } from '../../../shared/crm/activity-row';
import type { Problem, SyncArea } from '../../../shared/sync/mail-import-types';
import type { Side } from '../../../shared/sync/plan';
import {
  counterpartOf,
  createActivity,
  deleteActivity,
  deleteGroupwareEntry,
  findActivity,
  openConflicts,
  resolveConflict,
  sendAs,
  updateActivity,
  type ActivityInput,
  type Counterpart,
} from '../../crm/activity-edits';
import { listActivities } from '../../crm/activities';
import type { CrmStore } from '../../crm/store';
import { connectTwoWay } from '../../service/two-way-sync';
import { cliLanguage } from '../cli-language';
import { CliInputError, ExitCode } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { openExistingStore } from '../open-existing-store';
import { checkGraphUrl, readCaFile } from '../sync-options';

interface GroupwareOptions {
  db: string;
  graphUrl?: string;
  token?: string;
  ca?: string;
  webUrl?: string;
  employee?: string;
  json?: boolean;
}

interface FieldOptions {
  type?: string;
  subject?: string;
  status?: string;
  start?: string;
  end?: string;
  due?: string;
  allDay?: boolean;
  reminder?: string;
  contact?: string;
  location?: string;
  rule?: string;
}

function withGroupware(command: Command): Command {
  return command
    .requiredOption('--db <path>', 'CRM store (SQLite file)')
    .option('--graph-url <url>', 'Microsoft Graph server root: push the change at once (needs --token)')
    .option('--token <token>', 'bearer token for Microsoft Graph')
    .option('--ca <file>', 'extra CA certificate to trust (PEM), e.g. the sandbox\'s')
    .option('--web-url <url>', 'the Web Client\'s base URL for the link back in Outlook items')
    .option('--json', 'print the activity as JSON');
}

function withFields(command: Command): Command {
  return command
    .option('--subject <text>', 'subject')
    .option('--start <iso>', 'start (ISO 8601 with offset; a date for all-day)')
    .option('--end <iso>', 'end (ISO 8601 with offset; for all-day the day after the last day)')
    .option('--due <iso>', 'due date (tasks)')
    .option('--reminder <iso>', 'reminder (ISO 8601 with offset)')
    .option('--contact <key>', 'the contact person ("Activity with")')
    .option('--location <text>', 'location')
    .option('--rule <rrule>', 'recurring series: RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO');
}

export function registerActivity(program: Command, context: CommandContext): void {
  const activity = program.command('activity').description('create, change or delete an activity as a user of the CRM would');

  withFields(withGroupware(activity.command('create').description('create an activity (appointments, meetings, tasks and follow-ups go to Outlook)')))
    .requiredOption('--type <key>', 'activity type, e.g. APPOINTMENT, MEETING, TASK, FOLLOWUP, PHONE')
    .option('--status <key>', 'status key (default O)')
    .option('--all-day', 'an all-day activity')
    .option('--employee <key>', 'responsible employee (default: the one matched by the groupware\'s mailbox)')
    .action(async (options: GroupwareOptions & FieldOptions) =>
      withStore(options, async (store) => {
        const groupware = await groupwareOf(options);
        if (options.employee === undefined && groupware === null) {
          throw new CliInputError('Who is responsible? Give --employee KEY, or a groupware (--graph-url, --token) whose mailbox names the employee');
        }
        const employee = options.employee ?? (await employeeOfMailbox(store, groupware, options));
        const id = await createActivity(store.db, { ...fieldsOf(options), type: options.type ?? '', subject: options.subject ?? '', employee });
        return { id, area: areaOf(counterpartOf(await findActivity(store.db, id))) };
      }),
    );

  withFields(withGroupware(activity.command('update').argument('<id>', 'the activity').description('change an activity')))
    .option('--type <key>', 'activity type')
    .option('--status <key>', 'status key')
    .action(async (id: string, options: GroupwareOptions & FieldOptions) =>
      withStore(options, async (store) => {
        const before = await findActivity(store.db, id);
        await updateActivity(store.db, id, fieldsOf(options));
        const after = await findActivity(store.db, id);
        return { id, area: [...new Set([...areaOf(counterpartOf(before)), ...areaOf(counterpartOf(after))])] };
      }),
    );

  withGroupware(activity.command('delete').argument('<id>', 'the activity').description('delete an activity (and its Outlook item)')).action(async (id: string, options: GroupwareOptions) =>
    withStore(options, async (store) => {
      const before = await findActivity(store.db, id);
      const area = await pairedArea(store, id, counterpartOf(before));
      await deleteActivity(store.db, id);
      return { id, area, deleted: true };
    }),
  );

  withGroupware(
    activity
      .command('sync-as')
      .argument('<as>', 'date or task')
      .argument('<id>', 'the activity')
      .description('Synchronization as date / as task: send an activity of another type to Outlook'),
  ).action(async (as: string, id: string, options: GroupwareOptions) =>
    withStore(options, async (store) => {
      if (as !== 'date' && as !== 'task') throw new CliInputError(`"${as}" is neither date nor task`);
      await sendAs(store.db, id, as === 'date' ? 'event' : 'task');
      return { id, area: areaOf(as === 'date' ? 'event' : 'task') };
    }),
  );

  withGroupware(activity.command('delete-groupware-entry').argument('<id>', 'the activity').description('delete the Outlook item only; the activity stays')).action(
    async (id: string, options: GroupwareOptions) =>
      withStore(options, async (store) => {
        const area = await pairedArea(store, id, counterpartOf(await findActivity(store.db, id)));
        await deleteGroupwareEntry(store.db, id);
        return { id, area };
      }),
  );

  program
    .command('conflicts')
    .description('list the open sync conflicts: per field the CRM\'s and Outlook\'s value')
    .requiredOption('--db <path>', 'CRM store (SQLite file)')
    .option('--json', 'print a JSON array')
    .action(async (options: { db: string; json?: boolean }) => {
      const store = await openExistingStore(options.db);
      try {
        const conflicts = await openConflicts(store.db);
        if (options.json === true) context.io.stdout(`${JSON.stringify(conflicts)}\n`);
        else if (conflicts.length === 0) context.io.stdout('No open conflicts.\n');
        else {
          const lines = conflicts.map((c) => `${c.id}  activity ${c.activityId}: ${c.crmDeleted ? 'deleted in the CRM' : c.outlookDeleted ? 'deleted in Outlook' : Object.keys(c.fields).join(', ')}`);
          context.io.stdout(`${lines.join('\n')}\n`);
        }
      } finally {
        await store.close();
      }
    });

  withGroupware(program.command('conflict').description('settle sync conflicts').command('resolve').argument('<id>', 'the conflict').description('keep the CRM\'s or Outlook\'s version, whole or field by field'))
    .option('--keep <side>', 'crm or outlook: that side\'s whole version')
    .option('--field <field=side>', 'field by field, e.g. --field subject=outlook --field location=crm (every differing field once)', collectField, {})
    .action(async (id: string, options: GroupwareOptions & { keep?: string; field: Record<string, Side> }) =>
      withStore(options, async (store) => {
        const byField = Object.keys(options.field).length > 0;
        if (byField === (options.keep !== undefined)) throw new CliInputError('Give either --keep crm|outlook or one --field FIELD=crm|outlook per differing field');
        if (options.keep !== undefined && options.keep !== 'crm' && options.keep !== 'outlook') throw new CliInputError(`--keep "${options.keep}": use crm or outlook`);
        const { activityId, kind } = await resolveConflict(store.db, id, options.keep === 'crm' || options.keep === 'outlook' ? options.keep : options.field);
        return { id: activityId, area: areaOf(kind) };
      }),
  );

  /** `--field subject=outlook`, repeated: the choices collected. */
  function collectField(value: string, choices: Record<string, Side>): Record<string, Side> {
    const match = /^([A-Za-z]+)=(crm|outlook)$/.exec(value.trim());
    if (match === null) throw new CliInputError(`--field "${value}": write it as FIELD=crm or FIELD=outlook, e.g. subject=outlook`);
    return { ...choices, [match[1] ?? '']: match[2] as Side };
  }

  interface Outcome {
    id: string;
    area: SyncArea[];
    deleted?: boolean;
  }

  /** Opens the store, makes the change, pushes it when a groupware is given, and prints the outcome. */
  async function withStore(options: GroupwareOptions, change: (store: CrmStore) => Promise<Outcome>): Promise<void> {
    const groupware = await groupwareOf(options);
    const store = await openExistingStore(options.db);
    try {
      const outcome = await change(store);
      const problems: Problem[] = [];
      if (groupware !== null && outcome.area.length > 0) {
        const connection = await connectTwoWay(store, groupware, { employee: options.employee, lang: cliLanguage(), webClientBaseUrl: options.webUrl ?? null });
        const run = await connection.run(outcome.area).finally(() => connection.close());
        problems.push(...run.errors);
        for (const warning of run.warnings) context.io.stderr(`warning: ${warning.message}\n`);
      }
      for (const problem of problems) context.io.stderr(`error: ${problem.message} The change is saved and goes out with the next sync.\n`);
      const row = outcome.deleted === true ? null : await rowOf(store, outcome.id);
      if (options.json === true) context.io.stdout(`${JSON.stringify(row ?? { id: outcome.id, deleted: true })}\n`);
      else context.io.stdout(row === null ? `Deleted ${outcome.id}.\n` : `${row.id}  ${row.type}  ${row.status}  ${row.subject}${row.groupwareId === null ? '' : '  (in Outlook)'}\n`);
      if (problems.length > 0) context.exitWith(ExitCode.Failed);
    } finally {
      await store.close();
    }
  }
}

async function groupwareOf(options: GroupwareOptions): Promise<{ url: string; token: string; caPem?: string } | null> {
  if (options.graphUrl === undefined && options.token === undefined) return null;
  if (options.graphUrl === undefined || options.token === undefined) throw new CliInputError('A groupware needs both --graph-url and --token');
  const url = checkGraphUrl(options.graphUrl);
  const caPem = options.ca === undefined ? undefined : await readCaFile(options.ca);
  return { url, token: options.token, ...(caPem !== undefined ? { caPem } : {}) };
}

async function employeeOfMailbox(store: CrmStore, groupware: Awaited<ReturnType<typeof groupwareOf>>, options: GroupwareOptions): Promise<string> {
  if (groupware === null) throw new CliInputError('Give --employee KEY');
  const connection = await connectTwoWay(store, groupware, { webClientBaseUrl: options.webUrl ?? null });
  await connection.close();
  return connection.employeeKey;
}

function fieldsOf(options: FieldOptions): ActivityInput {
  const input: ActivityInput = {};
  if (options.type !== undefined) input.type = options.type;
  if (options.subject !== undefined) input.subject = options.subject;
  if (options.status !== undefined) input.status = options.status;
  if (options.start !== undefined) input.start = options.start;
  if (options.end !== undefined) input.end = options.end;
  if (options.due !== undefined) input.due = options.due;
  if (options.allDay === true) input.allDay = true;
  if (options.reminder !== undefined) input.reminder = options.reminder;
  if (options.contact !== undefined) input.contact = options.contact;
  if (options.location !== undefined) input.location = options.location;
  if (options.rule !== undefined) input.seriesRule = options.rule;
  return input;
}

function areaOf(counterpart: Counterpart): SyncArea[] {
  return counterpart === 'event' ? ['appointments'] : counterpart === 'task' ? ['tasks'] : [];
}

/** The area of the item an activity is paired with (or would be). */
async function pairedArea(store: CrmStore, id: string, counterpart: Counterpart): Promise<SyncArea[]> {
  const base = await store.db.selectFrom('groupware_base').select('kind').where('activity_id', '=', id).executeTakeFirst();
  return areaOf(base?.kind ?? counterpart);
}

async function rowOf(store: CrmStore, id: string): Promise<ActivityRow | null> {
  const rows = await listActivities(store, { ids: [id] });
  return rows[0] ?? null;
}
