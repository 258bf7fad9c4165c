import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyGraphError, retryAfterMs, type SyncErrorKind } from './errors';

describe('classifyGraphError', () => {
  it.each<[number | undefined, string | null | undefined, SyncErrorKind]>([
    // auth: an invalid token, or a permission the user must get (see AUTH_CODES on why 403 is auth)
    [401, 'InvalidAuthenticationToken', 'auth'],
    [401, undefined, 'auth'],
    [403, 'ErrorAccessDenied', 'auth'],
    [403, null, 'auth'],
    [400, 'accessDenied', 'auth'],
    // resync: the delta token expired, in every casing Graph uses, with or without 410
    [410, 'SyncStateNotFound', 'resync'],
    [410, undefined, 'resync'],
    [400, 'syncStateNotFound', 'resync'],
    [404, 'SYNCSTATENOTFOUND', 'resync'],
    [400, 'resyncRequired', 'resync'],
    // temporary: throttling and server trouble
    [429, 'TooManyRequests', 'temporary'],
    [429, 'ApplicationThrottled', 'temporary'],
    [429, undefined, 'temporary'],
    [500, 'generalException', 'temporary'],
    [502, undefined, 'temporary'],
    [503, 'serviceNotAvailable', 'temporary'],
    [504, undefined, 'temporary'],
    [509, undefined, 'temporary'],
    [408, undefined, 'temporary'],
    [400, 'ErrorServerBusy', 'temporary'],
    // temporary: no response at all (status undefined, or the Graph client's -1), Node/undici codes
    [undefined, 'ECONNRESET', 'temporary'],
    [undefined, 'ETIMEDOUT', 'temporary'],
    [undefined, 'ECONNREFUSED', 'temporary'],
    [undefined, 'EAI_AGAIN', 'temporary'],
    [undefined, 'ENOTFOUND', 'temporary'],
    [undefined, 'EHOSTUNREACH', 'temporary'],
    [undefined, 'UND_ERR_SOCKET', 'temporary'],
    [undefined, 'UND_ERR_CONNECT_TIMEOUT', 'temporary'],
    [undefined, 'TimeoutError', 'temporary'],
    [undefined, 'NetworkError', 'temporary'],
    [-1, 'ECONNRESET', 'temporary'],
    [0, 'econnreset', 'temporary'],
    // notFound: the item is gone
    [404, 'ErrorItemNotFound', 'notFound'],
    [404, 'itemNotFound', 'notFound'],
    [404, undefined, 'notFound'],
    [404, 'ErrorFolderNotFound', 'notFound'],
    [400, 'ErrorItemNotFound', 'notFound'],
    // permanent: a 404 that is about the address or the mailbox, not the item
    [404, 'ResourceNotFound', 'permanent'],
    [404, 'MailboxNotEnabledForRESTAPI', 'permanent'],
    // permanent: everything no retry can cure
    [400, 'ErrorInvalidIdMalformed', 'permanent'],
    [409, 'ErrorFolderExists', 'permanent'],
    [412, undefined, 'permanent'],
    [501, 'NotImplemented', 'permanent'],
    [505, undefined, 'permanent'],
    [507, 'quotaLimitReached', 'permanent'],
    [undefined, 'DEPTH_ZERO_SELF_SIGNED_CERT', 'permanent'],
    [undefined, undefined, 'permanent'],
    [undefined, '', 'permanent'],
    [200, undefined, 'permanent'],
  ])('status %s, code %s → %s', (status, code, kind) => {
    expect(classifyGraphError(status, code)).toBe(kind);
  });

  it('ignores surrounding spaces in the code', () => {
    expect(classifyGraphError(400, ' syncStateNotFound ')).toBe('resync');
  });

  it('treats every 5xx except 501, 505 and 507 as temporary when no code says otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 599 }), (status) => {
        const expected = [501, 505, 507].includes(status) ? 'permanent' : 'temporary';
        expect(classifyGraphError(status)).toBe(expected);
      }),
    );
  });

  it('never classifies an unknown code on a 4xx other than 401/403/404/408/410/429 as anything but permanent', () => {
    const special = new Set([401, 403, 404, 408, 410, 429]);
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 499 }).filter((status) => !special.has(status)),
        fc.stringMatching(/^Zz[A-Za-z]{0,12}$/),
        (status, code) => {
          expect(classifyGraphError(status, code)).toBe('permanent');
        },
      ),
    );
  });
});

describe('retryAfterMs', () => {
  const now = new Date('2026-11-25T12:00:00Z');

  it.each<[string, number]>([
    ['5', 5000],
    ['0', 0],
    ['10', 10_000],
    ['2.128', 2128], // Graph's throttling docs
    ['0.5', 500],
    [' 3 ', 3000],
    ['120', 120_000],
  ])('delay-seconds %j → %d ms', (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms);
  });

  it('reads an HTTP-date as the time left until then', () => {
    expect(retryAfterMs('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 26 Nov 2026 12:00:00 GMT', now)).toBe(86_400_000);
  });

  it('gives 0 for an HTTP-date in the past: retry now', () => {
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(0);
  });

  it('uses the current time when no "now" is given', () => {
    const inOneHour = new Date(Date.now() + 3_600_000).toUTCString(); // toUTCString writes IMF-fixdate
    const ms = retryAfterMs(inOneHour);
    expect(ms).toBeGreaterThan(3_590_000);
    expect(ms).toBeLessThanOrEqual(3_600_000);
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['   '],
    ['-5'],
    ['+5'],
    ['1e3'],
    ['5s'],
    ['.5'],
    ['5.'],
    ['soon'],
    ['Wed, 31 Feb 2026 12:00:00 GMT'], // no such day
    ['Wed, 25 Nov 2026 24:00:00 GMT'], // no such hour
    ['Wed, 25 Nov 2026 12:00:00 CET'], // HTTP-dates are always GMT
    ['2026-11-25T12:00:30Z'], // ISO 8601 is not an HTTP-date
    ['Wednesday, 25-Nov-26 12:00:30 GMT'], // obsolete RFC 850 form
    ['Wed Nov 25 12:00:30 2026'], // obsolete asctime form
  ])('%j → null (caller uses its own backoff)', (header) => {
    expect(retryAfterMs(header, now)).toBeNull();
  });

  it('round-trips any whole-second delay and any future date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), (seconds) => {
        expect(retryAfterMs(String(seconds), now)).toBe(seconds * 1000);
        const at = new Date(now.getTime() + seconds * 1000).toUTCString();
        expect(retryAfterMs(at, now)).toBe(seconds * 1000);
      }),
    );
  });
});
