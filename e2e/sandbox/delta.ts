import { syncStateNotFound } from './errors';
import { randomToken } from './ids';
import type { JsonObject } from './json';
import type { Query } from './odata';

// Delta rounds (graph-subset §2): opaque tokens, server-side state, paging that the client sizes per request.
// The engine is generic; a DeltaFeed says what a scope (one folder's messages, the folder tree, later a calendar
// window or a task list) contains now and what changed since a sequence number.

/** One line of a round: an item to send in full, an update (changed props), or a removal. */
export interface DeltaEntry {
  kind: 'created' | 'updated' | 'deleted';
  key: string;
  /** Id the client knew the removed item by, per id mode. */
  removedIds?: { rest: string; immutable: string };
  changed?: Set<string>;
}

/** Query options of the first request, baked into every token of the round (the client sends them once). */
export type DeltaOptions = Record<string, string>;
const BAKED = ['$select', '$expand', '$top', '$filter', '$orderby', 'changetype'];

export interface DeltaFeed<Ctx> {
  /** Query options of a first request this feed bakes into its tokens (default: the OData options above). */
  bakedOptions?: readonly string[];
  /** Validates the options of a first request; throws GraphError (400) for unsupported ones. */
  validate(options: DeltaOptions): void;
  initial(options: DeltaOptions): DeltaEntry[];
  since(seq: number, options: DeltaOptions): DeltaEntry[];
  /** Renders at page time (latest state); undefined drops an entry whose item vanished meanwhile. */
  render(entry: DeltaEntry, options: DeltaOptions, ctx: Ctx): JsonObject | undefined;
}

interface Round { scope: string; options: DeltaOptions; startSeq: number; entries: DeltaEntry[]; capped: boolean; live: Set<string> }
interface SkipState { round: Round; page: number; offset: number }
interface DeltaState { scope: string; options: DeltaOptions; seq: number }

export interface DeltaRequest<Ctx> {
  scope: string;
  query: Query;
  pageSize: number;
  seq: number;
  feed: DeltaFeed<Ctx>;
  ctx: Ctx;
  /** Absolute URL without query, e.g. `https://127.0.0.1:P/v1.0/me/mailfolders('…')/messages/delta`. */
  link: string;
}

export interface DeltaPage { value: JsonObject[]; nextLink?: string; deltaLink?: string }

export class DeltaEngine {
  private skips = new Map<string, SkipState>();
  private deltas = new Map<string, DeltaState>();

  /** Outlook keeps delta state in a bounded per-mailbox cache and evicts old entries (§2). */
  constructor(private readonly cacheSize: () => number) {}

  /** Every outstanding token now answers 410 SyncStateNotFound. */
  expireAll(): void {
    this.skips.clear();
    this.deltas.clear();
  }

  page<Ctx>(req: DeltaRequest<Ctx>): DeltaPage {
    const skip = req.query.get('$skiptoken');
    const delta = req.query.get('$deltatoken');
    let state: SkipState;
    if (skip !== undefined) {
      const s = this.skips.get(skip);
      if (!s || s.round.scope !== req.scope) throw syncStateNotFound();
      state = s;
    } else if (delta !== undefined) {
      const d = this.deltas.get(delta);
      if (!d || d.scope !== req.scope) throw syncStateNotFound();
      state = { round: this.round(req.scope, d.options, req.seq, req.feed.since(d.seq, d.options)), page: 0, offset: 0 };
    } else {
      const options: DeltaOptions = {};
      for (const k of req.feed.bakedOptions ?? BAKED) { const v = req.query.get(k); if (v !== undefined) options[k] = v; }
      req.feed.validate(options);
      state = { round: this.round(req.scope, options, req.seq, req.feed.initial(options)), page: 0, offset: 0 };
    }
    return this.serve(state, req);
  }

  private round(scope: string, options: DeltaOptions, seq: number, entries: DeltaEntry[]): Round {
    // $top caps the whole round, pages stay at their size (observed, §2).
    const top = options.$top === undefined ? undefined : Number(options.$top);
    const capped = top !== undefined && entries.length >= top;
    return { scope, options, startSeq: seq, entries: top === undefined ? entries : entries.slice(0, top), capped, live: new Set() };
  }

  private serve<Ctx>({ round, page, offset }: SkipState, req: DeltaRequest<Ctx>): DeltaPage {
    // Older nextLinks of a round are superseded once a later page is fetched (observed, §2); the one just
    // used stays valid so that a client that lost the answer can ask again.
    for (const t of round.live) {
      const s = this.skips.get(t);
      if (!s || s.page < page) { this.skips.delete(t); round.live.delete(t); }
    }
    const slice = round.entries.slice(offset, offset + req.pageSize);
    const value = slice.map(e => req.feed.render(e, round.options, req.ctx)).filter((v): v is JsonObject => v !== undefined);
    const end = offset + slice.length;
    // A page that filled up gets a nextLink even if nothing is left (the next page is then empty + deltaLink),
    // so clients meet empty pages; a capped round ends the same way.
    const more = slice.length > 0 && (slice.length === req.pageSize || (round.capped && end === round.entries.length));
    if (more) {
      const token = randomToken();
      this.skips.set(token, { round, page: page + 1, offset: end });
      round.live.add(token);
      evictOldest(this.skips, this.cacheSize());
      return { value, nextLink: `${req.link}?$skiptoken=${token}` };
    }
    // The nextLink of this last page stays valid: a client that lost the answer may ask again.
    const token = randomToken();
    this.deltas.set(token, { scope: round.scope, options: round.options, seq: round.startSeq });
    evictOldest(this.deltas, this.cacheSize());
    return { value, deltaLink: `${req.link}?$deltatoken=${token}` };
  }
}

function evictOldest<V>(map: Map<string, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}
