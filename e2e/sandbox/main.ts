import { parseArgs } from 'node:util';
import { startSandbox, type StartSandboxOptions } from './index';
import { MailboxFileError } from './mailbox-file';

// `npm run sandbox -- --mailbox FILE.json --port P --token T --cert-out CERT.pem` (DESIGN §5).
// Bad input exits 2 with a message saying what is wrong, never a stack trace.

const USAGE = 'usage: npm run sandbox -- --mailbox FILE.json --token T [--port P] [--cert-out CERT.pem] [--max-page-size N]';

function fail(message: string, code = 2): never {
  process.stderr.write(`sandbox: ${message}\n`);
  process.exit(code);
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function options(): StartSandboxOptions {
  const parse = () => parseArgs({
    options: {
      mailbox: { type: 'string' }, port: { type: 'string', default: '0' }, token: { type: 'string' },
      'cert-out': { type: 'string' }, 'max-page-size': { type: 'string' }, help: { type: 'boolean' },
    },
    strict: true,
  });
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse());
  } catch (e) {
    fail(`${messageOf(e)}\n${USAGE}`);
  }
  if (values.help) { process.stdout.write(`${USAGE}\n`); process.exit(0); }
  if (values.mailbox === undefined) fail(`--mailbox is required\n${USAGE}`);
  if (!values.token) fail(`--token is required\n${USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${values.port}"`);
  const maxPageSize = Number(values['max-page-size'] ?? 1000);
  if (!Number.isInteger(maxPageSize) || maxPageSize < 1) fail('--max-page-size must be a positive integer');
  return { mailbox: values.mailbox, port, token: values.token, config: { maxPageSize }, ...(values['cert-out'] ? { certOut: values['cert-out'] } : {}) };
}

const sandbox = await startSandbox(options()).catch((e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  if (e instanceof MailboxFileError || code === 'EADDRINUSE' || code === 'EACCES' || code === 'ENOENT') fail(messageOf(e));
  fail(messageOf(e), 1);
});
process.stdout.write(`sandbox listening on ${sandbox.url}\n`);
const idp = sandbox.admin.idp.state();
process.stdout.write(`identity provider: --authority ${idp.authority} --client-id ${idp.clientId} (user ${idp.userName}, password ${sandbox.admin.idp.password})\n`);
const stop = () => { void sandbox.close().then(() => process.exit(0)); };
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
