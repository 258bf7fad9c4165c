import { Calendar } from './calendar';
import { GraphError, itemNotFound } from './errors';
import { TodoStore } from './todo';
import { extendedPropertyKey, type ExtendedProperty } from './extended-properties';
import type { IdFactory } from './ids';
import { asJsonObject, clone, sameJson, type JsonObject } from './json';
import { MailboxFileError, type FileAttachment, type FileFolder, type FileMessage, type ParsedMailbox, type WellKnownName } from './mailbox-file';

// The mailbox state and its change history. Every mutation takes the next sequence number; items remember when
// they entered their folder and when each property last changed, folders keep tombstones for items that left.
// That is all a delta round needs (delta.ts); the calendar (calendar.ts) and To Do (todo.ts) share the counter.

export { extendedPropertyKey, type ExtendedProperty } from './extended-properties';

export interface Tombstone { immutableId: string; restId: string; addedSeq: number; removedSeq: number }

export interface Folder {
  id: string; parentId: string | null; displayName: string; isHidden: boolean; wellKnownName: string | undefined;
  /** Properties from the file that we do not model, returned as they are. */
  extra: JsonObject;
  messageIds: Set<string>; tombstones: Tombstone[]; addedSeq: number; changedSeq: number;
}

export interface Attachment { id: string; odataType: string; props: JsonObject; bytes: Buffer | undefined }

export interface Message {
  immutableId: string; restId: string; folderId: string; changeKey: string;
  /** Graph properties as stored (unknown ones included); derived ones are computed by render.ts. */
  props: JsonObject;
  /** When the message entered its folder, when each property last changed, when anything last changed. */
  addedSeq: number; propSeq: Map<string, number>; lastChangeSeq: number;
  /** Keyed by normalized id (extendedPropertyKey), value keeps the caller's spelling of the id. */
  singleValue: Map<string, ExtendedProperty>; multiValue: Map<string, ExtendedProperty>;
  attachments: Attachment[];
}

export const isoSeconds = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;
const toIso = (v: string | undefined, fallback: string): string => (v === undefined ? fallback : isoSeconds(new Date(v)));

/** Loads a list of the mailbox file; what Graph would refuse (an unknown time zone…) names its place in the file. */
function fromFile<T>(name: string, list: T[], load: (item: T) => unknown): void {
  list.forEach((item, i) => {
    try {
      load(item);
    } catch (e) {
      if (e instanceof GraphError) throw new MailboxFileError(`the mailbox file's $.${name}[${i}] is not accepted: ${e.message}`);
      throw e;
    }
  });
}

const STANDARD_FOLDERS: ReadonlyArray<[WellKnownName, string]> = [
  ['inbox', 'Inbox'], ['drafts', 'Drafts'], ['sentitems', 'Sent Items'], ['deleteditems', 'Deleted Items'],
  ['junkemail', 'Junk Email'], ['outbox', 'Outbox'], ['archive', 'Archive'], ['conversationhistory', 'Conversation History'],
];

const MESSAGE_OWN_KEYS = new Set(['id', 'attachments', 'singleValueExtendedProperties', 'multiValueExtendedProperties',
  'parentFolderId', 'changeKey', 'bodyPreview', '@odata.etag', '@odata.type', '@odata.context']);

export class Mailbox {
  seq = 0;
  readonly user: JsonObject;
  readonly folders = new Map<string, Folder>();
  readonly messages = new Map<string, Message>();
  private readonly byRestId = new Map<string, Message>();
  readonly folderTombstones: Tombstone[] = [];
  /** Every stored message property name, for `$select` checks (unknown file properties are selectable). */
  readonly propNames = new Set<string>();
  readonly root: Folder;
  readonly calendar: Calendar;
  readonly todo: TodoStore;
  private readonly domain: string;

