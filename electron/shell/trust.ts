/**
 * Pure decisions behind the window's guards (window.ts) and the IPC sender check (ipc.ts), testable without
 * Electron: which URL is our app, which frame may call, which links may leave for the system browser.
 */

/** Our page: same scheme, host and path as the app's URL; only the #route may differ. */
export function isAppUrl(url: string, appUrl: string): boolean {
  const a = parseUrl(url);
  const b = parseUrl(appUrl);
  return a !== null && b !== null && a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname && a.search === b.search;
}

/** The part of WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}

/**
 * A call is trusted when it comes from the main frame of our window (not a sub-frame, not another window)
 * and that frame shows our page (not a page it was navigated to).
 */
export function isTrustedFrame(frame: FrameLike | null, windowMainFrame: FrameLike | null | undefined, appUrl: string): boolean {
  if (frame === null || windowMainFrame === null || windowMainFrame === undefined) return false;
  if (frame.parent !== null) return false;
  if (frame.processId !== windowMainFrame.processId || frame.routingId !== windowMainFrame.routingId) return false;
  return isAppUrl(frame.url, appUrl);
}

/** Only http(s) links go to the system browser; file:, javascript:, custom schemes never do. */
export function isExternalWebUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'https:' || parsed.protocol === 'http:');
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
