/**
 * The employee account as the main side holds it: loaded when the page opens, replaced by every answer and by
 * each `account.changed` event (a sign-in that ended in the browser, the flag set by a background run).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AccountInfo, AccountUpdate, SignInStarted } from '../../../shared/account/account-info';
import type { ErrorInfo, Result } from '../../../shared/ipc/contract-kit';
import { api } from '../../ipc/api';
import { settle } from '../../ipc/settle';

export type LoadedAccount =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly info: AccountInfo }
  | { readonly status: 'failed'; readonly error: ErrorInfo };

export interface AccountAccess {
  readonly account: LoadedAccount;
  readonly reload: () => void;
  readonly update: (change: AccountUpdate) => Promise<Result<AccountInfo>>;
  readonly signIn: (openIn: 'app' | 'caller') => Promise<Result<SignInStarted>>;
  readonly cancelSignIn: () => Promise<Result<{ cancelled: boolean }>>;
  readonly signOut: () => Promise<Result<AccountInfo>>;
}

export function useAccount(): AccountAccess {
  const [account, setAccount] = useState<LoadedAccount>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stale = false;
    void settle(api.call['account.get']({})).then((result) => {
      if (!stale) setAccount(result.ok ? { status: 'ready', info: result.value } : { status: 'failed', error: result.error });
    });
    const stop = api.on('account.changed', (info) => {
      if (!stale) setAccount({ status: 'ready', info });
    });
    return () => {
      stale = true;
      stop();
    };
  }, [attempt]);

  const keep = useCallback((result: Result<AccountInfo>) => {
    if (result.ok) setAccount({ status: 'ready', info: result.value });
    return result;
  }, []);
  // The answer to signIn is only the page to open; what the account is now comes as account.changed, or here.
  const refresh = useCallback(<T,>(result: Result<T>) => {
    void settle(api.call['account.get']({})).then(keep);
    return result;
  }, [keep]);

  return {
    account,
    reload: useCallback(() => {
      setAccount({ status: 'loading' });
      setAttempt((n) => n + 1);
    }, []),
    update: useCallback((change: AccountUpdate) => settle(api.call['account.update'](change)).then(keep), [keep]),
    signIn: useCallback((openIn: 'app' | 'caller') => settle(api.call['account.signIn']({ openIn })).then(refresh), [refresh]),
    cancelSignIn: useCallback(() => settle(api.call['account.cancelSignIn']({})).then(refresh), [refresh]),
    signOut: useCallback(() => settle(api.call['account.signOut']({})).then(keep), [keep]),
  };
}
