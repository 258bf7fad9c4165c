/**
 * JSON batching (graph-subset §8): up to 20 requests in one `POST /$batch`. What the SDK does not do for us:
 * - each part carries its own `Prefer: IdType="ImmutableId"` (a top-level Prefer is not documented to reach
 *   the parts), and `Content-Type` when it has a body;
 * - a part throttled inside a 200 batch (429, or 503/504) is not retried by the SDK: those parts are re-sent
 *   after the largest Retry-After among them;
 * - answers come in any order and are matched back by id.
 * Each batch is a chain (every part `dependsOn` the one before): Outlook then runs one part at a time, so a
 * batch weighs one of the mailbox's 4 in-flight permits and four batches travel at once — four round trips
 * overlap instead of one batch's parts running four abreast behind a single round trip. A failed part makes
 * the rest of its chain answer 424 Failed Dependency; those parts did not run and go out again in the next
 * round (each round settles at least the part that failed, so chains always finish).
 */
import { z } from 'zod';
import { retryAfterMs } from '../../../shared/sync/errors';
import { GroupwareError } from '../errors';
import type { ItemResult } from '../mail-provider';
import type { GraphHttp } from './client';
import { batchPartError } from './errors';
import { withImmutableId } from './prefer';

export const MAX_BATCH_PARTS = 20;
/** Batches in flight at once: the mailbox's concurrency limit (graph-subset §9); the client's semaphore agrees. */
const BATCHES_IN_FLIGHT = 4;
const RETRIED_PART_STATUSES = new Set([429, 503, 504]);
const FAILED_DEPENDENCY = 424;

export interface BatchRequest {
  /** Unique within one sendBatch call (compared case-insensitively, as Graph does). */
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root: `/me/messages/{id}`. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or a base64 string for a binary answer ($value). */
  body: unknown;
}

export interface BatchOptions {
  signal?: AbortSignal | undefined;
  /** How often throttled parts are re-sent before their 429 is handed back (default 5). */
  maxThrottleRounds?: number | undefined;
  /** Longest wait between rounds, whatever Retry-After says (default 2 minutes). */
  maxWaitMs?: number | undefined;
}

const batchAnswer = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

/** Sends the requests in batches of at most 20 (up to 4 batches at once) and returns every answer by request id. */
export async function sendBatch(http: GraphHttp, requests: readonly BatchRequest[], options: BatchOptions = {}): Promise<Map<string, BatchResponse>> {
  assertUniqueIds(requests);
  const chunks: BatchRequest[][] = [];
  for (let start = 0; start < requests.length; start += MAX_BATCH_PARTS) chunks.push(requests.slice(start, start + MAX_BATCH_PARTS));
  const answers = new Map<string, BatchResponse>();
  let next = 0;
  const worker = async () => {
    for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
      for (const answer of await sendChunk(http, chunk, options)) answers.set(answer.id, answer);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCHES_IN_FLIGHT, chunks.length) }, worker));
  return answers;
}

async function sendChunk(http: GraphHttp, chunk: readonly BatchRequest[], options: BatchOptions): Promise<BatchResponse[]> {
  const done: BatchResponse[] = [];
  let pending = chunk;
  const maxRounds = options.maxThrottleRounds ?? 5;
  for (let throttleRounds = 0; ; ) {
    const answers = await postBatch(http, pending, options.signal);
    const throttled = answers.filter((answer) => RETRIED_PART_STATUSES.has(answer.status));
    const notRun = answers.filter((answer) => answer.status === FAILED_DEPENDENCY);
    done.push(...answers.filter((answer) => !RETRIED_PART_STATUSES.has(answer.status) && answer.status !== FAILED_DEPENDENCY));
    if (throttled.length === 0 && notRun.length === 0) return done;
    if (throttled.length > 0) {
      if (throttleRounds >= maxRounds) return [...done, ...throttled, ...notRun.map(stillThrottled)];
      const waits = throttled.map((answer) => retryAfterMs(header(answer.headers, 'Retry-After') ?? null) ?? undefined);
      const backoff = Math.min(1000 * 2 ** throttleRounds, 30_000);
      // Obey the largest Retry-After: re-sending any earlier only prolongs the throttling (graph-subset §9).
      await sleep(Math.min(Math.max(0, ...waits.map((ms) => ms ?? backoff)), options.maxWaitMs ?? 120_000), options.signal);
      throttleRounds++;
    }
    const retry = new Set([...throttled, ...notRun].map((answer) => answer.id.toLowerCase()));
    pending = pending.filter((request) => retry.has(request.id.toLowerCase()));
  }
}

