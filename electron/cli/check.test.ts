/**
 * `crm-companion check`, run as a user runs it (its own node process through bin.mjs) against the Graph sandbox
 * with the demo mailbox: the checks in words, the exit codes (0 with warnings, 1 with a failed check, 2 on bad input).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectBadInput, lastJsonLine, startCliHarness, type CliHarness } from '../../e2e/cli/cli-harness';
import { ConnectionCheckReport } from '../../shared/sync/connection-check-types';

let h: CliHarness;
let db: string;
beforeAll(async () => {
  h = await startCliHarness('check');
  db = await h.database();
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.admin.reset());

describe('crm-companion check', () => {
  it('prints each check with what to do; misnamed folders are warnings, so the exit code is 0', async () => {
    const run = await h.cli('check', '--db', db, ...h.graph());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`✓ Sign-in: Microsoft Graph at ${h.sandbox.url} accepted the sign-in.`);
    expect(lines).toContain('! Import folder/CRM Ohne Status: Folder "CRM Ohne Status" is not imported from: the status key in square brackets is missing at the end of its name, e.g. "CRM Ohne Status [O]". The status keys in the CRM are E, I, O.');
    expect(lines).toContain('    → Rename the folder in Outlook, e.g. to "CRM Ohne Status [O]".');
    expect(lines).toContain('✓ Archive folder: "CARMEN/EVI/TINA activities" is not there yet: it will be created under the Inbox at the first import.');
  });

  it('--json: one line, the report; a missing Import folder fails the check (exit code 1)', async () => {
    h.sandbox.admin.deleteFolder(h.sandbox.admin.folder('inbox', 'Import folder').id);
    const run = await h.cli('check', '--db', db, ...h.graph(), '--json');
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = ConnectionCheckReport.parse(lastJsonLine(run));
    expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual(['importFolder']);
    expect(report.checks.find((c) => c.id === 'importFolder')?.fix).toBe('In Outlook, create the folder "Import folder" directly under the Inbox.');
  });

  it('a refused token is a failed sign-in in words (exit code 1), the rest skipped', async () => {
    const run = await h.cli('check', '--db', db, '--graph-url', h.sandbox.url, '--token', 'wrong', '--ca', h.certFile);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^✗ Sign-in: Microsoft Graph at .+ refused the sign-in \(401 InvalidAuthenticationToken\)/);
    expect(lines[1]).toBe('    → Sign in again (or give a valid token).');
    expect(lines[2]).toBe('- Mailbox: Not checked, because "Sign-in" failed.');
  });

  it('bad input: exit code 2 with one sentence', async () => {
    expectBadInput(await h.cli('check', '--db', db, '--graph-url', 'http://127.0.0.1:1', '--token', 't'), /must be an https:\/\/ address/);
    expectBadInput(await h.cli('check', '--db', db, ...h.graph().slice(0, 4), '--ca', 'missing.pem'), /certificate file missing\.pem given with --ca does not exist/);
    expectBadInput(await h.cli('check', '--db', 'nowhere.sqlite', ...h.graph()), /database nowhere\.sqlite does not exist/);
  });
});
