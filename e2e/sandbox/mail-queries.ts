import type { DeltaEntry, DeltaFeed, DeltaOptions } from './delta';
import { badRequest } from './errors';
import { parseFilter, type FilterEnv } from './filter';
import { text, type Json, type JsonObject } from './json';
import { parseExpand, parseSelect, parseTop } from './odata';
import { checkMessageSelect, checkSelect, hasAttachments, KNOWN_FOLDER_PROPS, renderFolder, renderMessage, type MessageView } from './render';
import { extendedPropertyKey, type Folder, type Mailbox, type Message } from './store';

// What $filter paths mean on a message, and the delta feeds of mail (§1.5, §2).

export type ViewCtx = Pick<MessageView, 'idMode' | 'bodyType'>;

export function messageEnv(m: Message): FilterEnv {
  const ext = (map: Message['singleValue']): FilterEnv[] => [...map.values()].map(p => ({
    get: ([name]) => (name === 'id' ? extendedPropertyKey(p.id) : name === 'value' ? p.value : undefined),
    // Property ids compare by exact Name, case-insensitive type/GUID (§4.3).
    exact: ([name], literal) => (name === 'id' ? extendedPropertyKey(literal) : undefined),
  }));
  return {
    get: ([first = '', ...rest]) => {
      let v: Json | undefined = first === 'id' ? m.restId : first === 'parentFolderId' ? m.folderId : first === 'changeKey' ? m.changeKey
        : first === 'hasAttachments' ? hasAttachments(m) : m.props[first];
      for (const k of rest) v = v && typeof v === 'object' && !Array.isArray(v) ? v[k] : undefined;
      return v;
    },
    members: ([first]) => (first?.toLowerCase() === 'singlevalueextendedproperties' ? ext(m.singleValue)
      : first?.toLowerCase() === 'multivalueextendedproperties' ? ext(m.multiValue) : []),
  };
}

export const byReceivedDesc = (a: Message, b: Message): number =>
  text(b.props.receivedDateTime).localeCompare(text(a.props.receivedDateTime));

/** Message delta accepts only `receivedDateTime ge|gt` filters and `receivedDateTime desc` ordering (§2). */
function deltaFilter(options: DeltaOptions): ((m: Message) => boolean) | undefined {
  if (options.$filter === undefined) return undefined;
  const f = parseFilter(options.$filter);
  const ok = f.comparisons?.every(c => c.path.join('/').toLowerCase() === 'receiveddatetime' && (c.op === 'ge' || c.op === 'gt'));
  if (!ok) throw badRequest('Delta supports only $filter on receivedDateTime with ge or gt.', 'ErrorInvalidUrlQueryFilter');
  return m => f.test(messageEnv(m));
}

/** Storage property names → the wire properties whose value they change. */
function wireNames(changed: Iterable<string>): Set<string> {
  const out = new Set(['changeKey', 'lastModifiedDateTime']);
  for (const p of changed) {
    out.add(p);
    if (p === 'body') out.add('bodyPreview').add('uniqueBody');
  }
  return out;
}

export function messageFeed(mb: Mailbox, folder: Folder): DeltaFeed<ViewCtx> {
  const view = (options: DeltaOptions) => ({
    select: parseSelect(options.$select),
    expand: parseExpand(options.$expand, ['singleValueExtendedProperties', 'multiValueExtendedProperties']),
  });
  return {
    validate(options) {
      checkMessageSelect(mb, view(options).select);
      deltaFilter(options);
      parseTop(options.$top, Number.MAX_SAFE_INTEGER);
      if (options.$orderby !== undefined && !/^receivedDateTime\s+desc$/i.test(options.$orderby.trim())) {
        throw badRequest('Delta supports only $orderby=receivedDateTime desc.', 'ErrorInvalidUrlQuery');
      }
      if (options.changetype !== undefined && !['created', 'updated', 'deleted'].includes(options.changetype)) {
        throw badRequest(`Unsupported changeType '${options.changetype}'.`, 'ErrorInvalidUrlQuery');
      }
    },
    initial(options) {
      const keep = deltaFilter(options) ?? (() => true);
      return mb.messagesIn(folder).filter(keep).sort(byReceivedDesc).map(m => ({ kind: 'created', key: m.immutableId }));
    },
    since(seq, options) {
      const keep = deltaFilter(options) ?? (() => true);
      // Items that came and went within the window were never seen by the client: no tombstone for them.
      const removed: DeltaEntry[] = folder.tombstones.filter(t => t.removedSeq > seq && t.addedSeq <= seq)
        .map(t => ({ kind: 'deleted', key: t.immutableId, removedIds: { rest: t.restId, immutable: t.immutableId } }));
      const present: DeltaEntry[] = [];
      for (const m of mb.messagesIn(folder).filter(keep).sort(byReceivedDesc)) {
        if (m.addedSeq > seq) present.push({ kind: 'created', key: m.immutableId });
        else if (m.lastChangeSeq > seq) present.push({ kind: 'updated', key: m.immutableId, changed: wireNames([...m.propSeq].filter(([, s]) => s > seq).map(([p]) => p)) });
      }
      const all = [...removed, ...present];
      return options.changetype === undefined ? all : all.filter(e => e.kind === options.changetype);
    },
    render(entry, options, ctx): JsonObject | undefined {
      const m = mb.messages.get(entry.key);
      if (entry.kind === 'deleted') {
        // With immutable ids an item that moved out and back is simply present; its removal would erase it.
        if (ctx.idMode === 'immutable' && m?.folderId === folder.id) return undefined;
        const id = ctx.idMode === 'immutable' ? entry.removedIds?.immutable : entry.removedIds?.rest;
        return { '@odata.type': '#microsoft.graph.message', id: id ?? entry.key, '@removed': { reason: 'deleted' } };
      }
      if (!m || m.folderId !== folder.id) return undefined;
      const body = renderMessage(m, { ...ctx, ...view(options), only: entry.kind === 'updated' ? entry.changed : undefined });
      return { '@odata.type': '#microsoft.graph.message', ...body };
    },
  };
}

/** `/me/mailFolders/delta`: the whole folder tree, flat, with parentFolderId (§1.5). */
export function folderFeed(mb: Mailbox): DeltaFeed<unknown> {
  const all = () => [...mb.folders.values()].filter(f => f !== mb.root);
  return {
    validate(options) { checkSelect(parseSelect(options.$select), KNOWN_FOLDER_PROPS, 'mailFolder'); },
    initial: () => all().map(f => ({ kind: 'created', key: f.id })),
    since(seq) {
      const removed: DeltaEntry[] = mb.folderTombstones.filter(t => t.removedSeq > seq && t.addedSeq <= seq).map(t => ({ kind: 'deleted', key: t.immutableId }));
      return [...removed, ...all().filter(f => f.changedSeq > seq).map(f => ({ kind: f.addedSeq > seq ? 'created' as const : 'updated' as const, key: f.id }))];
    },
    render(entry, options): JsonObject | undefined {
      if (entry.kind === 'deleted') return { '@odata.type': '#microsoft.graph.mailFolder', id: entry.key, '@removed': { reason: 'deleted' } };
      const f = mb.folders.get(entry.key);
      return f ? renderFolder(mb, f, parseSelect(options.$select)) : undefined;
    },
  };
}
