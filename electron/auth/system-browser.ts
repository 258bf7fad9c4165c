/**
 * Opens an address in the user's default browser, as MSAL's interactive flow needs (it has no opener of its
 * own in Node). The desktop shell uses Electron's shell.openExternal instead.
 */
import { spawn } from 'node:child_process';

export function openSystemBrowser(url: string): Promise<void> {
  const [command, args] =
    process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
    : process.platform === 'darwin' ? ['open', [url]]
    : ['xdg-open', [url]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', (error) => reject(new Error(`No browser could be opened (${command}: ${error.message})`, { cause: error })));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
