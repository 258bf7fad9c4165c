/**
 * The latest `sync.progress` event while an operation runs (reading Outlook, importing), null before the first
 * one arrives. Listens only while `active`, and starts over each time it becomes active, so a finished
 * operation's last numbers never show on the next one.
 */
import { useEffect, useState } from 'react';
import type { SyncProgress } from '../../../shared/contract';
import { api } from '../../ipc/api';

export function useSyncProgress(active: boolean): SyncProgress | null {
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  useEffect(() => {
    if (!active) return undefined;
    const stopListening = api.on('sync.progress', setProgress);
    return () => {
      stopListening();
      setProgress(null);
    };
  }, [active]);
  return active ? progress : null;
}