  constructor(file: ParsedMailbox, readonly ids: IdFactory, private readonly now: () => Date = () => new Date()) {
    const { id, ...user } = file.user;
    this.user = asJsonObject({ id: id ?? ids.guid(), ...user });
    this.domain = String(user.mail ?? user.userPrincipalName ?? 'sandbox.example').split('@').pop() ?? 'sandbox.example';
    this.root = this.insertFolder(null, { displayName: 'Top of Information Store', wellKnownName: 'msgfolderroot', isHidden: false });
    const loadTime = isoSeconds(this.now());
    const load = (folders: FileFolder[], parent: Folder) => {
      for (const f of folders) {
        // A top-level "Inbox" without wellKnownName is still the Inbox: files copied from Graph lack the name.
        const standard = parent === this.root && f.wellKnownName === undefined
          ? STANDARD_FOLDERS.find(([wk, name]) => name.toLowerCase() === f.displayName.toLowerCase() && !this.wellKnown(wk))?.[0]
          : undefined;
        const folder = this.insertFolder(parent.id, { ...f, wellKnownName: f.wellKnownName ?? standard });
        for (const m of f.messages ?? []) this.insertMessage(folder, m, loadTime);
        load(f.childFolders ?? [], folder);
      }
    };
    load(file.mailFolders, this.root);
    // Every real mailbox has these; the app may move mail to them by well-known name.
    for (const [wk, name] of STANDARD_FOLDERS) {
      if (!this.wellKnown(wk)) this.insertFolder(this.root.id, { displayName: name, wellKnownName: wk, isHidden: false });
    }
    const clock = { tick: () => this.tick(), now: () => this.now().getTime(), ids };
    this.calendar = new Calendar(clock, this.user);
    fromFile('events', file.events ?? [], e => this.calendar.create(e, 'file'));
    this.todo = new TodoStore(clock);
    fromFile('todoLists', file.todoLists ?? [], l => this.todo.loadList(l));
    this.todo.addBuiltIns();
  }

  private tick(): number { return ++this.seq; }
  private timestamp(): string { return isoSeconds(this.now()); }

  wellKnown(name: string): Folder | undefined {
    const lower = name.toLowerCase();
    for (const f of this.folders.values()) if (f.wellKnownName === lower) return f;
    return undefined;
  }

  /** Resolves a folder id or a well-known name (paths and move's destinationId accept both, §1.2). */
  folder(idOrName: string): Folder | undefined {
    return this.folders.get(idOrName) ?? this.wellKnown(idOrName);
  }

  requireFolder(idOrName: string): Folder {
    const f = this.folder(idOrName);
    if (!f) throw itemNotFound();
    return f;
  }

  children(folderId: string): Folder[] {
    return [...this.folders.values()].filter(f => f.parentId === folderId);
  }

  /** Looks a message up by its current REST id or its immutable id; an old REST id finds nothing (§12). */
  message(id: string): Message | undefined {
    return this.byRestId.get(id) ?? this.messages.get(id);
  }

  requireMessage(id: string): Message {
    const m = this.message(id);
    if (!m) throw itemNotFound();
    return m;
  }

  messagesIn(folder: Folder): Message[] {
    return [...folder.messageIds].map(id => this.messages.get(id)).filter((m): m is Message => m !== undefined);
  }

  private insertFolder(parentId: string | null, f: FileFolder): Folder {
    const { id, displayName, wellKnownName, isHidden, messages: _m, childFolders: _c, ...extra } = f;
    const seq = this.tick();
    const folder: Folder = {
      id: id ?? this.ids.folderId(), parentId, displayName, isHidden: isHidden ?? false, wellKnownName,
      extra: asJsonObject(extra), messageIds: new Set(), tombstones: [], addedSeq: seq, changedSeq: seq,
    };
    this.folders.set(folder.id, folder);
    return folder;
  }

  private assertNoTwin(parentId: string, displayName: string, except?: Folder): void {
    // Outlook compares folder names case-insensitively, hidden twins included (§1.4).
    if (this.children(parentId).some(c => c !== except && c.displayName.toLowerCase() === displayName.toLowerCase())) {
      throw new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
    }
  }

