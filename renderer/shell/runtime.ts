/**
 * Desktop mode has the preload bridge on `window.companion`; a plain browser tab (browser mode) has not. The
 * shell uses this to decide who shows tray notices: the OS tray in desktop mode, the page in browser mode.
 */
export function isBrowserMode(): boolean {
  return window.companion === undefined;
}
