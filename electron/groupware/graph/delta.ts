/**
 * One folder's message delta round (graph-subset §2): the first request (or the saved deltaLink), then every
 * nextLink until a page carries the deltaLink. The page handler runs — and commits — before the next page is
 * asked for, so a crash loses at most the page in hand and the saved deltaLink always follows committed items.
 *
 * - `Prefer: odata.maxpagesize` is sent on every page: the tokens do not remember it (Observed, §2).
 * - An expired state (410 / SyncStateNotFound / resyncRequired, on the deltaLink or a nextLink) restarts the
 *   folder with a full round; the handler is told so, and the engine's mirror makes the replay harmless.
 */
import { GroupwareError, isGroupwareError } from '../errors';
import type { FolderSyncOptions, FolderSyncResult, MessageChange } from '../mail-provider';
import type { GraphHttp } from './client';
import { SUMMARY_SELECT, toSummary, wireMessage, wirePage } from './wire';

/** Pages of 1000 (the most the sandbox serves; Graph documents no maximum, §2): few round trips, and a page is still one short transaction. Graph's own default is 10. */
export const DEFAULT_DELTA_PAGE_SIZE = 1000;
/** A token that expires again right after a restart means something else is wrong: stop after a few. */
const MAX_RESTARTS = 3;

const deltaPage = wirePage(wireMessage);

export function initialDeltaUrl(folderId: string): string {
  return `/me/mailFolders/${encodeURIComponent(folderId)}/messages/delta?$select=${SUMMARY_SELECT.join(',')}`;
}

export async function syncMessageDelta(
  http: GraphHttp,
  folderId: string,
  options: FolderSyncOptions & { pageSize?: number | undefined },
): Promise<FolderSyncResult> {
  const headers = { Prefer: `odata.maxpagesize=${options.pageSize ?? DEFAULT_DELTA_PAGE_SIZE}` };
  let url = options.deltaLink ?? initialDeltaUrl(folderId);
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
        url = initialDeltaUrl(folderId);
        fullRound = true;
        roundStart = true;
        continue;
      }
      throw error;
    }
    const page = deltaPage.safeParse(raw);
    if (!page.success) {
      throw new GroupwareError('temporary', `the delta page of folder ${folderId} is not a message collection: ${page.error.message}`, { cause: raw });
    }
    const nextLink = page.data['@odata.nextLink'];
    const deltaLink = page.data['@odata.deltaLink'] ?? null;
    if (nextLink === undefined && deltaLink === null) {
      throw new GroupwareError('temporary', `a delta page of folder ${folderId} carried neither a nextLink nor a deltaLink`);
    }
    const changes = page.data.value.map(
      (item): MessageChange => (item['@removed'] === undefined ? { kind: 'upsert', message: toSummary(item) } : { kind: 'removed', id: item.id }),
    );
    pages++;
    await options.onPage({ changes, roundStart, fullRound, deltaLink });
    roundStart = false;
    if (deltaLink !== null) return { deltaLink, pages, resynced: restarts > 0 };
    url = nextLink ?? url;
  }
}
