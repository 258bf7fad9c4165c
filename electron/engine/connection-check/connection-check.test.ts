/**
 * The check's pure parts: skipping after a failure (and after a skip, naming the first failure), an unexpected
 * throw as a failed check, and the scopes an access token grants.
 */
import { describe, expect, it } from 'vitest';
import { grantedScopes, missingFromScopes } from './permissions';
import { runSteps, type CheckStep, type StepResult } from './runner';

const step = (id: string, needs: string[], result: StepResult | Error): CheckStep => ({
  id,
  title: id.toUpperCase(),
  needs,
  run: () => (result instanceof Error ? Promise.reject(result) : Promise.resolve(result)),
});
const texts = { skipped: (failed: string) => `skipped after ${failed}`, unexpected: (error: unknown) => ({ status: 'failed' as const, message: String(error) }) };

describe('runSteps', () => {
  it('skips what depends on a failed step, and what depends on a skipped one, naming the failure', async () => {
    const checks = await runSteps(
      [
        step('a', [], { status: 'passed', message: 'ok' }),
        step('b', ['a'], { status: 'failed', message: 'broken', fix: 'mend it' }),
        step('c', ['b'], { status: 'passed', message: 'never run' }),
        step('d', ['c'], { status: 'passed', message: 'never run' }),
        step('e', ['a'], { status: 'warning', message: 'half', more: [{ id: 'e1', title: 'E1', status: 'warning', message: 'sub' }] }),
        step('f', ['e'], new Error('boom')),
      ],
      texts,
    );
    expect(checks.map((c) => `${c.id} ${c.status} ${c.message}`)).toEqual([
      'a passed ok',
      'b failed broken',
      'c skipped skipped after B',
      'd skipped skipped after B',
      'e warning half',
      'e1 warning sub',
      'f failed Error: boom',
    ]);
    expect(checks[1]?.fix).toBe('mend it');
    expect(checks[0]).not.toHaveProperty('fix');
  });
});

describe('access token scopes', () => {
  const jwt = (payload: object) => `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

  it('reads scp from a JWT; anything else is not known', () => {
    expect(grantedScopes(jwt({ scp: 'Mail.Read User.Read' }))).toEqual(new Set(['Mail.Read', 'User.Read']));
    expect(grantedScopes('opaque-sandbox-token')).toBeNull();
    expect(grantedScopes(jwt({ roles: ['Mail.Read'] }))).toBeNull();
    expect(grantedScopes('a.!!!.b')).toBeNull();
  });

  it('names the permissions missing; ReadWrite grants Read; case does not matter', () => {
    expect(missingFromScopes(new Set(['Mail.Read', 'user.readwrite', 'Calendars.ReadWrite']))).toEqual(['Mail.ReadWrite', 'Tasks.ReadWrite']);
    expect(missingFromScopes(new Set(['Mail.ReadWrite', 'User.Read', 'Calendars.ReadWrite', 'Tasks.ReadWrite', 'offline_access']))).toEqual([]);
  });
});
