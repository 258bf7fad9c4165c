/**
 * Which tray icon to show, from the events the main side pushes. Pure, so the mapping is tested; main.ts
 * swaps the image. Icons: assets/tray/tray-<state>.png.
 */
import type { SyncProgress, TrayNotice } from '../../shared/contract';

export type TrayState = 'idle' | 'syncing' | 'attention' | 'blocked';

export type TrayInput = { kind: 'progress'; progress: SyncProgress } | { kind: 'notice'; notice: TrayNotice };

export function trayIconFile(state: TrayState): string {
  return `tray-${state}.png`;
}

/**
 * A run's start shows "syncing"; its end goes back to idle unless a notice during the run asked for attention
 * (or said the groupware password is blocked), which then stays until the next run starts.
 */
export function nextTrayState(current: TrayState, input: TrayInput): TrayState {
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