/** A part that never ran because the part it waited for stayed throttled: as temporary as that one. */
function stillThrottled(answer: BatchResponse): BatchResponse {
  return { ...answer, status: 503, body: { error: { code: 'NotRunThrottled', message: 'not run: an earlier request of its batch stayed throttled' } } };
}

async function postBatch(http: GraphHttp, parts: readonly BatchRequest[], signal: AbortSignal | undefined): Promise<BatchResponse[]> {
  const requests = parts.map((part) => {
    const headers: Record<string, string> = { ...part.headers };
    const preferName = Object.keys(headers).find((name) => name.toLowerCase() === 'prefer') ?? 'Prefer';
    headers[preferName] = withImmutableId(headers[preferName]);
    if (part.body !== undefined && header(headers, 'Content-Type') === undefined) headers['Content-Type'] = 'application/json';
    return { id: part.id, method: part.method, url: part.url, headers, ...(part.body === undefined ? {} : { body: part.body }) };
  });
  const chained = requests.map((request, index) => (index === 0 ? request : { ...request, dependsOn: [parts[index - 1]?.id ?? ''] }));
  const raw = await http.post('/$batch', { requests: chained }, { signal });
  const parsed = batchAnswer.safeParse(raw);
  if (!parsed.success) {
    throw new GroupwareError('temporary', `POST /$batch answered something that is not a batch response: ${parsed.error.message}`, { cause: raw });
  }
  const byId = new Map(parsed.data.responses.map((answer) => [answer.id.toLowerCase(), answer]));
  return parts.map((part): BatchResponse => {
    const answer = byId.get(part.id.toLowerCase());
    if (answer === undefined) {
      // Graph answers every part; a missing one is treated like a transient server failure and re-sent.
      return { id: part.id, status: 503, headers: {}, body: { error: { code: 'MissingBatchAnswer', message: 'The batch answer had no entry for this request.' } } };
    }
    return { id: part.id, status: answer.status, headers: answer.headers ?? {}, body: answer.body };
  });
}

function assertUniqueIds(requests: readonly BatchRequest[]): void {
  const seen = new Set<string>();
  for (const { id } of requests) {
    const key = id.toLowerCase();
    if (seen.has(key)) throw new RangeError(`batch request id "${id}" is used twice (ids compare case-insensitively)`);
    seen.add(key);
  }
}

export function header(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === lower)?.[1];
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(new GroupwareError('temporary', 'cancelled while waiting for Microsoft Graph', { code: 'Aborted', cause: signal.reason }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new GroupwareError('temporary', 'cancelled while waiting for Microsoft Graph', { code: 'Aborted', cause: signal?.reason }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** One batch request per item, answers matched back to the item's key. Keys must be unique. */
export async function perItem<T, R>(
  http: GraphHttp,
  items: readonly T[],
  key: (item: T) => string,
  request: (item: T) => Omit<BatchRequest, 'id'>,
  read: (item: T, answer: BatchResponse) => ItemResult<R>,
  options: { signal?: AbortSignal | undefined },
): Promise<Map<string, ItemResult<R>>> {
  const unique = [...new Map(items.map((item) => [key(item), item])).values()];
  const answers = await sendBatch(http, unique.map((item, index) => ({ id: String(index + 1), ...request(item) })), options);
  const results = new Map<string, ItemResult<R>>();
  unique.forEach((item, index) => {
    const answer = answers.get(String(index + 1));
    results.set(
      key(item),
      answer === undefined ? { ok: false, error: new GroupwareError('temporary', `no answer for ${key(item)}`) } : read(item, answer),
    );
  });
  return results;
}

export function failed(what: string, answer: BatchResponse): { ok: false; error: GroupwareError } {
  return { ok: false, error: batchPartError(what, answer.status, answer.headers, answer.body) };
}
