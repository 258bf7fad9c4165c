import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliLanguage } from './cli-language';
import { CliInputError } from './cli-errors';
import { checkGraphUrl, parseAreas, readCaFile } from './sync-options';

describe('parseAreas', () => {
  it.each([
    ['mails', ['mails']],
    ['mails,appointments,tasks', ['mails', 'appointments', 'tasks']],
    [' tasks , mails ', ['tasks', 'mails']],
    ['mails,mails', ['mails']],
    ['mails,', ['mails']],
  ])('%j → %j', (text, areas) => {
    expect(parseAreas(text)).toEqual(areas);
  });

  it.each([
    ['contacts', 'Unknown area "contacts" in --areas: use one or more of mails, appointments, tasks, separated by commas'],
    ['Mails', 'Unknown area "Mails" in --areas: use one or more of mails, appointments, tasks, separated by commas'],
    [',', '--areas names no area: use one or more of mails, appointments, tasks, separated by commas'],
  ])('refuses %j as bad input', (text, message) => {
    expect(() => parseAreas(text)).toThrow(new CliInputError(message));
  });
});

describe('checkGraphUrl', () => {
  it('takes an https server root and drops a trailing slash', () => {
    expect(checkGraphUrl('https://graph.microsoft.com/')).toBe('https://graph.microsoft.com');
    expect(checkGraphUrl('https://127.0.0.1:8443')).toBe('https://127.0.0.1:8443');
  });

  it('refuses what is not an https address', () => {
    expect(() => checkGraphUrl('graph.microsoft.com')).toThrow(/is not an address/);
    expect(() => checkGraphUrl('http://127.0.0.1:8443')).toThrow(/must be an https:\/\/ address/);
  });
});

describe('readCaFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-ca-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a PEM certificate', async () => {
    const file = path.join(dir, 'ok.pem');
    writeFileSync(file, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    await expect(readCaFile(file)).resolves.toContain('BEGIN CERTIFICATE');
  });

  it('says what is wrong with a path or a file that holds no certificate', async () => {
    await expect(readCaFile(path.join(dir, 'none.pem'))).rejects.toThrow(/none\.pem given with --ca does not exist$/);
    await expect(readCaFile(dir)).rejects.toThrow(/given with --ca is a directory$/);
    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, 'hello');
    await expect(readCaFile(text)).rejects.toThrow(/holds no PEM certificate/);
  });
});

describe('cliLanguage', () => {
  it.each([
    [{ LANG: 'de_DE.UTF-8' }, 'de'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'C' }, 'en'],
    [{}, 'en'],
    [{ LC_ALL: 'de_AT.UTF-8', LANG: 'en_GB.UTF-8' }, 'de'],
    [{ LC_ALL: '', LC_MESSAGES: 'en_US.UTF-8', LANG: 'de_DE.UTF-8' }, 'en'],
  ])('%o → %s', (env, language) => {
    expect(cliLanguage(env)).toBe(language);
  });
});
