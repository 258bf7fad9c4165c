/**
 * Runs the BUILT desktop bundles under plain Node with a stand-in `electron` module (fake-electron.cjs), so the
 * shell's wiring is exercised on machines without the Electron binary: window options, CSP, guards, menus, tray,
 * protocol, and calls through the real ipcMain handlers into the real CompanionService; and the sync engine's
 * worker bundle, run on its thread against the sandbox. Where the binary exists,
 * e2e/electron/smoke.spec.ts checks the same app in real Electron.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCrmData } from '../../electron/crm/import';
import { openCrmStore } from '../../electron/crm/store';
import { mailImportInWorker } from '../../electron/service/mail-import-worker/open-in-worker';
import { contract } from '../../shared/contract';
import { startSandbox } from '../sandbox';

const root = path.resolve(import.meta.dirname, '..', '..');
const fake = path.join(import.meta.dirname, 'fake-electron.cjs');
let tmp: string;

function run(bundle: string, scenario: string, args: string[] = [], env: Record<string, string> = {}): Record<string, unknown> {
  const result = spawnSync(process.execPath, ['--require', fake, path.join(root, 'dist', 'electron', bundle), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, FAKE_ELECTRON_SCENARIO: scenario, NODE_ENV: 'test', CRM_COMPANION_DATA_DIR: path.join(tmp, 'data'), ...env },
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('FAKE_ELECTRON '));
  if (line === undefined) throw new Error(`no report (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(line.slice('FAKE_ELECTRON '.length)) as Record<string, unknown>;
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crm-shell-'));
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build:electron'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build:electron failed:\n${build.stdout}\n${build.stderr}`);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('dist/electron/main.cjs', () => {
  let report: Record<string, unknown>;
  beforeAll(() => {
    report = run('main.cjs', 'main', [`--user-data-dir=${path.join(tmp, 'profile')}`]);
  });

  it('names itself and uses the given profile folder', () => {
    expect(report.name).toBe('CRM Companion');
    expect(report['path:userData']).toBe(path.join(tmp, 'profile'));
    expect(report.errors).toEqual([]);
  });

  it('opens one locked-down window on the built renderer with the preload bundle', () => {
    const windows = report.windows as Array<{ options: { webPreferences: Record<string, unknown> }; url: string }>;
    expect(windows).toHaveLength(1);
    expect(windows[0]?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: path.join(root, 'dist', 'electron', 'preload.cjs'),
    });
    expect(windows[0]?.url).toBe(`file://${path.join(root, 'dist', 'renderer', 'index.html')}`);
    expect(report.shown).toBe(true);
  });

  it('registers one handler per contract call and answers through the real service', () => {
    expect(report.handles).toEqual(Object.keys(contract.calls).map((name) => `call:${name}`));
    const calls = report.calls as Record<string, unknown>;
    expect(calls.trusted).toMatchObject({ ok: true, value: { name: 'CRM Companion', mode: 'desktop' } });
    expect(calls.badRequest).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    for (const refused of [calls.subFrame, calls.elsewhere]) expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('replaces the CSP, refuses permissions, blocks navigation away and window.open', () => {
    const [headers] = report.csp as Array<Record<string, string[]>>;
    expect(headers?.['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
    expect(headers?.['content-security-policy']).toBeUndefined();
    expect(report.permissionAllowed).toBe(false);
    expect(report.navigationBlocked).toBe(true);
    expect(report.hashNavigationAllowed).toBe(true);
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.external).toEqual(['https://evil.example/', 'https://example.com/']);
  });

  it('has the File menu and a tray with the idle icon and its menu', () => {
    const file = (report.menus as Array<Array<{ label?: string; submenu?: Array<{ label?: string }> }>>)[0]?.find((m) => m.label === 'File');
    expect(file?.submenu?.map((i) => i.label).filter(Boolean)).toEqual(['Activity synchronization…', 'Activities', 'Synchronization conflicts…', 'Check groupware connection…', 'User preferences…', 'Quit']);
    expect(report.trays).toEqual([{ image: path.join(root, 'assets', 'tray', 'tray-idle.png') }]);
    expect(report.trayMenu).toEqual(['Sync now', 'separator', 'Activity synchronization…', 'Open activities', 'User preferences…', 'separator', 'Quit']);
  });

  it('routes menu items and crm-companion:// links into the page; claims no protocol in tests', () => {
    expect(report.deepLinkScript).toBe('location.hash = "#/activities/4711"');
    expect(report.protocol).toEqual([]); // NODE_ENV=test
  });

  it('closes the service before quitting', () => {
    expect(report.quit).toBe(2); // the first quit waits for the service, the second one ends the app
  });

  it('makes no invisible tray when the icon is missing (closing the window then quits)', () => {
    const noIcons = run('main.cjs', 'main', [`--user-data-dir=${path.join(tmp, 'profile2')}`], { FAKE_ELECTRON_NO_ICONS: '1' });
    expect(noIcons.trays).toEqual([]);
    expect(noIcons.calls).toMatchObject({ trusted: { ok: true } });
  });
  it('builds menus and tray in the language the preferences name, whatever the system says', () => {
    const dataDir = path.join(tmp, 'data-de');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'preferences.json'), JSON.stringify({ language: 'de' }));
    const german = run('main.cjs', 'main', [`--user-data-dir=${path.join(tmp, 'profile3')}`], { CRM_COMPANION_DATA_DIR: dataDir });
    const menus = german.menus as Array<Array<{ label?: string; submenu?: Array<{ label?: string }> }>>;
    const file = menus[0]?.find((m) => m.label === 'Datei');
    expect(file?.submenu?.map((i) => i.label).filter(Boolean)).toEqual(['Aktivitätensynchronisation…', 'Aktivitäten', 'Synchronisationskonflikte…', 'Groupware-Verbindung prüfen…', 'Benutzereinstellungen…', 'Beenden']);
    expect(german.trayMenu).toContain('Jetzt synchronisieren');
  });

  it('shows the blocked tray icon from the start when Groupware password blocked is set (Microsoft 365 sign-in, no fixed token)', () => {
    const dataDir = path.join(tmp, 'data-blocked');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'groupware-sign-in.json'), JSON.stringify({ version: 1, blocked: { reason: 'the sign-in was refused', at: '2026-12-08T09:00:00.000Z' } }));
    const blocked = run('main.cjs', 'main', [`--user-data-dir=${path.join(tmp, 'profile4')}`], {
      CRM_COMPANION_DATA_DIR: dataDir,
      CRM_COMPANION_GRAPH_URL: 'https://127.0.0.1:9',
      CRM_COMPANION_AUTHORITY: 'https://127.0.0.1:9/tenant',
      CRM_COMPANION_CLIENT_ID: 'client',
    });
    expect(blocked.errors).toEqual([]);
    expect(blocked.trays).toEqual([{ image: path.join(root, 'assets', 'tray', 'tray-blocked.png') }]);
  });
});

describe('dist/electron/preload.cjs', () => {
  it('exposes only call and on as window.companion, frozen, and never leaks the IPC event', () => {
    const report = run('preload.cjs', 'preload');
    expect(report.exposed).toEqual({ key: 'companion', members: ['call', 'on'], frozen: true });
    expect(report.invoked).toEqual([['call:app.info', {}]]);
    expect(report.callAnswer).toEqual({ ok: true, value: 'from main' });
    expect(report.unknownAnswer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(report.unknownEvent).toMatch(/no event named "no.such"/);
    expect(report.listenerArgs).toEqual([[{ kind: 'imported', title: 't', message: 'm' }]]);
    expect(report.rendererSent).toEqual(['companion:ready']);
  });
});

describe('dist/electron/mail-import-worker.cjs', () => {
  it('runs the mail import on its thread as the desktop app starts it: the demo mail imported into the store file', async () => {
    const fixtures = path.join(root, 'e2e', 'fixtures');
    const sandbox = await startSandbox({ mailbox: path.join(fixtures, 'demo-mailbox.json'), token: 'bundle-token' });
    const store = await openCrmStore(path.join(tmp, 'worker-bundle.sqlite'));
    try {
      await importCrmData(store, JSON.parse(readFileSync(path.join(fixtures, 'demo-crm.json'), 'utf8')));
      const open = mailImportInWorker({ script: path.join(root, 'dist', 'electron', 'mail-import-worker.cjs') });
      const session = await open(store, { url: sandbox.url, token: 'bundle-token', caPem: sandbox.certPem });
      try {
        const summary = await session.runner.runAutomatic();
        expect(summary.errors).toEqual([]);
        expect(summary.imported).toBeGreaterThan(10);
        expect(summary.moved).toBe(summary.imported);
        const rows = await store.db.selectFrom('activities').select('id').execute();
        expect(rows).toHaveLength(summary.imported);
      } finally {
        await session.close?.();
      }
    } finally {
      await store.close();
      await sandbox.close();
    }
  });
});
