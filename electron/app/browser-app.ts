/** Browser mode: the CompanionService behind the 127.0.0.1 host, serving the built renderer. */
import { contract } from '../../shared/contract';
import { createDispatcher } from '../host/dispatch';
import { startBrowserHost } from '../host/browser-host';
import { createCompanionService, type GroupwareConnection, type SignInWiring } from '../service/companion-service';
import { rendererDistDir } from './paths';

export interface BrowserAppOptions {
  dataDir: string;
  port?: number;
  demo?: boolean;
  rendererDir?: string;
  groupware?: GroupwareConnection;
  crmSeed?: unknown;
  /** The Microsoft 365 sign-in when `groupware` has no fixed token (browser mode: the page opens its window). */
  signIn?: SignInWiring;
}

export interface BrowserApp {
  /** What the user opens: http://127.0.0.1:P/?secret=… */
  url: string;
  origin: string;
  secret: string;
  close(): Promise<void>;
}

export async function startBrowserApp(opts: BrowserAppOptions): Promise<BrowserApp> {
  const companion = await createCompanionService({
    dataDir: opts.dataDir,
    mode: 'browser',
    demo: opts.demo ?? false,
    ...(opts.groupware ? { groupware: opts.groupware } : {}),
    ...(opts.crmSeed !== undefined ? { crmSeed: opts.crmSeed } : {}),
    ...(opts.signIn !== undefined ? { signIn: opts.signIn } : {}),
  });
  try {
    const host = await startBrowserHost({
      contract,
      dispatch: createDispatcher(contract, companion.service),
      events: companion.events,
      staticDir: opts.rendererDir ?? rendererDistDir,
      port: opts.port ?? 0,
    });
    return {
      url: host.url,
      origin: host.origin,
      secret: host.secret,
      close: async () => {
        await host.close();
        await companion.close();
      },
    };
  } catch (error) {
    await companion.close();
    throw error;
  }
}
