/**
 * Where the shell can send the page (the renderer uses hash routes, which work from file:// and from the
 * browser host alike), and how `crm-companion://` links map onto them.
 */
export const PROTOCOL_SCHEME = 'crm-companion';

export const Route = {
  start: '#/',
  sync: '#/sync',
  preferences: '#/preferences',
  activities: '#/activities',
  conflicts: '#/conflicts',
  connectionCheck: '#/connection-check',
} as const;
export type RouteHash = string;

/** Activity ids as the CRM writes them into links; anything else is not routed (no path tricks, no script). */
const ACTIVITY_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** `crm-companion://activities/<id>` → `#/activities/<id>`; `crm-companion://activities` → the list; else null. */
export function routeForDeepLink(link: string): RouteHash | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${PROTOCOL_SCHEME}:` || url.hostname !== 'activities') return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments.length === 0) return Route.activities;
  if (segments.length !== 1) return null;
  let id: string;
  try {
    id = decodeURIComponent(segments[0] ?? '');
  } catch {
    return null;
  }
  return ACTIVITY_ID.test(id) && id !== '.' && id !== '..' ? `${Route.activities}/${id}` : null;
}

/** The deep link among command-line arguments (Windows and Linux pass it to the new or second instance). */
export function findDeepLink(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${PROTOCOL_SCHEME}:`));
}
