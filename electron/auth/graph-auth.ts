/**
 * The Graph client's token source backed by the sign-in (MSAL), and the rule for a 401 (DESIGN §3): Graph
 * refusing a token gets one silent refresh; refused again, the user must sign in again — blocked.
 */
import { CompanionError } from '../../shared/ipc/contract-kit';
import type { GraphAuthProvider } from '../groupware/graph/auth';
import { isGroupwareError } from '../groupware/errors';
import type { MicrosoftSignIn } from './microsoft-sign-in';

export function signInGraphAuth(signIn: MicrosoftSignIn): GraphAuthProvider {
  return { getAccessToken: () => signIn.accessToken() };
}

/** Graph said "sign in again": a 401/403 from the Graph driver, or the connection's GROUPWARE_AUTH. */
export function isRefusedByGraph(error: unknown): boolean {
  if (error instanceof CompanionError && error.code === 'GROUPWARE_AUTH') return true;
  return isGroupwareError(error) && error.kind === 'auth';
}

/**
 * Runs `attempt` with an access token; when Graph refuses it, once more with a token refreshed at the identity
 * provider; refused again → *Groupware password blocked* and its error.
 */
export async function withOneRefresh<T>(signIn: MicrosoftSignIn, attempt: (token: string) => Promise<T>): Promise<T> {
  try {
    return await attempt(await signIn.accessToken());
  } catch (error) {
    if (!isRefusedByGraph(error)) throw error;
  }
  const fresh = await signIn.accessToken({ forceRefresh: true });
  try {
    return await attempt(fresh);
  } catch (error) {
    if (!isRefusedByGraph(error)) throw error;
    throw await signIn.block('Microsoft Graph refused the access token, also a freshly refreshed one');
  }
}
