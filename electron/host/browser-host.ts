/**
 * Browser mode's front door: serves the built renderer and the /ws call channel on 127.0.0.1 only.
 *
 * Who gets in (see host-auth.ts): the user opens the printed URL `/?secret=S`; the right secret sets a session
 * cookie and redirects to `/`, so the secret leaves the address bar. Every other request needs the cookie
 * (401 without, 403 with a wrong one). The WebSocket upgrade at /ws also needs `Origin` to be exactly this
 * host's origin: cookies ignore ports, so a page on another 127.0.0.1 port would otherwise ride the cookie.
 * A `Host` other than 127.0.0.1:P is refused too, which shuts out DNS-rebinding pages.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply } from 'fastify';
import type { ContractShape, EventFeed } from '../../shared/ipc/contract-kit';
import { contentSecurityPolicy } from '../../shared/ipc/csp';
import { MAX_FRAME_BYTES } from '../../shared/ipc/ws-protocol';
import type { Dispatch } from './dispatch';
import { createHostAuth, type HostAuth } from './host-auth';
import { consoleLog, type HostLog } from './log';
import { serveWsSession } from './ws-session';

export interface BrowserHostOptions<C extends ContractShape> {
  contract: C;
  dispatch: Dispatch;
  events: EventFeed;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  log?: HostLog;
}

export interface BrowserHost {
  /** What the user opens: http://127.0.0.1:P/?secret=… */
  url: string;
  origin: string;
  secret: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export async function startBrowserHost<const C extends ContractShape>(opts: BrowserHostOptions<C>): Promise<BrowserHost> {
  const log = opts.log ?? consoleLog;
  const indexFile = join(opts.staticDir, 'index.html');
  if (!existsSync(indexFile)) log.warn(`browser host: ${indexFile} is missing; run \`npm run build:renderer\``);

  // Filled in once the port is known; no request can arrive before listen() returns.
  const bound: { port: number; origin: string; auth?: HostAuth; headers: Record<string, string> } = { port: 0, origin: '', headers: {} };

  // forceCloseConnections: closing the host ends every connection at once. With Fastify's default ('idle') a
  // socket the browser opened ahead of a request (Chromium preconnects) kept close() waiting for minutes.
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, forceCloseConnections: true });
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_FRAME_BYTES } });

  app.addHook('onRequest', async (request, reply) => {
    const { auth, origin } = bound;
    reply.headers(bound.headers);
    if (auth === undefined || request.headers.host !== `${LOOPBACK}:${bound.port}`) {
      return refuse(reply, 403, 'This address is not served here.');
    }
    const url = URL.parse(request.url, origin);
    if (url === null) return refuse(reply, 400, 'Bad address.');
    if (url.pathname === '/' && url.searchParams.has('secret')) {
      if (!auth.checkSecret(url.searchParams.get('secret'))) {
        return refuse(reply, 403, 'This link is not valid (any more). Open the address CRM Companion printed when it started.');
      }
      return reply.header('set-cookie', auth.sessionCookie()).header('cache-control', 'no-store').redirect('/', 303);
    }
    const session = auth.session(request.headers.cookie);
    if (session !== 'valid') {
      const text = 'Open the address CRM Companion printed when it started (it ends with ?secret=…).';
      return refuse(reply, session === 'missing' ? 401 : 403, text);
    }
    // Checked on the request, not the path: the router decodes %-escapes, so '/%77s' would reach /ws too.
    const isUpgrade = request.ws || request.headers.upgrade !== undefined;
    const foreign = request.headers.origin !== undefined && request.headers.origin !== origin;
    if (foreign || (isUpgrade && request.headers.origin !== origin)) {
      return refuse(reply, 403, 'Connections are accepted from the CRM Companion page only.');
    }
    return undefined;
  });

  const eventNames = new Set(Object.keys(opts.contract.events));
  app.get('/ws', { websocket: true }, (socket) =>
    serveWsSession(socket, { dispatch: opts.dispatch, events: opts.events, eventNames, log }),
  );

  await app.register(fastifyStatic, { root: opts.staticDir, index: 'index.html', dotfiles: 'deny', wildcard: true });
  // Client-side routes (and deep links) load the app shell; anything else stays a 404.
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && !/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '');
    if (wantsPage && existsSync(indexFile)) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return refuse(reply, 404, 'Not found.');
  });

  try {
    await app.listen({ host: LOOPBACK, port: opts.port ?? 0 });
  } catch (error) {
    await app.close(); // e.g. the port is taken: leave nothing half-open behind
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('browser host: no TCP address after listen');
  const origin = `http://${LOOPBACK}:${address.port}`;
  const auth = createHostAuth(address.port);
  Object.assign(bound, { port: address.port, origin, auth, headers: securityHeaders(`ws://${LOOPBACK}:${address.port}`) });

  return {
    url: `${origin}/?secret=${auth.secret}`,
    origin,
    secret: auth.secret,
    close: async () => {
      await app.close();
    },
  };
}

function securityHeaders(wsOrigin: string): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy({ connect: [wsOrigin] }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

function refuse(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(`${text}\n`);
}
