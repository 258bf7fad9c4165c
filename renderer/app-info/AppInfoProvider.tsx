/**
 * Loads `app.info` once for the whole window: the start page shows it and the shell's demo banner depends on
 * it, so both read the same answer instead of asking twice.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../shared/contract';
import { ErrorCode, type ErrorInfo } from '../../shared/ipc/contract-kit';
import { api } from '../ipc/api';

export type AppInfoState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly info: AppInfo }
  | { readonly status: 'failed'; readonly error: ErrorInfo };

interface AppInfoContextValue {
  readonly state: AppInfoState;
  /** Asks again, e.g. after the user fixed what the error message said. */
  readonly reload: () => void;
}

const AppInfoContext = createContext<AppInfoContextValue | null>(null);

export function AppInfoProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AppInfoState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stale = false;
    void loadAppInfo().then((next) => {
      if (!stale) setState(next);
    });
    return () => {
      stale = true;
    };
  }, [attempt]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return <AppInfoContext value={{ state, reload }}>{children}</AppInfoContext>;
}

async function loadAppInfo(): Promise<AppInfoState> {
  try {
    const result = await api.call['app.info']({});
    return result.ok ? { status: 'ready', info: result.value } : { status: 'failed', error: result.error };
  } catch (cause) {
    // The client promises to resolve with a Result; should it reject anyway, say so instead of spinning forever.
    return { status: 'failed', error: { code: ErrorCode.Internal, message: String(cause) } };
  }
}

export function useAppInfo(): AppInfoContextValue {
  const value = useContext(AppInfoContext);
  if (!value) throw new Error('useAppInfo needs an <AppInfoProvider> above it');
  return value;
}
