/**
 * Who may use the browser-mode host. A random secret is made per run and printed as part of the URL the user
 * opens; presenting it once at `/?secret=…` earns an HttpOnly, SameSite=Strict session cookie (a separate random
 * value, so the URL secret is not what travels on every request). Every other request must carry that cookie.
 * Comparisons are constant-time: both sides are hashed first, which also hides the length.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface HostAuth {
  /** Goes into the URL the user opens; 32 random bytes, base64url. */
  readonly secret: string;
  checkSecret(candidate: string | null | undefined): boolean;
  /** The Set-Cookie header value that starts a session. */
  sessionCookie(): string;
  /** 'missing' → 401 (log in first); 'wrong' → 403 (a stale or forged cookie). */
  session(cookieHeader: string | undefined): 'valid' | 'missing' | 'wrong';
}

export function createHostAuth(port: number): HostAuth {
  const secret = randomBytes(32).toString('base64url');
  const session = randomBytes(32).toString('base64url');
  // Cookies ignore ports: a per-port name keeps two hosts on 127.0.0.1 (two instances, parallel tests) apart.
  const cookieName = `crm_companion_${port}`;

  return {
    secret,
    checkSecret: (candidate) => typeof candidate === 'string' && sameSecret(candidate, secret),
    sessionCookie: () => `${cookieName}=${session}; Path=/; HttpOnly; SameSite=Strict`,
    session: (header) => {
      const value = readCookie(header, cookieName);
      if (value === undefined) return 'missing';
      return sameSecret(value, session) ? 'valid' : 'wrong';
    },
  };
}

function sameSecret(candidate: string, expected: string): boolean {
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
