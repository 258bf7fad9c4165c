/**
 * The *Employee account* as the contract hands it out (DESIGN §3): who the CRM user is, the groupware user name,
 * who is signed in to Microsoft 365, *Groupware password blocked* with its reason and time, *Auto
 * synchronization*, the Web Client setting, and how the sign-in is set up. Pure: zod only.
 */
import { z } from 'zod';
import { ErrorInfoSchema } from '../ipc/contract-kit';
import { SignInEndpointSettings } from '../prefs/account';

export const AccountInfo = z.object({
  /**
   * How the app reaches Outlook: `microsoft` — signs in to Microsoft 365 (the tokens refresh themselves);
   * `token` — a fixed access token given at start (tests, the demo); `none` — no Outlook account configured.
   */
  method: z.enum(['microsoft', 'token', 'none']),
  /** The CRM employee the mailbox belongs to (DESIGN §3 *Signed-in employee*); null until it is known. */
  crmUser: z.object({ key: z.string(), name: z.string() }).nullable(),
  /** The groupware user name (the sign-in page's login hint); null: the one the user types. */
  groupwareUserName: z.string().nullable(),
  /** The Microsoft 365 account the app holds a sign-in for. */
  signedInAs: z.object({ userName: z.string(), name: z.string().nullable() }).nullable(),
  /** *Groupware password blocked*: set by a failed sign-in, cleared by signing in again. */
  blocked: z.object({ reason: z.string(), at: z.string() }).nullable(),
  /** *Auto synchronization* (the preferences' automatic synchronization). */
  autoSync: z.boolean(),
  /** The Web Client's base URL (preferences); links to activities point there when set. */
  webClientBaseUrl: z.string().nullable(),
  signIn: SignInEndpointSettings,
  /** A sentence when the sign-in cannot work as set up (no authority or client id); null when it can. */
  setupProblem: z.string().nullable(),
  /** A sentence when the token cache is protected by a key in a file only (no OS keyring); null otherwise. */
  cacheWarning: z.string().nullable(),
  /** An interactive sign-in under way: the page to open, and when the app stops waiting for it. */
  signingIn: z.object({ url: z.string().nullable(), startedAt: z.string(), timeoutAt: z.string() }).nullable(),
  /** How the last sign-in ended when it did not succeed (cancelled, timed out, refused); null otherwise. */
  lastSignInError: ErrorInfoSchema.nullable(),
});
export type AccountInfo = z.infer<typeof AccountInfo>;

export const AccountUpdate = z
  .object({
    groupwareUserName: z.string().max(512).nullable().optional(),
    autoSync: z.boolean().optional(),
    signIn: SignInEndpointSettings.partial().strict().optional(),
  })
  .strict();
export type AccountUpdate = z.input<typeof AccountUpdate>;

/** Where the sign-in page opens: `app` — the app opens the system browser; `caller` — the page asking opens it. */
export const SignInRequest = z.object({ openIn: z.enum(['app', 'caller']).default('app') }).strict();

export const SignInStarted = z.object({
  /** The identity provider's sign-in page. */
  url: z.string(),
  /** True when the app opened it itself (the desktop's system browser). */
  openedByApp: z.boolean(),
});
export type SignInStarted = z.infer<typeof SignInStarted>;