  createFolder(parent: Folder, displayName: string, isHidden = false, extra: JsonObject = {}): Folder {
    this.assertNoTwin(parent.id, displayName);
    return this.insertFolder(parent.id, { ...extra, displayName, isHidden });
  }

  renameFolder(folder: Folder, displayName: string): Folder {
    if (folder.parentId !== null) this.assertNoTwin(folder.parentId, displayName, folder);
    folder.displayName = displayName;
    folder.changedSeq = this.tick();
    return folder;
  }

  deleteFolder(folder: Folder): void {
    if (folder.wellKnownName !== undefined) throw new GraphError(400, 'ErrorDeleteDistinguishedFolder', 'Distinguished folders cannot be deleted.');
    const drop = (f: Folder) => {
      for (const c of this.children(f.id)) drop(c);
      for (const m of this.messagesIn(f)) this.removeMessage(m);
      this.folders.delete(f.id);
      this.folderTombstones.push({ immutableId: f.id, restId: f.id, addedSeq: f.addedSeq, removedSeq: this.tick() });
    };
    drop(folder);
  }

  private insertMessage(folder: Folder, input: FileMessage, loadTime: string): Message {
    const seq = this.tick();
    const props: JsonObject = {};
    for (const [k, v] of Object.entries(asJsonObject(input))) if (!MESSAGE_OWN_KEYS.has(k)) props[k] = v;
    const received = toIso(input.receivedDateTime, loadTime);
    const from = input.from ?? input.sender;
    Object.assign(props, {
      receivedDateTime: received,
      sentDateTime: toIso(input.sentDateTime, received),
      createdDateTime: toIso(input.createdDateTime, received),
      lastModifiedDateTime: toIso(input.lastModifiedDateTime, received),
      internetMessageId: input.internetMessageId ?? this.ids.internetMessageId(this.domain),
      conversationId: props.conversationId ?? this.ids.conversationId(),
      subject: input.subject ?? '',
      body: input.body ? { contentType: input.body.contentType, content: input.body.content } : { contentType: 'html', content: '' },
      categories: input.categories ?? [], importance: input.importance ?? 'normal', isRead: input.isRead ?? false, isDraft: input.isDraft ?? false,
      isReadReceiptRequested: props.isReadReceiptRequested ?? false, isDeliveryReceiptRequested: props.isDeliveryReceiptRequested ?? false,
      inferenceClassification: props.inferenceClassification ?? 'focused', flag: props.flag ?? { flagStatus: 'notFlagged' },
      toRecipients: props.toRecipients ?? [], ccRecipients: props.ccRecipients ?? [], bccRecipients: props.bccRecipients ?? [], replyTo: props.replyTo ?? [],
    });
    if (from) Object.assign(props, { from: props.from ?? asJsonObject(from), sender: props.sender ?? asJsonObject(from) });
    const immutableId = input.id ?? this.ids.immutableId();
    const m: Message = {
      immutableId, restId: input.id ?? this.ids.restId(), folderId: folder.id, addedSeq: seq,
      changeKey: this.ids.changeKey(), props, propSeq: new Map(), lastChangeSeq: seq,
      singleValue: new Map(), multiValue: new Map(),
      attachments: (input.attachments ?? []).map(a => this.makeAttachment(a, props.lastModifiedDateTime as string)),
    };
    for (const p of input.singleValueExtendedProperties ?? []) m.singleValue.set(extendedPropertyKey(p.id), { id: p.id, value: p.value });
    for (const p of input.multiValueExtendedProperties ?? []) m.multiValue.set(extendedPropertyKey(p.id), { id: p.id, value: p.value });
    for (const k of Object.keys(props)) this.propNames.add(k.toLowerCase());
    this.messages.set(immutableId, m);
    this.byRestId.set(m.restId, m);
    folder.messageIds.add(immutableId);
    return m;
  }

