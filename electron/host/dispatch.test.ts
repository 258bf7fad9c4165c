import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CompanionError, defineContract, type ServiceOf } from '../../shared/ipc/contract-kit';
import { createDispatcher, createEventHub } from './dispatch';
import type { HostLog } from './log';

const testContract = defineContract({
  calls: {
    'note.add': {
      req: z.object({ subject: z.string().min(1), due: z.object({ day: z.number().int() }).optional() }).strict(),
      res: z.object({ id: z.string() }),
    },
  },
  events: { 'note.added': z.object({ id: z.string() }) },
});
type TestContract = typeof testContract;

function spyLog(): HostLog & { errors: unknown[][] } {
  const errors: unknown[][] = [];
  return { info: () => {}, warn: () => {}, error: (...args: unknown[]) => errors.push(args), errors };
}

function setup(impl: ServiceOf<TestContract>['note.add']) {
  const log = spyLog();
  const dispatch = createDispatcher(testContract, { 'note.add': impl }, { log });
  return { dispatch, log };
}

describe('createDispatcher', () => {
  it('calls the service with the validated request and returns its answer as data', async () => {
    const impl = vi.fn((req: { subject: string }) => Promise.resolve({ id: `n-${req.subject}` }));
    const { dispatch } = setup(impl);
    await expect(dispatch('note.add', { subject: 'hello' })).resolves.toEqual({ ok: true, value: { id: 'n-hello' } });
    expect(impl).toHaveBeenCalledWith({ subject: 'hello' });
  });

  it.each(['nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])('refuses the unknown call %j', async (name) => {
    const { dispatch } = setup(() => Promise.resolve({ id: 'x' }));
    const result = await dispatch(name, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    if (!result.ok) expect(result.error.message).toContain(name);
  });

  it('answers a bad request with BAD_REQUEST naming the field, without calling the service', async () => {
    const impl = vi.fn(() => Promise.resolve({ id: 'x' }));
    const { dispatch } = setup(impl);
    const wrongType = await dispatch('note.add', { subject: 42 });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!wrongType.ok) expect(wrongType.error.message).toMatch(/subject: .*expected string/);

    const nested = await dispatch('note.add', { subject: 'a', due: { day: 1.5 } });
    if (nested.ok) throw new Error('expected BAD_REQUEST');
    expect(nested.error.message).toContain('due.day');

    const extra = await dispatch('note.add', { subject: 'a', admin: true });
    if (extra.ok) throw new Error('expected BAD_REQUEST');
    expect(extra.error.message).toContain('admin');

    const missing = await dispatch('note.add', undefined);
    if (missing.ok) throw new Error('expected BAD_REQUEST');
    expect(missing.error.message).toContain('(request)');
    expect(impl).not.toHaveBeenCalled();
  });

  it('turns an answer that breaks the contract into INTERNAL and logs why', async () => {
    const { dispatch, log } = setup(() => Promise.resolve({ id: 7 } as unknown as { id: string }));
    const result = await dispatch('note.add', { subject: 'a' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(log.errors)).toContain('id: invalid input');
  });

  it('strips fields the contract does not promise before they leave', async () => {
    const { dispatch } = setup(() => Promise.resolve({ id: 'a', secretToken: 'xyz' } as { id: string }));
    await expect(dispatch('note.add', { subject: 'a' })).resolves.toEqual({ ok: true, value: { id: 'a' } });
  });

  it('keeps the code and message of a CompanionError', async () => {
    const { dispatch, log } = setup(() => Promise.reject(new CompanionError('NOT_FOUND', 'no such note')));
    await expect(dispatch('note.add', { subject: 'a' })).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no such note' } });
    expect(log.errors).toEqual([]);
  });

  it('turns any other failure into INTERNAL with a plain message: no stack, stack logged on this side', async () => {
    const { dispatch, log } = setup(() => Promise.reject(new Error('disk full\n    at secret (/home/user/app/store.ts:1:1)')));
    const result = await dispatch('note.add', { subject: 'a' });
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.code).toBe('INTERNAL');
    expect(result.error.message).toContain('disk full');
    expect(result.error.message).not.toMatch(/\bat |store\.ts|\n/);
    expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
    expect(log.errors[0]?.[1]).toBeInstanceOf(Error); // the stack went to the main-side log
  });

  it('copes with non-Error throws', async () => {
    const { dispatch } = setup(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point: services may throw anything
      throw { weird: true };
    });
    await expect(dispatch('note.add', { subject: 'a' })).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('createEventHub', () => {
  it('validates payloads and fans out to every subscriber until it unsubscribes', () => {
    const hub = createEventHub(testContract, { log: spyLog() });
    const a = vi.fn();
    const b = vi.fn();
    const stopA = hub.subscribe(a);
    hub.subscribe(b);
    expect(hub.emit('note.added', { id: '1' })).toBe(true);
    stopA();
    expect(hub.emit('note.added', { id: '2' })).toBe(true);
    expect(a.mock.calls).toEqual([['note.added', { id: '1' }]]);
    expect(b.mock.calls).toEqual([['note.added', { id: '1' }], ['note.added', { id: '2' }]]);
  });

  it('drops (and logs) a payload that breaks the contract', () => {
    const log = spyLog();
    const hub = createEventHub(testContract, { log });
    const sink = vi.fn();
    hub.subscribe(sink);
    expect(hub.emit('note.added', { id: 3 } as unknown as { id: string })).toBe(false);
    expect(hub.emit('nope' as 'note.added', { id: '1' })).toBe(false);
    expect(sink).not.toHaveBeenCalled();
    expect(log.errors).toHaveLength(2);
  });

  it('keeps delivering when one subscriber throws', () => {
    const hub = createEventHub(testContract, { log: spyLog() });
    const good = vi.fn();
    hub.subscribe(() => {
      throw new Error('socket gone');
    });
    hub.subscribe(good);
    hub.emit('note.added', { id: '1' });
    expect(good).toHaveBeenCalledOnce();
  });
});
