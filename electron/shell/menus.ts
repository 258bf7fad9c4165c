/**
 * The application menu and the tray menu as data (Electron's MenuItemConstructorOptions), built from actions
 * the caller supplies, so the structure is tested without Electron and main.ts only wires it up.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ShellLabels } from './labels';
import { Route, type RouteHash } from './routes';

export interface MenuActions {
  /** Shows the window (creating it if needed), on this route if one is given. */
  show(route: RouteHash | null): void;
  quit(): void;
  /** Absent until the sync engine exists: "Sync now" is then shown disabled. */
  syncNow?: () => void;
}

export interface MenuContext {
  labels: ShellLabels;
  isMac: boolean;
  /** Developer tools only in development builds. */
  isPackaged: boolean;
}

export function applicationMenuTemplate(actions: MenuActions, ctx: MenuContext): MenuItemConstructorOptions[] {
  const { labels } = ctx;
  const file: MenuItemConstructorOptions = {
    label: labels.file,
    submenu: [
      { id: 'activity-sync', label: labels.activitySynchronization, click: () => actions.show(Route.sync) },
      { id: 'activities', label: labels.activities, click: () => actions.show(Route.activities) },
      { id: 'conflicts', label: labels.conflicts, click: () => actions.show(Route.conflicts) },
      { id: 'connection-check', label: labels.connectionCheck, click: () => actions.show(Route.connectionCheck) },
      { id: 'preferences', label: labels.userPreferences, accelerator: 'CmdOrCtrl+,', click: () => actions.show(Route.preferences) },
      { type: 'separator' },
      { id: 'quit', label: labels.quit, accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: labels.edit,
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: labels.view,
    submenu: [
      { role: 'reload' },
      ...(ctx.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = { label: labels.help, role: 'help', submenu: [{ role: 'about', label: labels.about }] };
  return [...(ctx.isMac ? [{ role: 'appMenu' } as const] : []), file, edit, view, help];
}

export function trayMenuTemplate(actions: MenuActions, labels: ShellLabels): MenuItemConstructorOptions[] {
  const syncNow = actions.syncNow;
  return [
    { id: 'sync-now', label: labels.syncNow, enabled: syncNow !== undefined, click: () => syncNow?.() },
    { type: 'separator' },
    { id: 'activity-sync', label: labels.activitySynchronization, click: () => actions.show(Route.sync) },
    { id: 'open-activities', label: labels.openActivities, click: () => actions.show(Route.activities) },
    { id: 'preferences', label: labels.userPreferences, click: () => actions.show(Route.preferences) },
    { type: 'separator' },
    { id: 'quit', label: labels.quit, click: () => actions.quit() },
  ];
}
