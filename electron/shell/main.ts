/**
 * The desktop app: the thin Electron shell around the same CompanionService that browser mode serves.
 * Window, menu, tray, single instance and the crm-companion:// protocol live here; everything the page asks
 * goes through registerIpc → the dispatcher, everything main pushes through forwardEvents.
 *
 * Bundled by `npm run build:electron` to dist/electron/main.cjs (preload: dist/electron/preload.cjs).
 * Environment (set by `npm start`): CRM_COMPANION_DATA_DIR, CRM_COMPANION_DEMO=1, CRM_COMPANION_GRAPH_URL,
 * CRM_COMPANION_GRAPH_TOKEN (without it: the Microsoft 365 sign-in), CRM_COMPANION_GRAPH_CA, CRM_COMPANION_AUTHORITY and
 * CRM_COMPANION_CLIENT_ID, CRM_COMPANION_TENANT (the sign-in's settings, written to the account at start), CRM_COMPANION_CRM_SEED (a CRM data file to load: the demo's); CRM_COMPANION_DEV_URL loads a dev server instead of the built renderer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Menu, Tray, app, dialog, ipcMain, nativeImage, safeStorage, session, shell, type BrowserWindow, type WebFrameMain } from 'electron';
import { contract, type Contract } from '../../shared/contract';
import { pickLanguage, uiLanguage } from '../../shared/i18n/language';
import { createClient } from '../../shared/ipc/client';
import type { ApiOf } from '../../shared/ipc/contract-kit';
import { contentSecurityPolicy } from '../../shared/ipc/csp';
import { createDirectTransport } from '../host/direct-transport';
import { createDispatcher } from '../host/dispatch';
import { consoleLog } from '../host/log';
import { createCompanionService, type CompanionServiceHandle } from '../service/companion-service';
import { forwardEvents, registerIpc } from './ipc';
import { shellLabels } from './labels';
import { applicationMenuTemplate, trayMenuTemplate, type MenuActions } from './menus';
import { PROTOCOL_SCHEME, findDeepLink, routeForDeepLink, type RouteHash } from './routes';
import { safeStorageProtector } from './safe-storage-protector';
import { nextTrayState, trayIconFile, type TrayInput, type TrayState } from './tray-state';
import { isAppUrl, isTrustedFrame } from './trust';
import { applySessionPolicy, createMainWindow, guardContents } from './window';

const log = consoleLog;

// dist/electron/main.cjs → the app root two levels up (inside app.asar once packaged).
const appRoot = path.resolve(__dirname, '..', '..');
const preloadFile = path.join(__dirname, 'preload.cjs');
// The sync engine's thread. A worker is loaded by Node's own loader, which cannot read inside app.asar: the
// packaged app keeps the bundle unpacked beside it (electron-builder.yml, asarUnpack).
const mailImportWorker = path.join(__dirname, 'mail-import-worker.cjs').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
const trayDir = path.join(appRoot, 'assets', 'tray');
const devUrl = app.isPackaged ? undefined : process.env.CRM_COMPANION_DEV_URL || undefined;
const appUrl = devUrl ?? pathToFileURL(path.join(appRoot, 'dist', 'renderer', 'index.html')).href;

// Started as `electron dist/electron/main.cjs` Electron would call itself "Electron"; fix name and profile
// folder first. `--user-data-dir=` (tests: one fresh folder per test) wins; the single-instance lock is per folder.
app.setName('CRM Companion');
const userDataArg = process.argv.find((arg) => arg.startsWith('--user-data-dir='));
app.setPath('userData', userDataArg ? path.resolve(userDataArg.slice('--user-data-dir='.length)) : path.join(app.getPath('appData'), 'CRM Companion'));

if (!app.requestSingleInstanceLock()) {
  app.quit(); // the running instance gets 'second-instance' and shows itself
} else {
  main().catch((error: unknown) => {
    log.error('CRM Companion could not start', error);
    dialog.showErrorBox('CRM Companion could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

async function main(): Promise<void> {
  let window: BrowserWindow | null = null;
  let tray: Tray | null = null;
  let companion: CompanionServiceHandle | null = null;
  let pendingRoute: RouteHash | null = routeOf(findDeepLink(process.argv));

  // The system's language until the preferences are read (the menus are built after that).
  let labels = shellLabels(pickLanguage(app.getLocale()));
  const isTrustedSender = (frame: WebFrameMain | null) =>
    window !== null && !window.isDestroyed() && isTrustedFrame(frame, window.webContents.mainFrame, appUrl);

  const show = (route: RouteHash | null) => {
    if (companion === null) {
      if (route !== null) pendingRoute = route; // a link that arrived while starting
      return;
    }
    if (window === null || window.isDestroyed()) {
      window = openWindow(companion, route);
    } else if (route !== null) {
      navigate(window, route);
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const openWindow = (service: CompanionServiceHandle, route: RouteHash | null): BrowserWindow => {
    const win = createMainWindow({ title: labels.appName, preload: preloadFile });
    forwardEvents(service.events, win.webContents, { isTrustedSender });
    win.on('closed', () => {
      if (window === win) window = null;
    });
    win.loadURL(appUrl + (route ?? '')).catch((error: unknown) => log.error('window: the page did not load', error));
    return win;
  };

  const actions: MenuActions = { show, quit: () => app.quit() }; // syncNow: set once the service is up

  app.on('second-instance', (_event, argv) => show(routeOf(findDeepLink(argv))));
  app.on('open-url', (event, url) => {
    event.preventDefault(); // macOS delivers crm-companion:// links here
    show(routeOf(url));
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents, appUrl));
  app.on('activate', () => show(null));
  registerProtocol();

  await app.whenReady();
  applySessionPolicy(session.defaultSession, contentSecurityPolicy(devUrl ? { connect: [devUrl.replace(/^http/, 'ws')] } : {}));

  const graphUrl = process.env.CRM_COMPANION_GRAPH_URL;
  const graphToken = process.env.CRM_COMPANION_GRAPH_TOKEN || undefined;
  const graphCa = process.env.CRM_COMPANION_GRAPH_CA || undefined;
  const authority = process.env.CRM_COMPANION_AUTHORITY || undefined;
  const clientId = process.env.CRM_COMPANION_CLIENT_ID || undefined;
  const tenant = process.env.CRM_COMPANION_TENANT || undefined;
  const crmSeedFile = process.env.CRM_COMPANION_CRM_SEED;
  const keyring = safeStorageProtector(safeStorage);
  const service = await createCompanionService({
    dataDir: process.env.CRM_COMPANION_DATA_DIR || app.getPath('userData'),
    mode: 'desktop',
    mailImportWorker,
    demo: process.env.CRM_COMPANION_DEMO === '1',
    ...(graphUrl ? { groupware: { url: graphUrl, ...(graphToken ? { token: graphToken } : {}), ...(graphCa ? { ca: graphCa } : {}) } } : {}),
    // Without a fixed token: the sign-in, its cache sealed by the OS keyring, its page in the system browser.
    signIn: {
      ...(keyring !== undefined ? { protector: keyring } : {}),
      openBrowser: (url) => shell.openExternal(url),
      ...(authority && clientId ? { endpoint: { authority, clientId, ...(tenant ? { tenant } : {}) } } : {}),
    },
    ...(crmSeedFile ? { crmSeed: JSON.parse(readFileSync(crmSeedFile, 'utf8')) as unknown } : {}),
  });
  companion = service;
  // Menus and tray speak the language the preferences name (the system's by default); the page switches at once
  // when it is changed, the menus at the next start.
  labels = shellLabels(uiLanguage((await service.service['prefs.get']({})).preferences.language, app.getLocale()));
  app.setAboutPanelOptions({ applicationName: labels.appName, applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(applicationMenuTemplate(actions, { labels, isMac: process.platform === 'darwin', isPackaged: app.isPackaged })),
  );
  const dispatch = createDispatcher(contract, service.service, { log });
  registerIpc(ipcMain, contract, dispatch, isTrustedSender);

  // Sync now: the service's answer (its notice) reaches the tray as a tray.notice event; failures too.
  actions.syncNow = () => {
    void dispatch('sync.now', {}).then((result) => {
      if (!result.ok) log.warn(`sync now: ${result.error.message}`);
    });
  };
  // Blocked before this start (by the last run, or the CLI): the icon says so from the first moment.
  const blockedAtStart = await service.service['account.get']({}).then((account) => account.blocked !== null, () => false);
  const startState: TrayState = blockedAtStart ? 'blocked' : 'idle';
  tray = createTray(actions, labels.appName, trayMenuTemplate(actions, labels), startState);
  if (tray !== null) followTrayState(tray, createClient(contract, createDirectTransport(dispatch, service.events)), startState);

  // With a tray the app keeps running (and syncing) when its window closes; without one, closing quits.
  app.on('window-all-closed', () => {
    if (tray === null) app.quit();
  });
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault(); // close the store first, then quit for real
    stopped = true;
    service.close().catch((error: unknown) => log.error('shutdown: the service did not close cleanly', error)).finally(() => app.quit());
  });

  show(pendingRoute); // the window opens on the deep link this instance was started with, if any
}

/** A hash change on the loaded page keeps its state; anything else (still loading, elsewhere) loads afresh. */
function navigate(win: BrowserWindow, route: RouteHash): void {
  const contents = win.webContents;
  if (!contents.isLoading() && isAppUrl(contents.getURL(), appUrl)) {
    // route comes from routes.ts (fixed hashes or a checked activity id) and is JSON-quoted.
    contents.executeJavaScript(`location.hash = ${JSON.stringify(route)}`).catch((error: unknown) => log.warn(`navigate: ${String(error)}`));
  } else {
    win.loadURL(appUrl + route).catch((error: unknown) => log.error('window: the page did not load', error));
  }
}

