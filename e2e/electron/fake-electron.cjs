/**
 * A stand-in for the `electron` module, so the BUILT bundles (dist/electron/main.cjs, preload.cjs) can be run by
 * plain Node where no Electron binary exists. It records what the shell asks of Electron and plays the part of
 * a page through the IPC handlers main registered. Loaded with `node --require fake-electron.cjs`; the scenario
 * (env FAKE_ELECTRON_SCENARIO: "main" or "preload") prints one JSON line, prefixed "FAKE_ELECTRON ", and exits.
 */
'use strict';
const Module = require('node:module');
const { EventEmitter } = require('node:events');

const log = { windows: [], handles: [], trays: [], menus: [], protocol: [], csp: [], calls: {}, quit: 0, errors: [] };
const report = (extra) => {
  process.stdout.write(`FAKE_ELECTRON ${JSON.stringify({ ...log, ...extra })}\n`);
};

const handlers = new Map();
const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel, listener) {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, listener);
    log.handles.push(channel);
  },
});

let nextId = 1;
class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextId++;
    this.url = '';
    this.ipc = new EventEmitter();
    this.mainFrame = { url: '', parent: null, processId: 100 + this.id, routingId: 1 };
    this.sent = [];
  }
  isDestroyed() { return false; }
  isLoading() { return false; }
  getURL() { return this.url; }
  send(channel, ...args) { this.sent.push([channel, ...args]); }
  setWindowOpenHandler(handler) { this.windowOpenHandler = handler; }
  executeJavaScript(code) { log.executed = code; return Promise.resolve(); }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.destroyed = false;
    log.windows.push({ options });
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.webContents.url = url;
    this.webContents.mainFrame.url = url;
    log.windows[log.windows.length - 1].url = url;
    setImmediate(() => this.emit('ready-to-show'));
    setImmediate(() => onPageLoaded(this));
    return Promise.resolve();
  }
  isDestroyed() { return this.destroyed; }
  isMinimized() { return false; }
  restore() {}
  show() { log.shown = true; }
  focus() {}
}

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  paths: { appData: '/tmp/fake-appdata' },
  setName(name) { log.name = name; },
  setPath(key, value) { this.paths[key] = value; log[`path:${key}`] = value; },
  getPath(key) { return this.paths[key]; },
  getLocale() { return 'en-US'; },
  getVersion() { return '0.0.0-fake'; },
  requestSingleInstanceLock() { return true; },
  whenReady() { return Promise.resolve(); },
  setAboutPanelOptions() {},
  setAsDefaultProtocolClient(scheme) { log.protocol.push(scheme); return true; },
  quit() {
    log.quit += 1;
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) { report({}); process.exit(0); }
  },
  exit(code) { report({ exitCode: code }); process.exit(code); },
});

class Tray extends EventEmitter {
  constructor(image) { super(); log.trays.push({ image: image.path }); }
  setToolTip(text) { log.trayTooltip = text; }
  setContextMenu(menu) { log.trayMenu = menu.template.map((item) => item.label ?? item.type); }
  setImage(image) { log.trayImage = image.path; }
  isDestroyed() { return false; }
}

const session = {
  defaultSession: {
    webRequest: { onHeadersReceived(listener) { listener({ responseHeaders: { 'content-security-policy': ['x'], a: ['b'] } }, (r) => log.csp.push(r.responseHeaders)); } },
    setPermissionRequestHandler(handler) { handler(null, 'media', (allowed) => { log.permissionAllowed = allowed; }); },
    setPermissionCheckHandler() {},
  },
};

