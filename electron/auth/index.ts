/** Sign-in to Microsoft 365 (MSAL), the encrypted token cache and *Groupware password blocked*. */
export { GRAPH_SCOPES, resolveSignInSettings, SignInSettings, type ResolvedSignInSettings } from './config';
export { AuthErrorCode } from './errors';
export { isRefusedByGraph, signInGraphAuth, withOneRefresh } from './graph-auth';
export { MicrosoftSignIn, type DeviceCodePrompt, type MicrosoftSignInOptions, type SignedInAccount, type SignInStatus } from './microsoft-sign-in';
export { fileKeyProtector, type SecretProtector } from './secret-protector';
export type { Blocked } from './blocked-state';
