/**
 * The sign-in settings (tenant, client id, authority) as one validated object: the CLI's options and later the
 * preferences pass through here, so MSAL never sees a malformed authority.
 */
import { z } from 'zod';

/** Microsoft Graph's delegated permissions the sync needs; consented all at once (a refresh cannot add scopes). */
export const GRAPH_SCOPES = ['User.Read', 'Mail.ReadWrite', 'Calendars.ReadWrite', 'Tasks.ReadWrite'] as const;

/** Entra's cloud hosts: MSAL discovers these itself; any other host must be named in knownAuthorities. */
const MICROSOFT_HOSTS = new Set(['login.microsoftonline.com', 'login.microsoft.com', 'login.windows.net', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.microsoftonline.de']);

export const SignInSettings = z.object({
  /** `https://login.microsoftonline.com/<tenant>`, or a root URL with the tenant given apart. */
  authority: z.url({ protocol: /^https$/, error: 'The authority must be an https:// address, e.g. https://login.microsoftonline.com/organizations' }),
  /** Tenant id or domain; appended to an authority that names none. */
  tenant: z.string().trim().min(1).optional(),
  clientId: z.string().trim().min(1, 'The client id (the app registration\'s Application ID) is missing'),
  /** The groupware user name, offered to the sign-in page. */
  loginHint: z.string().trim().min(1).optional(),
  /** Extra CA certificate(s) to trust, PEM (the sandbox's, a corporate TLS proxy's). */
  caPem: z.string().optional(),
  /** How long an interactive sign-in may wait for the browser. */
  interactiveTimeoutMs: z.number().int().positive().default(5 * 60_000),
});
export type SignInSettings = z.input<typeof SignInSettings>;

export interface ResolvedSignInSettings {
  authority: string;
  /** `host[:port]` of a non-Microsoft authority (the sandbox, ADFS-like), for MSAL's knownAuthorities. */
  knownAuthorities: string[];
  clientId: string;
  loginHint: string | undefined;
  caPem: string | undefined;
  interactiveTimeoutMs: number;
}

/** Validates and resolves the settings; a mistake is a RangeError with one sentence saying what to give. */
export function resolveSignInSettings(input: SignInSettings): ResolvedSignInSettings {
  const parsed = SignInSettings.safeParse(input);
  if (!parsed.success) throw new RangeError(parsed.error.issues.map((i) => i.message).join('; '));
  const s = parsed.data;
  const url = new URL(s.authority);
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '' && s.tenant === undefined) {
    throw new RangeError(`The authority ${s.authority} names no tenant: add it to the address or give the tenant (id or domain, or "organizations")`);
  }
  const authority = `${url.origin}${path === '' ? `/${s.tenant ?? ''}` : path}`;
  return {
    authority,
    knownAuthorities: MICROSOFT_HOSTS.has(url.hostname) ? [] : [url.host],
    clientId: s.clientId,
    loginHint: s.loginHint,
    caPem: s.caPem,
    interactiveTimeoutMs: s.interactiveTimeoutMs,
  };
}
