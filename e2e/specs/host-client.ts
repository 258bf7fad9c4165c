/**
 * A Node client for the browser-mode host, for tests: logs in like a browser would (secret → cookie), makes raw
 * HTTP requests with any headers (Host, Origin, Cookie, which fetch will not let us set), and opens WebSockets
 * with chosen Origin and Cookie through the `ws` package.
 */
import http from 'node:http';
import WebSocket from 'ws';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

/** Opens the printed URL as a browser would; returns the session cookie ("name=value") it was given. */
export async function login(url: string): Promise<{ cookie: string; response: RawResponse }> {
  const response = await rawGet(url);
  const setCookie = response.headers['set-cookie']?.[0];
  if (response.status !== 303 || setCookie === undefined) throw new Error(`login refused: ${response.status}`);
  return { cookie: setCookie.split(';', 1)[0] ?? '', response };
}

export function wsUrl(origin: string, path = '/ws'): string {
  return `${origin.replace(/^http/, 'ws')}${path}`;
}

export function connectWs(origin: string, headers: { cookie?: string; origin?: string }, path = '/ws'): WebSocket {
  return new WebSocket(wsUrl(origin, path), {
    headers: {
      ...(headers.cookie !== undefined ? { cookie: headers.cookie } : {}),
      ...(headers.origin !== undefined ? { origin: headers.origin } : {}),
    },
  });
}

/** 'open' when the upgrade succeeded, else the HTTP status the host refused it with. */
export function upgradeOutcome(origin: string, headers: { cookie?: string; origin?: string }, path = '/ws'): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const socket = connectWs(origin, headers, path);
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    socket.on('error', (error) => {
      if (!/socket hang up|aborted/i.test(error.message)) reject(error);
    });
  });
}

/** Sends one text frame and waits for the next frame back, parsed. */
export function roundTrip(socket: WebSocket, text: string): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')) as unknown));
    socket.send(text);
  });
}

export function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}
