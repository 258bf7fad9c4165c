/**
 * Sign-in tests against the Graph sandbox's identity provider, started in the test's process: sign-ins through
 * real MSAL on fresh data directories, the sandbox's user playing the browser, and the counters to prove what
 * went over the wire.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGraphHttp } from '../../electron/groupware/graph/client';
import { signInGraphAuth } from '../../electron/auth/graph-auth';
import { MicrosoftSignIn, type DeviceCodePrompt, type MicrosoftSignInOptions } from '../../electron/auth/microsoft-sign-in';
import { SANDBOX_CLIENT_ID, startSandbox, type RunningSandbox } from '../sandbox';
import { SandboxUser, type SignInWalk } from '../sandbox/idp/sandbox-user';

export const SANDBOX_USER = 'm.mueller@example.com';
const fixtures = path.join(import.meta.dirname, '..', 'fixtures');

export interface SignInHarness {
  sandbox: RunningSandbox;
  /** A data directory of its own for each test (reset() makes a new one). */
  dataDir: string;
  /** What the sign-ins logged. */
  logs: string[];
  certFile: string;
  signIn(extra?: Partial<MicrosoftSignInOptions>): MicrosoftSignIn;
  user(options?: { password?: string; consent?: boolean }): SandboxUser;
  /** A browser for openBrowser: the user walks each page; the walks are kept. */
  browser(u?: SandboxUser): { walks: Array<Promise<SignInWalk>>; openBrowser: (url: string) => Promise<void> };
  deviceCodeSignIn(s: MicrosoftSignIn, u?: SandboxUser): Promise<{ prompts: DeviceCodePrompt[] }>;
  /** GET /me with the sign-in's token, as the Graph provider would. */
  graphMe(s: MicrosoftSignIn): Promise<unknown>;
  /** POSTs to the identity provider's token endpoint since the last reset. */
  tokenRequests(): number;
  /** Graph requests the sandbox has seen since the last reset. */
  graphRequests(): number;
  /** Every file in the data directory, as text, for looking for secrets. */
  dataDirText(): string;
  /** Before each test: the sandbox as started, a new data directory, nothing open. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startSignInHarness(name: string): Promise<SignInHarness> {
  const root = mkdtempSync(path.join(tmpdir(), `crm-${name}-`));
  const certFile = path.join(root, 'sandbox.pem');
  const sandbox = await startSandbox({ mailbox: path.join(fixtures, 'demo-mailbox.json'), token: `${name}-admin-token`, certOut: certFile });
  let opened: Array<{ close(): Promise<void> }> = [];
  const h: SignInHarness = {
    sandbox,
    dataDir: root,
    logs: [],
    certFile,
    signIn: (extra = {}) => {
      const s = new MicrosoftSignIn({
        dataDir: h.dataDir,
        settings: { authority: sandbox.authority, clientId: SANDBOX_CLIENT_ID, loginHint: SANDBOX_USER, caPem: sandbox.certPem },
        log: (m) => h.logs.push(m),
        ...extra,
      });
      opened.push(s);
      return s;
    },
    user: (options = {}) => {
      const u = new SandboxUser({ caPem: sandbox.certPem, userName: SANDBOX_USER, ...options });
      opened.push(u);
      return u;
    },
    browser: (u = h.user()) => {
      const walks: Array<Promise<SignInWalk>> = [];
      return { walks, openBrowser: (url) => { walks.push(u.signIn(url)); return Promise.resolve(); } };
    },
    deviceCodeSignIn: async (s, u = h.user()) => {
      const prompts: DeviceCodePrompt[] = [];
      await s.signInWithDeviceCode((p) => {
        prompts.push(p);
        void u.signIn(p.verificationUri, p.userCode);
      });
      return { prompts };
    },
    graphMe: async (s) => {
      const http = createGraphHttp({ url: sandbox.url, auth: signInGraphAuth(s), caPem: sandbox.certPem, maxRetries: 0 });
      try {
        return await http.get('/me');
      } finally {
        await http.close();
      }
    },
    tokenRequests: () => sandbox.admin.idp.state().tokenRequests,
    graphRequests: () => sandbox.admin.requests().requests,
    dataDirText: () => readdirSync(h.dataDir).map((f) => readFileSync(path.join(h.dataDir, f)).toString('latin1')).join('\n'),
    reset: async () => {
      for (const o of opened) await o.close();
      opened = [];
      sandbox.admin.reset();
      h.dataDir = mkdtempSync(path.join(root, 'data-'));
      h.logs = [];
    },
    close: async () => {
      for (const o of opened) await o.close();
      await sandbox.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return h;
}
