import { describe, expect, it, vi } from 'vitest';
import { shellLabels } from './labels';
import { applicationMenuTemplate, trayMenuTemplate } from './menus';
import { Route, findDeepLink, routeForDeepLink } from './routes';
import { nextTrayState } from './tray-state';
import { safeStorageProtector, type SafeStorageApi } from './safe-storage-protector';
import { isAppUrl, isExternalWebUrl, isTrustedFrame } from './trust';

const APP = 'file:///opt/crm/dist/renderer/index.html';
const frame = (url: string, extra: Partial<{ parent: unknown; processId: number; routingId: number }> = {}) => ({
  url,
  parent: null,
  processId: 4,
  routingId: 1,
  ...extra,
});

describe('trust', () => {
  it('treats only our page (any #route) as the app', () => {
    expect(isAppUrl(`${APP}#/sync`, APP)).toBe(true);
    expect(isAppUrl('file:///opt/crm/dist/renderer/other.html', APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
    expect(isAppUrl('https://example.com/', APP)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
  });

  it('trusts the main frame of our window showing our page, nothing else', () => {
    const main = frame(APP);
    expect(isTrustedFrame(frame(`${APP}#/sync`), main, APP)).toBe(true);
    expect(isTrustedFrame(null, main, APP)).toBe(false);
    expect(isTrustedFrame(frame(APP, { parent: main }), main, APP)).toBe(false); // sub-frame
    expect(isTrustedFrame(frame(APP, { processId: 9 }), main, APP)).toBe(false); // another window
    expect(isTrustedFrame(frame('https://evil.example/'), main, APP)).toBe(false); // navigated away
    expect(isTrustedFrame(frame(APP), undefined, APP)).toBe(false); // no window
  });

  it('sends only http(s) links to the system browser', () => {
    expect(isExternalWebUrl('https://outlook.office.com/')).toBe(true);
    expect(isExternalWebUrl('http://crm.example/activities/1')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'crm-companion://activities/1', 'smb://host/share', '']) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});

describe('routes', () => {
  it('maps crm-companion://activities/<id> to #/activities/<id>', () => {
    expect(routeForDeepLink('crm-companion://activities/4711')).toBe('#/activities/4711');
    expect(routeForDeepLink('crm-companion://activities/A-12.3/')).toBe('#/activities/A-12.3');
    expect(routeForDeepLink('CRM-COMPANION://activities/7')).toBe('#/activities/7');
    expect(routeForDeepLink('crm-companion://activities')).toBe(Route.activities);
  });

  it.each([
    'crm-companion://activities/1/2',
    'crm-companion://activities/a%22%3Balert(1)',
    'crm-companion://settings/x',
    'https://activities/1',
    'crm-companion://activities/%E0%A4%A',
    'garbage',
  ])('does not route %s', (link) => {
    expect(routeForDeepLink(link)).toBeNull();
  });

  it('never puts dot segments into a route (the URL parser resolves them first)', () => {
    expect(routeForDeepLink('crm-companion://activities/%2e%2e')).toBe(Route.activities);
    expect(routeForDeepLink('crm-companion://activities/x/%2e%2e/y')).toBe('#/activities/y');
  });

  it('finds the link among command-line arguments', () => {
    expect(findDeepLink(['/usr/bin/app', '--flag', 'crm-companion://activities/1'])).toBe('crm-companion://activities/1');
    expect(findDeepLink(['/usr/bin/app'])).toBeUndefined();
  });
});

describe('menus', () => {
  const labels = shellLabels('en');
  const actions = () => ({ show: vi.fn(), quit: vi.fn() });

  it('File holds Activity synchronization…, Activities, Synchronization conflicts…, Check groupware connection…, User preferences… and Quit, routed to the pages', () => {
    const a = actions();
    const [file] = applicationMenuTemplate(a, { labels, isMac: false, isPackaged: true });
    const items = file?.submenu as Array<{ label?: string; click?: () => void }>;
    expect(file?.label).toBe('File');
    expect(items.map((i) => i.label).filter(Boolean)).toEqual(['Activity synchronization…', 'Activities', 'Synchronization conflicts…', 'Check groupware connection…', 'User preferences…', 'Quit']);
    for (const index of [0, 1, 2, 3, 4, 6]) items[index]?.click?.();
    expect(a.show.mock.calls).toEqual([['#/sync'], ['#/activities'], ['#/conflicts'], ['#/connection-check'], ['#/preferences']]);
    expect(a.quit).toHaveBeenCalledOnce();
  });

  it('has Edit, View and Help; developer tools only unpackaged', () => {
    const packaged = applicationMenuTemplate(actions(), { labels, isMac: false, isPackaged: true });
    expect(packaged.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const roles = (t: typeof packaged) => JSON.stringify(t[2]?.submenu);
    expect(roles(packaged)).not.toContain('toggleDevTools');
    expect(roles(applicationMenuTemplate(actions(), { labels, isMac: false, isPackaged: false }))).toContain('toggleDevTools');
    expect(applicationMenuTemplate(actions(), { labels, isMac: true, isPackaged: true })[0]).toEqual({ role: 'appMenu' });
  });

  it('tray: Sync now disabled until the engine exists; the rest open pages or quit', () => {
    const a = actions();
    const tray = trayMenuTemplate(a, labels);
    expect(tray.filter((i) => i.label).map((i) => [i.label, i.enabled ?? true])).toEqual([
      ['Sync now', false],
      ['Activity synchronization…', true],
      ['Open activities', true],
      ['User preferences…', true],
      ['Quit', true],
    ]);
    for (const item of tray) (item.click as (() => void) | undefined)?.();
    expect(a.show.mock.calls).toEqual([['#/sync'], ['#/activities'], ['#/preferences']]);
    const sync = vi.fn();
    const enabled = trayMenuTemplate({ ...a, syncNow: sync }, labels)[0];
    expect(enabled?.enabled).toBe(true);
  });

  it('speaks German', () => {
    expect(shellLabels('de').quit).toBe('Beenden');
  });
});

describe('tray state', () => {
  const progress = (phase: 'started' | 'item' | 'finished') => ({ kind: 'progress', progress: { runId: 'r', phase, done: 0, total: 1 } }) as const;
  const notice = (kind: 'imported' | 'attention' | 'blocked' | 'error') => ({ kind: 'notice', notice: { kind, title: 't', message: 'm' } }) as const;

  it('syncing during a run, idle after it', () => {
    expect(nextTrayState('idle', progress('started'))).toBe('syncing');
    expect(nextTrayState('syncing', progress('item'))).toBe('syncing');
    expect(nextTrayState('syncing', progress('finished'))).toBe('idle');
  });

  it('attention and blocked outlast the end of the run, until the next one starts', () => {
    expect(nextTrayState('syncing', notice('attention'))).toBe('attention');
    expect(nextTrayState('attention', progress('finished'))).toBe('attention');
    expect(nextTrayState('idle', notice('blocked'))).toBe('blocked');
    expect(nextTrayState('blocked', progress('finished'))).toBe('blocked');
    expect(nextTrayState('attention', progress('started'))).toBe('syncing');
    expect(nextTrayState('idle', notice('error'))).toBe('attention');
    expect(nextTrayState('attention', notice('imported'))).toBe('idle');
    // The account: blocked at start or when set; signing in again ends it, and only it.
    expect(nextTrayState('idle', { kind: 'account', blocked: true })).toBe('blocked');
    expect(nextTrayState('blocked', { kind: 'account', blocked: false })).toBe('idle');
    expect(nextTrayState('attention', { kind: 'account', blocked: false })).toBe('attention');
  });
});

describe('safeStorage as the token cache\'s protection', () => {
  const fakeSafeStorage = (available: boolean, backend = 'gnome_libsecret'): SafeStorageApi => ({
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`sealed:${[...text].reverse().join('')}`),
    decryptString: (sealed) => [...sealed.toString().slice('sealed:'.length)].reverse().join(''),
    getSelectedStorageBackend: () => backend as ReturnType<NonNullable<SafeStorageApi['getSelectedStorageBackend']>>,
  });

  it('seals and opens any bytes through the OS keyring, without a warning', async () => {
    const protector = safeStorageProtector(fakeSafeStorage(true), 'win32');
    expect(protector).toMatchObject({ kind: 'os-keyring', warning: undefined });
    const bytes = Buffer.from([0, 255, 10, 13, 200, 65]);
    const sealed = await protector!.encrypt(bytes);
    expect(sealed.includes(bytes)).toBe(false);
    expect(await protector!.decrypt(sealed)).toEqual(bytes);
  });

  it('leaves it to the key-file fallback (and its warning) without a keyring, or with Linux\'s fixed-password backend', () => {
    expect(safeStorageProtector(fakeSafeStorage(false), 'darwin')).toBeUndefined();
    expect(safeStorageProtector(fakeSafeStorage(true, 'basic_text'), 'linux')).toBeUndefined();
    expect(safeStorageProtector(fakeSafeStorage(true, 'kwallet5'), 'linux')?.kind).toBe('os-keyring');
  });
});