function routeOf(link: string | undefined): RouteHash | null {
  return link === undefined ? null : routeForDeepLink(link);
}

function registerProtocol(): void {
  if (process.env.NODE_ENV === 'test') return; // test runs must not claim the scheme on the machine
  const script = process.argv[1];
  // Unpackaged, Electron is started with our script as its argument; the OS must start it the same way.
  const registered =
    process.defaultApp && script !== undefined
      ? app.setAsDefaultProtocolClient(PROTOCOL_SCHEME, process.execPath, [path.resolve(script)])
      : app.setAsDefaultProtocolClient(PROTOCOL_SCHEME);
  if (!registered) log.warn(`protocol: could not register ${PROTOCOL_SCHEME}:// links`);
}

function trayImage(state: TrayState): Electron.NativeImage {
  return nativeImage.createFromPath(path.join(trayDir, trayIconFile(state)));
}

function createTray(actions: MenuActions, tooltip: string, menu: Electron.MenuItemConstructorOptions[], state: TrayState): Tray | null {
  const image = trayImage(state);
  if (image.isEmpty()) {
    // A tray without a picture is invisible, and the app would live on unseen after its window closes.
    log.warn(`tray: no icon at ${path.join(trayDir, trayIconFile(state))}; closing the window quits`);
    return null;
  }
  try {
    const tray = new Tray(image);
    tray.setToolTip(tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(menu));
    tray.on('click', () => actions.show(null)); // Windows: a click on the icon opens the window
    return tray;
  } catch (error) {
    log.warn(`tray: not available here (${error instanceof Error ? error.message : String(error)}); closing the window quits`);
    return null;
  }
}

function followTrayState(tray: Tray, api: ApiOf<Contract>, startState: TrayState): void {
  let state = startState;
  const update = (input: TrayInput) => {
    const next = nextTrayState(state, input);
    if (next === state || tray.isDestroyed()) return;
    state = next;
    tray.setImage(trayImage(next));
  };
  api.on('sync.progress', (progress) => update({ kind: 'progress', progress }));
  api.on('tray.notice', (notice) => update({ kind: 'notice', notice }));
  api.on('account.changed', (account) => update({ kind: 'account', blocked: account.blocked !== null }));
}
