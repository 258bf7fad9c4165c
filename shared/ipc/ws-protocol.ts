/**
 * The browser-mode wire protocol (JSON text frames over /ws), shared by electron/host/browser-host.ts and
 * renderer/ipc/ws-transport.ts. Both ends parse what they receive with these schemas.
 *
 *   client → host   { t: 'call',   id, name, req }
 *   host → client   { t: 'result', id, result }      result = { ok: true, value } | { ok: false, error }
 *   host → client   { t: 'event',  name, payload }
 *
 * A frame the host cannot read is answered with a result whose id is the frame's id if one could be read,
 * else null. Payload shapes are checked one level up, against the contract (dispatcher, client).
 */
import { z } from 'zod';

/**
 * Frames above this size are refused by the host (ws maxPayload). The largest legitimate frame is the wizard's
 * `sync.import` of thousands of ticked mails (Graph ids are ~150 characters, plus the user's edits and
 * documents: ~2.5 MB for 10,000); 16 MiB leaves room without letting one frame fill the host's memory.
 */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

const CallId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const CallFrame = z
  .object({
    t: z.literal('call'),
    id: CallId,
    name: z.string().min(1).max(200),
    req: z.unknown().optional(),
  })
  .strict();
export type CallFrame = z.infer<typeof CallFrame>;

export const ResultFrame = z
  .object({
    t: z.literal('result'),
    id: CallId.nullable(),
    result: z.unknown(),
  })
  .strict();
export type ResultFrame = z.infer<typeof ResultFrame>;

export const EventFrame = z
  .object({
    t: z.literal('event'),
    name: z.string().min(1),
    payload: z.unknown(),
  })
  .strict();
export type EventFrame = z.infer<typeof EventFrame>;

export const ServerFrame = z.discriminatedUnion('t', [ResultFrame, EventFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** Best effort: the id of a frame that failed validation, so the caller's promise still settles. */
export function idOf(frame: unknown): number | null {
  if (typeof frame !== 'object' || frame === null || !('id' in frame)) return null;
  const parsed = CallId.safeParse(frame.id);
  return parsed.success ? parsed.data : null;
}

/** JSON.parse that returns undefined instead of throwing (a broken frame is data, not a crash). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
