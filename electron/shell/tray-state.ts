/**
 * Which tray icon to show, from the events the main side pushes. Pure, so the mapping is tested; main.ts
 * swaps the image. Icons: assets/tray/tray-<state>.png.
 */
import type { SyncProgress, TrayNotice } from '../../shared/contract';

export type TrayState = 'idle' | 'syncing' | 'attention' | 'blocked';

export type TrayInput =
  | { kind: 'progress'; progress: SyncProgress }
  | { kind: 'notice'; notice: TrayNotice }
  /** The employee account as it is now (at start, and on account.changed): blocked or not. */
  | { kind: 'account'; blocked: boolean };

export function trayIconFile(state: TrayState): string {
  return `tray-${state}.png`;
}

/**
 * A run's start shows "syncing"; its end goes back to idle unless a notice during the run asked for attention
 * (or said the groupware password is blocked), which then stays until the next run starts.
 */
export function nextTrayState(current: TrayState, input: TrayInput): TrayState {
  // Blocked shows from the moment it is known (also at start) until the user has signed in again.
  if (input.kind === 'account') return input.blocked ? 'blocked' : current === 'blocked' ? 'idle' : current;
  if (input.kind === 'progress') {
    if (input.progress.phase !== 'finished') return 'syncing';
    return current === 'syncing' ? 'idle' : current;
  }
  switch (input.notice.kind) {
    case 'blocked':
      return 'blocked';
    case 'attention':
    case 'error':
      return 'attention';
    case 'imported':
      return current === 'syncing' ? 'syncing' : 'idle';
  }
}
