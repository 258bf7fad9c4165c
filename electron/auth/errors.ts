/**
 * The sign-in's error codes (CompanionError) and their sentences. Messages never carry a token.
 */
import { CompanionError } from '../../shared/ipc/contract-kit';
import type { Blocked } from './blocked-state';

export const AuthErrorCode = {
  /** DESIGN §3: a sign-in failed; nothing goes out until the user signs in again. */
  Blocked: 'GROUPWARE_PASSWORD_BLOCKED',
  /** No account in the token cache: the user never signed in here, or signed out. */
  NotSignedIn: 'GROUPWARE_NOT_SIGNED_IN',
  /** The interactive sign-in was cancelled by the app (the user closed the dialog). */
  Cancelled: 'SIGN_IN_CANCELLED',
  /** The browser did not come back in time. */
  TimedOut: 'SIGN_IN_TIMED_OUT',
  /** The identity provider could not be reached or answered something unusable: try again later. */
  Unavailable: 'SIGN_IN_UNAVAILABLE',
  /** The sign-in settings are wrong (authority, client id). */
  BadSettings: 'SIGN_IN_SETTINGS_INVALID',
} as const;

export function blockedError(blocked: Blocked): CompanionError {
  return new CompanionError(
    AuthErrorCode.Blocked,
    `Groupware password blocked since ${blocked.at}: ${withoutStop(blocked.reason)}. No request goes to Microsoft 365 until you sign in again (crm-companion signin).`,
  );
}

export const notSignedIn = () =>
  new CompanionError(AuthErrorCode.NotSignedIn, 'Not signed in to Microsoft 365 here: sign in first (crm-companion signin).');

const withoutStop = (text: string) => text.replace(/[.!?]+$/, '');
