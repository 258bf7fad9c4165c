/**
 * `crm-companion crm import FILE.json --db PATH [--json]`: load CRM master data into the store
 * (format: crm-data-format.md). The file is read and checked before the store is opened, so a rejected file
 * leaves no database behind.
 */
import type { Command } from 'commander';
import { validateCrmData } from '../../../shared/crm/crm-data';
import { changedNothing, CRM_DATA_LISTS, type CrmDataList, type ImportReport } from '../../../shared/crm/import-report';
import { CrmDataRejectedError } from '../../crm/errors';
import { importCrmData } from '../../crm/import';
import { openCrmStore } from '../../crm/store';
import { CliInputError } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { readJsonFile } from '../read-json-file';

interface CrmImportOptions {
  db: string;
  json?: boolean;
}

export function registerCrmImport(crm: Command, context: CommandContext): void {
  crm
    .command('import')
    .description('load CRM master data (employees, business partners, contact persons, key lists) from a JSON file')
    .argument('<file>', 'CRM data file, e.g. e2e/fixtures/demo-crm.json')
    .requiredOption('--db <path>', 'CRM store (SQLite file; created when missing, its directory must exist)')
    .option('--json', 'print the report as one line of JSON')
    .action(async (file: string, options: CrmImportOptions) => {
      const report = await importFile(file, options.db);
      context.io.stdout(options.json === true ? `${JSON.stringify(report)}\n` : describeReport(file, options.db, report));
    });
}

async function importFile(file: string, dbPath: string): Promise<ImportReport> {
  const data = await readJsonFile(file);
  const validation = validateCrmData(data);
  if (!validation.ok) throw rejected(file, new CrmDataRejectedError(validation.problems));
  const store = await openCrmStore(dbPath);
  try {
    return await importCrmData(store, data);
  } catch (error) {
    throw error instanceof CrmDataRejectedError ? rejected(file, error) : error;
  } finally {
    await store.close();
  }
}

function rejected(file: string, error: CrmDataRejectedError): CliInputError {
  return new CliInputError(`${file} was rejected, nothing was imported: ${error.message}`, { cause: error });
}

const LIST_NAMES: Readonly<Record<CrmDataList, string>> = {
  employees: 'employees',
  businessPartners: 'business partners',
  contactPersons: 'contact persons',
  projects: 'projects',
  inquiries: 'inquiries',
  activityTypes: 'activity types',
  statusKeys: 'status keys',
  documentCategories: 'document categories',
  keywords: 'keywords',
  freeMailDomains: 'free-mail domains',
};

/** A few lines: one per list the file had, then whether anything changed. */
export function describeReport(file: string, dbPath: string, report: ImportReport): string {
  const lines = [`Imported ${file} into ${dbPath}.`];
  for (const list of CRM_DATA_LISTS) {
    const { inserted, updated, unchanged } = report[list];
    if (inserted + updated + unchanged === 0) continue;
    lines.push(`  ${LIST_NAMES[list].padEnd(20)} ${inserted} new, ${updated} changed, ${unchanged} unchanged`);
  }
  if (changedNothing(report)) lines.push('Nothing changed: the store already held this data.');
  return `${lines.join('\n')}\n`;
}