/** Plays the page once main loaded it: calls through the registered handlers as trusted and untrusted frames. */
async function onPageLoaded(win) {
  if (process.env.FAKE_ELECTRON_SCENARIO !== 'main' || log.pageDone) return;
  log.pageDone = true;
  const invoke = (channel, frame, ...args) => {
    const handler = handlers.get(channel);
    return handler ? handler({ senderFrame: frame, sender: win.webContents }, ...args) : Promise.reject(new Error(`No handler registered for '${channel}'`));
  };
  const ours = win.webContents.mainFrame;
  log.calls.trusted = await invoke('call:app.info', ours, {});
  log.calls.subFrame = await invoke('call:app.info', { ...ours, parent: ours }, {});
  log.calls.elsewhere = await invoke('call:app.info', { ...ours, url: 'https://evil.example/' }, {});
  log.calls.badRequest = await invoke('call:app.info', ours, { extra: 1 });
  const guard = { prevented: false, url: 'https://evil.example/', preventDefault() { this.prevented = true; } };
  win.webContents.emit('will-navigate', guard);
  log.navigationBlocked = guard.prevented;
  const hashNav = { prevented: false, url: `${ours.url}#/sync`, preventDefault() { this.prevented = true; } };
  win.webContents.emit('will-navigate', hashNav);
  log.hashNavigationAllowed = !hashNav.prevented;
  log.windowOpen = win.webContents.windowOpenHandler?.({ url: 'https://example.com/' });
  const fileMenu = log.menus[0]?.find((m) => m.label === 'File');
  fileMenu?.submenu.find((i) => i.id === 'activity-sync')?.click();
  app.emit('second-instance', {}, ['electron', 'crm-companion://activities/4711'], '/');
  log.deepLinkScript = log.executed;
  app.quit();
}

const shell = { openExternal(url) { (log.external ??= []).push(url); return Promise.resolve(); } };
const Menu = {
  buildFromTemplate(template) { return { template }; },
  setApplicationMenu(menu) { log.menus.push(menu.template); },
};
const nativeImage = { createFromPath(path) { return { path, isEmpty: () => process.env.FAKE_ELECTRON_NO_ICONS === '1' }; } };
const dialog = { showErrorBox(title, message) { log.errors.push(`${title}: ${message}`); } };

// Preload side.
const rendererListeners = new EventEmitter();
const ipcRenderer = {
  invoke(channel, ...args) { (log.invoked ??= []).push([channel, ...args]); return Promise.resolve({ ok: true, value: 'from main' }); },
  send(channel) { (log.rendererSent ??= []).push(channel); },
  on(channel, listener) { rendererListeners.on(channel, listener); },
  removeListener(channel, listener) { rendererListeners.removeListener(channel, listener); },
};
const contextBridge = {
  exposeInMainWorld(key, api) {
    log.exposed = { key, members: Object.keys(api), frozen: Object.isFrozen(api) };
    if (process.env.FAKE_ELECTRON_SCENARIO !== 'preload') return;
    setImmediate(async () => {
      log.callAnswer = await api.call('app.info', {});
      log.unknownAnswer = await api.call('no.such', {});
      const seen = [];
      api.on('tray.notice', (...args) => seen.push(args));
      rendererListeners.emit('event:tray.notice', { sender: 'must not leak' }, { kind: 'imported', title: 't', message: 'm' });
      try { api.on('no.such', () => {}); } catch (error) { log.unknownEvent = String(error); }
      setTimeout(() => { log.listenerArgs = seen; report({}); process.exit(0); }, 20);
    });
  },
};

// The OS keyring: a reversible stand-in, so the shell hands the service a protector as it would in Electron.
const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text) => Buffer.from(`fake-sealed:${Buffer.from(text).toString('hex')}`),
  decryptString: (sealed) => Buffer.from(sealed.toString().slice('fake-sealed:'.length), 'hex').toString(),
};
const fake = { app, BrowserWindow, Menu, Tray, nativeImage, dialog, ipcMain, session, shell, safeStorage, contextBridge, ipcRenderer };

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? __filename : resolve.call(this, request, ...rest);
};
module.exports = fake;
process.on('unhandledRejection', (error) => { log.errors.push(String(error)); report({}); process.exit(1); });
