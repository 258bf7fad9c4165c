/**
 * Checks the `sync` command's options before anything connects: each mistake is bad input (exit code 2)
 * with one sentence saying what to write instead.
 */
import { readFile } from 'node:fs/promises';
import { SyncArea } from '../../shared/sync/mail-import-types';
import { CliInputError } from './cli-errors';

const AREA_NAMES = SyncArea.options.join(', ');

/** `mails,appointments` → ['mails', 'appointments']; spaces and a stray comma are fine, repeats count once. */
export function parseAreas(text: string): SyncArea[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new CliInputError(`--areas names no area: use one or more of ${AREA_NAMES}, separated by commas`);
  const areas: SyncArea[] = [];
  for (const name of names) {
    const area = SyncArea.safeParse(name);
    if (!area.success) throw new CliInputError(`Unknown area "${name}" in --areas: use one or more of ${AREA_NAMES}, separated by commas`);
    if (!areas.includes(area.data)) areas.push(area.data);
  }
  return areas;
}

/** The server root must be an https address: Graph's client sends tokens over https only. */
export function checkGraphUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliInputError(`--graph-url "${text}" is not an address: give the server root, e.g. https://graph.microsoft.com`);
  }
  if (url.protocol !== 'https:') {
    throw new CliInputError(`--graph-url "${text}" must be an https:// address: the token is only ever sent over https`);
  }
  return text.replace(/\/+$/, '');
}

/** Reads the CA certificate here, so a wrong path is reported as such and not as a TLS failure later. */
export async function readCaFile(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new CliInputError(`The certificate file ${file} given with --ca ${why}`, { cause: error });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new CliInputError(`The file ${file} given with --ca holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return text;
}
