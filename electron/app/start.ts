/**
 * `npm start`: the main job on its embedded default. The desktop app where an Electron binary exists, otherwise
 * browser mode on 127.0.0.1 (prints its URL with the per-run secret and opens a browser if there is one).
 * With no groupware account given it starts the demo: the Graph sandbox with a demo mailbox and demo CRM data.
 *
 *   npm start [-- --browser] [--port P] [--data-dir DIR] [--no-open]
 *             [--graph-url URL [--token T] [--ca CERT.pem]]   (an own Graph endpoint instead of the demo)
 *             [--authority URL --client-id ID [--tenant T]]   (the Microsoft 365 sign-in, when no --token)
 *             [--sign-in]                                     (the demo with the sign-in at the sandbox's identity provider)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserApp } from './browser-app';
import { demoCrmFile, startDemoSandbox, type DemoSandbox } from './demo-sandbox';
import { defaultDataDir, electronMainBundle, projectRoot, rendererDistDir } from './paths';

const { values: args } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'no-open': { type: 'boolean', default: false },
    'graph-url': { type: 'string' },
    token: { type: 'string' },
    ca: { type: 'string' },
    authority: { type: 'string' },
    'client-id': { type: 'string' },
    tenant: { type: 'string' },
    'sign-in': { type: 'boolean', default: false },
  },
});

/** The Electron binary's path, or null where it could not be downloaded (the `electron` package throws then). */
function electronBinary(): string | null {
  try {
    const found: unknown = createRequire(import.meta.url)('electron');
    return typeof found === 'string' && existsSync(found) ? found : null;
  } catch {
    return null;
  }
}

function runNpmScript(script: string): void {
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], { cwd: projectRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run ${script} failed`);
}

function openInBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return; // no desktop
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined); // no opener installed: the printed URL is enough
  child.unref();
}

async function main(): Promise<void> {
  const dataDir = path.resolve(args['data-dir'] ?? defaultDataDir());
  let sandbox: DemoSandbox | null = null;
  let groupware: { url: string; token?: string; ca?: string };
  // Without --token the app signs in to Microsoft 365; these settings go to the employee account at start.
  let endpoint: { authority: string; clientId: string; tenant?: string } | undefined =
    args.authority && args['client-id'] ? { authority: args.authority, clientId: args['client-id'], ...(args.tenant ? { tenant: args.tenant } : {}) } : undefined;
  const demo = !args['graph-url'];
  if (args['graph-url']) {
    groupware = { url: args['graph-url'], ...(args.token ? { token: args.token } : {}), ...(args.ca ? { ca: args.ca } : {}) };
    if (!args.token) console.log('No --token: signing in to Microsoft 365 under User preferences › Employee account.');
  } else {
    sandbox = await startDemoSandbox(path.join(dataDir, 'demo'));
    console.log(`Demo: Outlook sandbox with sample mails at ${sandbox.url}; no real mailbox is touched.`);
    if (args['sign-in']) {
      groupware = { url: sandbox.url, ca: sandbox.certFile };
      endpoint = { authority: sandbox.signIn.authority, clientId: sandbox.signIn.clientId };
      console.log(`Demo sign-in: User preferences › Employee account › Sign in, as ${sandbox.signIn.userName} with the password ${sandbox.signIn.password}.`);
    } else {
      groupware = { url: sandbox.url, token: sandbox.token, ca: sandbox.certFile };
    }
  }
  const appDataDir = demo ? path.join(dataDir, 'demo') : dataDir;
  const crmSeed = demo ? (JSON.parse(readFileSync(demoCrmFile, 'utf8')) as unknown) : undefined;

  const electron = args.browser ? null : electronBinary();
  if (electron) {
    if (!existsSync(electronMainBundle) || !existsSync(path.join(rendererDistDir, 'index.html'))) runNpmScript('build');
    const child = spawn(electron, [electronMainBundle], {
      cwd: projectRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        CRM_COMPANION_DATA_DIR: appDataDir,
        CRM_COMPANION_DEMO: demo ? '1' : '',
        CRM_COMPANION_GRAPH_URL: groupware.url,
        CRM_COMPANION_GRAPH_TOKEN: groupware.token ?? '',
        CRM_COMPANION_GRAPH_CA: groupware.ca ?? '',
        CRM_COMPANION_AUTHORITY: endpoint?.authority ?? '',
        CRM_COMPANION_CLIENT_ID: endpoint?.clientId ?? '',
        CRM_COMPANION_TENANT: endpoint?.tenant ?? '',
        CRM_COMPANION_CRM_SEED: demo ? demoCrmFile : '',
        ...(groupware.ca ? { NODE_EXTRA_CA_CERTS: groupware.ca } : {}),
      },
    });
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await sandbox?.stop();
    return;
  }

  if (!existsSync(path.join(rendererDistDir, 'index.html'))) {
    console.log('Building the user interface once (npm run build:renderer)…');
    runNpmScript('build:renderer');
  }
  const app = await startBrowserApp({
    dataDir: appDataDir,
    port: Number(args.port),
    demo,
    groupware,
    ...(crmSeed ? { crmSeed } : {}),
    ...(endpoint ? { signIn: { endpoint } } : {}),
  });
  console.log(`CRM Companion runs in browser mode (no Electron binary${args.browser ? ' requested' : ' here'}).`);
  console.log(`Open: ${app.url}`);
  console.log('The address holds a secret for this run only; press Ctrl+C to stop.');
  if (!args['no-open'] && !process.env.CI) openInBrowser(app.url);

  const stop = async () => {
    await app.close();
    await sandbox?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`CRM Companion could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
