/**
 * Whether a server can be reached at all: a TCP connection to its host and port, closed at once. What the
 * automatic synchronization asks while offline — it signs nothing in, reads nothing of the mailbox and needs no
 * certificate trust, so it can be asked every minute. A server that answers the connection counts as back; what
 * it then says is the next run's business.
 */
import { connect } from 'node:net';

export function canReach(serverUrl: string, timeoutMs = 10_000): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return Promise.resolve(false);
  }
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const settle = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.once('connect', () => settle(true));
    socket.once('timeout', () => settle(false));
    socket.once('error', () => settle(false));
  });
}
