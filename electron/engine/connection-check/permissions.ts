/**
 * The Microsoft Graph permissions (delegated) the synchronization needs, one per area the check reads (README,
 * *Using a real Microsoft 365 tenant*). A read that Graph refuses with 403 names the area's permission; an access
 * token that is a JWT (Microsoft's are) also lists its scopes in `scp`, which shows a missing write permission
 * that no read can reveal (Mail.Read instead of Mail.ReadWrite).
 */
import { z } from 'zod';

export const PERMISSION_BY_AREA = {
  mailbox: 'User.Read',
  folders: 'Mail.ReadWrite',
  calendar: 'Calendars.ReadWrite',
  tasks: 'Tasks.ReadWrite',
} as const;
export type CheckedArea = keyof typeof PERMISSION_BY_AREA;
export type Permission = (typeof PERMISSION_BY_AREA)[CheckedArea];

export const REQUIRED_PERMISSIONS: readonly Permission[] = Object.values(PERMISSION_BY_AREA);

const jwtPayload = z.looseObject({ scp: z.string() });

/** The scopes a JWT access token grants, or null when the token is not a JWT with `scp` (the sandbox's, an app token). */
export function grantedScopes(token: string): Set<string> | null {
  const payload = token.split('.')[1];
  if (payload === undefined || token.split('.').length !== 3) return null;
  try {
    const parsed = jwtPayload.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? new Set(parsed.data.scp.split(' ').filter((scope) => scope !== '')) : null;
  } catch {
    return null;
  }
}

/** The required permissions a token's scopes lack (case-insensitive; X.ReadWrite also grants X.Read). */
export function missingFromScopes(scopes: ReadonlySet<string>): Permission[] {
  const held = new Set([...scopes].map((scope) => scope.toLowerCase()));
  const covered = (permission: string) => held.has(permission.toLowerCase()) || held.has(permission.toLowerCase().replace(/\.read$/u, '.readwrite'));
  return REQUIRED_PERMISSIONS.filter((permission) => !covered(permission));
}
