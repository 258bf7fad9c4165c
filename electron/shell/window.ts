/**
 * The app window and the guards every WebContents gets (Electron's security checklist): isolated, sandboxed
 * renderer without Node; no navigation away from our page; no new windows (http(s) links open in the system
 * browser); no <webview>; no permission prompts; CSP on every response of the session.
 */
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { isAppUrl, isExternalWebUrl } from './trust';

export interface MainWindowConfig {
  title: string;
  /** dist/electron/preload.cjs */
  preload: string;
  icon?: string;
}

export function createMainWindow(cfg: MainWindowConfig): BrowserWindow {
  const win = new BrowserWindow({
    title: cfg.title,
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    show: false, // shown on ready-to-show: no white flash
    ...(cfg.icon !== undefined ? { icon: cfg.icon } : {}),
    webPreferences: {
      preload: cfg.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  return win;
}

/** For app.on('web-contents-created'): applies to every WebContents, including ones we did not expect. */
export function guardContents(contents: WebContents, appUrl: string): void {
  const stayOrLeave = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, appUrl)) return; // same page, another #route
    event.preventDefault();
    if (isExternalWebUrl(url)) void shell.openExternal(url);
  };
  contents.on('will-navigate', (details) => stayOrLeave(details, details.url));
  contents.on('will-redirect', (details) => stayOrLeave(details, details.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function applySessionPolicy(session: Session, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
  // The app asks for no camera, microphone, geolocation or notifications permission; refuse them all.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
