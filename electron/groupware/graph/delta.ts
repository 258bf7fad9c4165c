/**
 * Delta rounds (graph-subset §2, §5.3, §6.3): the first request (or the saved deltaLink), then every nextLink
 * until a page carries the deltaLink. The page handler runs — and commits — before the next page is asked for,
 * so a crash loses at most the page in hand and the saved deltaLink always follows committed items. One loop
 * for every channel: a mail folder's messages, the calendar window's events, a To Do list's tasks.
 *
 * - `Prefer: odata.maxpagesize` is sent on every page: the tokens do not remember it (Observed, §2).
 * - An expired state (410 / SyncStateNotFound / resyncRequired, on the deltaLink or a nextLink) restarts the
 *   channel with a full round; the handler is told so, and the engine's mirror makes the replay harmless.
 */
import type { z } from 'zod';
import { GroupwareError, isGroupwareError } from '../errors';
import type { FolderSyncOptions, FolderSyncResult, MessageChange } from '../mail-provider';
import type { GraphHttp } from './client';
import { SUMMARY_SELECT, toSummary, wireMessage, wirePage } from './wire';

/** Pages of 1000 (the most the sandbox serves; Graph documents no maximum, §2): few round trips, and a page is still one short transaction. Graph's own default is 10. */
export const DEFAULT_DELTA_PAGE_SIZE = 1000;
/** A token that expires again right after a restart means something else is wrong: stop after a few. */
const MAX_RESTARTS = 3;

export interface DeltaPageOf<C> {
  changes: C[];
  roundStart: boolean;
  fullRound: boolean;
  deltaLink: string | null;
}

export interface DeltaRoundOptions<W extends { id: string; '@removed'?: unknown }, C> {
  /** Names the channel in messages: `folder AAMk…`, `the calendar window`. */
  what: string;
  initialUrl: string;
  deltaLink: string | null;
  item: z.ZodType<W>;
  /** An item of the page as the handler gets it; may look further (e.g. fetch series masters). */
  toChange: (item: W) => C;
  removed: (id: string) => C;
  onPage: (page: DeltaPageOf<C>) => Promise<void>;
  pageSize?: number | undefined;
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
}

export async function runDeltaRound<W extends { id: string; '@removed'?: unknown }, C>(
  http: GraphHttp,
  options: DeltaRoundOptions<W, C>,
): Promise<FolderSyncResult> {
  const headers = { ...options.headers, Prefer: [options.headers?.Prefer, `odata.maxpagesize=${options.pageSize ?? DEFAULT_DELTA_PAGE_SIZE}`].filter(Boolean).join(', ') };
  const pageSchema = wirePage(options.item);
  let url = options.deltaLink ?? options.initialUrl;
  let fullRound = options.deltaLink === null;
  let roundStart = true;
  let restarts = 0;
  let pages = 0;
  for (;;) {
    let raw: unknown;
    try {
      raw = await http.get(url, { headers, signal: options.signal });
    } catch (error) {
      if (isGroupwareError(error) && error.kind === 'resync' && restarts < MAX_RESTARTS) {
        restarts++;
        url = options.initialUrl;
        fullRound = true;
        roundStart = true;
        continue;
      }
      throw error;
    }
    const page = pageSchema.safeParse(raw);
    if (!page.success) {
      throw new GroupwareError('temporary', `the delta page of ${options.what} is not a collection of its items: ${page.error.message}`, { cause: raw });
    }
    const nextLink = page.data['@odata.nextLink'];
    const deltaLink = page.data['@odata.deltaLink'] ?? null;
    if (nextLink === undefined && deltaLink === null) {
      throw new GroupwareError('temporary', `a delta page of ${options.what} carried neither a nextLink nor a deltaLink`);
    }
    const changes = page.data.value.map((item) => (item['@removed'] === undefined ? options.toChange(item) : options.removed(item.id)));
    pages++;
    await options.onPage({ changes, roundStart, fullRound, deltaLink });
    roundStart = false;
    if (deltaLink !== null) return { deltaLink, pages, resynced: restarts > 0 };
    url = nextLink ?? url;
  }
}

export function initialDeltaUrl(folderId: string): string {
  return `/me/mailFolders/${encodeURIComponent(folderId)}/messages/delta?$select=${SUMMARY_SELECT.join(',')}`;
}

export function syncMessageDelta(http: GraphHttp, folderId: string, options: FolderSyncOptions & { pageSize?: number | undefined }): Promise<FolderSyncResult> {
  return runDeltaRound(http, {
    what: `folder ${folderId}`,
    initialUrl: initialDeltaUrl(folderId),
    deltaLink: options.deltaLink,
    item: wireMessage,
    toChange: (item): MessageChange => ({ kind: 'upsert', message: toSummary(item) }),
    removed: (id): MessageChange => ({ kind: 'removed', id }),
    onPage: (page) => options.onPage(page),
    pageSize: options.pageSize,
    signal: options.signal,
  });
}