  private makeAttachment(a: FileAttachment, modified: string): Attachment {
    const { id, '@odata.type': odataType, contentBytes, ...rest } = a;
    const bytes = contentBytes === undefined ? undefined : Buffer.from(contentBytes, 'base64');
    const props = asJsonObject({
      lastModifiedDateTime: modified, contentType: null, isInline: false, ...rest,
      size: rest.size ?? bytes?.length ?? 0,
      ...(odataType === '#microsoft.graph.fileAttachment' ? { contentId: rest.contentId ?? null, contentLocation: null } : {}),
    });
    return { id: id ?? this.ids.attachmentId(), odataType, props, bytes };
  }

  /** A message arriving in a folder (delivery, or a user dropping one in). */
  addMessage(folder: Folder, input: FileMessage): Message {
    return this.insertMessage(folder, input, this.timestamp());
  }

  /**
   * Applies property changes; the caller decides which properties are allowed. Extended properties are merged
   * by id. Every call is a new version: changeKey and lastModifiedDateTime change, as in Exchange.
   */
  updateMessage(m: Message, changes: JsonObject): Message {
    const seq = this.tick();
    for (const [key, value] of Object.entries(changes)) {
      if (key === 'singleValueExtendedProperties' || key === 'multiValueExtendedProperties') {
        const target = key === 'singleValueExtendedProperties' ? m.singleValue : m.multiValue;
        for (const p of Array.isArray(value) ? value : []) {
          if (p && typeof p === 'object' && !Array.isArray(p) && typeof p.id === 'string' && p.value !== undefined) {
            target.set(extendedPropertyKey(p.id), { id: p.id, value: clone(p.value) });
          }
        }
      } else if (sameJson(m.props[key], value)) {
        continue;
      } else {
        m.props[key] = clone(value);
        this.propNames.add(key.toLowerCase());
      }
      m.propSeq.set(key, seq);
    }
    this.touch(m, seq);
    return m;
  }

  private touch(m: Message, seq: number): void {
    m.changeKey = this.ids.changeKey();
    m.props.lastModifiedDateTime = this.timestamp();
    m.lastChangeSeq = seq;
  }

  /** Exchange copies the item into the destination and removes the original: new REST id, same immutable id. */
  moveMessage(m: Message, destination: Folder): Message {
    const source = this.requireFolder(m.folderId);
    const seq = this.tick();
    source.tombstones.push({ immutableId: m.immutableId, restId: m.restId, addedSeq: m.addedSeq, removedSeq: seq });
    source.messageIds.delete(m.immutableId);
    this.byRestId.delete(m.restId);
    m.restId = this.ids.restId();
    this.byRestId.set(m.restId, m);
    m.folderId = destination.id;
    m.addedSeq = seq;
    destination.messageIds.add(m.immutableId);
    this.touch(m, seq);
    return m;
  }

  /** Outlook's delete moves to Deleted Items; deleting there (or `permanent`) removes the item for good. */
  deleteMessage(m: Message, permanent = false): void {
    const bin = this.wellKnown('deleteditems');
    if (!permanent && bin && m.folderId !== bin.id) this.moveMessage(m, bin);
    else this.removeMessage(m);
  }

  private removeMessage(m: Message): void {
    const folder = this.folders.get(m.folderId);
    const seq = this.tick();
    folder?.tombstones.push({ immutableId: m.immutableId, restId: m.restId, addedSeq: m.addedSeq, removedSeq: seq });
    folder?.messageIds.delete(m.immutableId);
    this.messages.delete(m.immutableId);
    this.byRestId.delete(m.restId);
  }

  /** Counts include hidden children, as Exchange's childFolderCount does. */
  folderCounts(f: Folder): { childFolderCount: number; unreadItemCount: number; totalItemCount: number } {
    const msgs = this.messagesIn(f);
    return {
      childFolderCount: this.children(f.id).length,
      unreadItemCount: msgs.filter(m => m.props.isRead !== true).length,
      totalItemCount: msgs.length,
    };
  }
}
