/**
 * Commands that work on CRM data (sync, activities) need a database that already holds it: a path that names
 * no file is a typo or a missing `crm import`, and creating an empty database there would only hide that.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { CrmError } from '../crm/errors';
import { openCrmStore, type CrmStore } from '../crm/store';
import { CliInputError } from './cli-errors';

export async function openExistingStore(dbPath: string): Promise<CrmStore> {
  if (statSync(dbPath, { throwIfNoEntry: false }) === undefined) {
    const directory = path.dirname(path.resolve(dbPath));
    if (statSync(directory, { throwIfNoEntry: false })?.isDirectory() !== true) {
      throw new CrmError('STORE_DIRECTORY_MISSING', `The directory ${directory} does not exist`);
    }
    throw new CliInputError(
      `The database ${dbPath} does not exist: load the CRM data into it first (crm-companion crm import FILE.json --db ${dbPath})`,
    );
  }
  return openCrmStore(dbPath);
}
