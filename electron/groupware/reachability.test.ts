import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../../e2e/sandbox/closed-port';
import { canReach } from './reachability';

describe('canReach', () => {
  it('is true for a server that takes the connection, false for a closed port or an address that is none', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await canReach(`https://127.0.0.1:${port}`)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await canReach(`https://127.0.0.1:${await closedPort()}`)).toBe(false);
    expect(await canReach('not a url')).toBe(false);
  });
});
