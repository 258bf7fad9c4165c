import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createClient } from './client';
import { defineContract, type Transport } from './contract-kit';

const testContract = defineContract({
  calls: {
    'count.get': { req: z.object({}).strict(), res: z.object({ n: z.number().int(), at: z.string().default('now') }) },
    'count.set': { req: z.object({ n: z.number() }), res: z.null() },
  },
  events: { 'count.changed': z.object({ n: z.number() }) },
});

/** A transport whose answer and events the test controls. */
function fakeTransport(answer: (name: string, req: unknown) => unknown) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const transport: Transport = {
    call: (name: string, req: unknown) => Promise.resolve(answer(name, req)),
    on: (event, listener) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  };
  const push = (event: string, payload: unknown) => listeners.get(event)?.(payload);
  return { transport, push };
}

describe('createClient', () => {
  it('has exactly one call per contract call, built from the keys', () => {
    const api = createClient(testContract, fakeTransport(() => null).transport);
    expect(Object.keys(api.call).sort()).toEqual(['count.get', 'count.set']);
  });

  it('passes name and request to the transport and parses the value with the response schema', async () => {
    const answer = vi.fn(() => ({ ok: true, value: { n: 3 } }));
    const api = createClient(testContract, fakeTransport(answer).transport);
    await expect(api.call['count.get']({})).resolves.toEqual({ ok: true, value: { n: 3, at: 'now' } });
    expect(answer).toHaveBeenCalledWith('count.get', {});
  });

  it('passes an error result through unchanged', async () => {
    const error = { code: 'NOT_FOUND', message: 'gone' };
    const api = createClient(testContract, fakeTransport(() => ({ ok: false, error })).transport);
    await expect(api.call['count.set']({ n: 1 })).resolves.toEqual({ ok: false, error });
  });

  it.each([
    ['not a result at all', 'hello'],
    ['ok without a boolean', { ok: 'yes', value: 1 }],
    ['an error without a code', { ok: false, error: { message: 'x' } }],
    ['undefined', undefined],
  ])('answers BAD_RESPONSE for %s', async (_what, answer) => {
    const api = createClient(testContract, fakeTransport(() => answer).transport);
    await expect(api.call['count.get']({})).resolves.toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
  });

  it('answers BAD_RESPONSE naming the field when the value breaks the response schema', async () => {
    const api = createClient(testContract, fakeTransport(() => ({ ok: true, value: { n: 1.5 } })).transport);
    const result = await api.call['count.get']({});
    if (result.ok) throw new Error('expected BAD_RESPONSE');
    expect(result.error.code).toBe('BAD_RESPONSE');
    expect(result.error.message).toContain('n:');
  });

  it('never rejects: a transport failure is a DISCONNECTED result', async () => {
    const failing: Transport = {
      call: () => Promise.reject(new Error('socket closed')),
      on: () => () => {},
    };
    const throwing: Transport = {
      call: () => {
        throw new Error('bridge gone');
      },
      on: () => () => {},
    };
    for (const transport of [failing, throwing]) {
      const result = await createClient(testContract, transport).call['count.get']({});
      expect(result).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    }
  });

  it('delivers valid events and drops invalid ones, telling onInvalid', () => {
    const { transport, push } = fakeTransport(() => null);
    const onInvalid = vi.fn();
    const api = createClient(testContract, transport, { onInvalid });
    const listener = vi.fn();
    const stop = api.on('count.changed', listener);
    push('count.changed', { n: 2 });
    push('count.changed', { n: 'two' });
    push('count.changed', null);
    expect(listener.mock.calls).toEqual([[{ n: 2 }]]);
    expect(onInvalid).toHaveBeenCalledTimes(2);
    expect(onInvalid.mock.calls[0]?.[0]).toMatchObject({ event: 'count.changed' });
    expect(JSON.stringify(onInvalid.mock.calls[0])).toContain('n:');
    stop();
    push('count.changed', { n: 3 });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('refuses to subscribe to an event the contract does not declare', () => {
    const api = createClient(testContract, fakeTransport(() => null).transport);
    expect(() => api.on('nope' as 'count.changed', () => {})).toThrow(/no event named "nope"/);
  });
});
