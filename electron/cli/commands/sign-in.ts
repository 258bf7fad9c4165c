/**
 * `crm-companion signin --data-dir DIR --authority URL --client-id ID [--tenant T] [--device-code]
 * [--login-hint NAME] [--ca FILE] [--timeout SECONDS] [--json]`: signs in to Microsoft 365 — in the system
 * browser, or with a device code (prints the message MSAL gives) — and clears *Groupware password blocked*.
 * `crm-companion signout --data-dir DIR`: forgets the sign-in here.
 */
import type { Command } from 'commander';
import { forgetSignIn } from '../../auth/local-sign-in';
import { openSystemBrowser } from '../../auth/system-browser';
import { CliInputError } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { openSignIn, withSignInOptions, type SignInCliOptions } from '../sign-in-options';

interface SignInOptions extends SignInCliOptions {
  deviceCode?: boolean;
  timeout?: string;
  json?: boolean;
}

export function registerSignIn(program: Command, context: CommandContext): void {
  const { io } = context;
  withSignInOptions(program.command('signin').description('sign in to Microsoft 365 (clears Groupware password blocked)'), true)
    .option('--device-code', 'sign in on another device with a code, instead of this computer\'s browser')
    .option('--ca <file>', 'extra CA certificate to trust (PEM), e.g. the sandbox\'s')
    .option('--timeout <seconds>', 'how long to wait for the browser (default 300)')
    .option('--json', 'end with one line of JSON: the account')
    .action(async (options: SignInOptions) => {
      const timeoutMs = options.timeout === undefined ? undefined : Number(options.timeout) * 1000;
      if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new CliInputError(`--timeout "${options.timeout}" is not a number of seconds`);
      const signIn = await openSignIn(options, {
        log: (message) => io.stderr(`${message}\n`),
        openBrowser: async (url) => {
          io.stderr(`Opening the browser to sign in. If it does not open, go to:\n${url}\n`);
          await openSystemBrowser(url).catch((error: unknown) => io.stderr(`${error instanceof Error ? error.message : String(error)}.\n`));
        },
      });
      // Ctrl+C stops the wait cleanly (MSAL's loopback listener and polling included).
      const cancel = new AbortController();
      const onInterrupt = () => cancel.abort();
      process.once('SIGINT', onInterrupt);
      try {
        const account = options.deviceCode === true
          ? await signIn.signInWithDeviceCode((prompt) => io.stdout(`${prompt.message}\n`), cancel.signal)
          : await signIn.signInInteractively({ signal: cancel.signal, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
        const { warning } = await signIn.status();
        if (warning !== undefined) io.stderr(`${warning}\n`);
        io.stdout(options.json === true
          ? `${JSON.stringify({ account, warning: warning ?? null })}\n`
          : `Signed in as ${account.userName}${account.name === undefined ? '' : ` (${account.name})`}.\n`);
      } finally {
        process.off('SIGINT', onInterrupt);
        await signIn.close();
      }
    });

  program
    .command('signout')
    .description('forget the Microsoft 365 sign-in kept here')
    .requiredOption('--data-dir <dir>', 'where the sign-in is kept')
    .action(async (options: { dataDir: string }) => {
      await forgetSignIn(options.dataDir);
      io.stdout('Signed out: no sign-in is kept here any more.\n');
    });
}
