import { createHash, randomBytes } from 'node:crypto';

// Ids look like Exchange's: URL-safe base64 ('/'→'-', '+'→'_') with '=' padding, case-sensitive and opaque.
// They are derived from a seed and a counter so that the same mailbox file gives the same ids on every run
// (reproducible tests and benchmarks); tokens, which must not be guessable across runs, are random.

const b64 = (buf: Buffer): string => buf.toString('base64').replace(/\//g, '-').replace(/\+/g, '_');

export class IdFactory {
  private counter = 0;
  constructor(private readonly seed: string) {}

  private bytes(kind: string, n: number): Buffer {
    return createHash('sha256').update(`${this.seed}|${kind}|${this.counter++}`).digest().subarray(0, n);
  }

  folderId(): string { return `AQMkAD${b64(this.bytes('folder', 34))}`; }
  /** Default (REST) id: changes whenever the message is moved (graph-subset §4.1, §11). */
  restId(): string { return `AAMkAG${b64(this.bytes('rest', 40))}AAA=`; }
  /** Immutable id: kept for the message's whole life in this mailbox (§11). */
  immutableId(): string { return `AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A${b64(this.bytes('immutable', 28))}AAA=`; }
  attachmentId(): string { return `AAMkAGAtt${b64(this.bytes('attachment', 33))}BEgAQA=`; }
  changeKey(): string { return `CQAAABYAAA${b64(this.bytes('changeKey', 21))}`; }
  conversationId(): string { return `AAQkAG${b64(this.bytes('conversation', 30))}`; }
  guid(): string {
    const h = this.bytes('guid', 16).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  internetMessageId(domain: string): string { return `<${this.bytes('imid', 12).toString('hex')}@${domain}>`; }
  calendarId(): string { return `AAMkAGCal${b64(this.bytes('calendar', 33))}AAA=`; }
  /**
   * Outlook's GlobalObjectId as hex: class id, 4 bytes instance date (zero for the event itself), creation time,
   * reserved, size, 16 bytes uid. Occurrences fill the date bytes (occurrenceICalUId).
   */
  iCalUId(): string {
    return `040000008200E00074C5B7101A82E00800000000${this.bytes('filetime', 8).toString('hex').toUpperCase()}000000000000000010000000${this.bytes('ical', 16).toString('hex').toUpperCase()}`;
  }
  todoListId(): string { return `AAMkAGLst${b64(this.bytes('todoList', 36))}AAA=`; }
  /** todoTask ids change when the task moves to another list (§6.2): a new one is drawn then. */
  todoTaskId(): string { return `AAMkAGTsk${b64(this.bytes('todoTask', 42))}AAA=`; }
  /** The payload of a todoTask's `@odata.etag` (todoTask has no changeKey property). */
  todoEtag(): string { return this.bytes('todoEtag', 22).toString('base64'); }
}

/**
 * Occurrence ids name the series master and the occurrence's original date, so every occurrence of a series without
 * end has a stable id without being stored. The master id inside follows the id mode of the request.
 */
const OCCURRENCE = 'AAMkAGOcc';
export const occurrenceId = (masterId: string, date: string): string => `${OCCURRENCE}${b64(Buffer.from(`${masterId}|${date}`))}`;
export function parseOccurrenceId(id: string): { masterId: string; date: string } | undefined {
  if (!id.startsWith(OCCURRENCE)) return undefined;
  const m = /^(.+)\|(\d{4}-\d{2}-\d{2})$/.exec(Buffer.from(id.slice(OCCURRENCE.length).replace(/-/g, '/').replace(/_/g, '+'), 'base64').toString());
  return m ? { masterId: m[1] ?? '', date: m[2] ?? '' } : undefined;
}

/** An occurrence's iCalUId: the master's GlobalObjectId with the instance date bytes (YYYY MM DD) filled in. */
export const occurrenceICalUId = (masterUid: string, date: string): string => {
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
  const [y, m, d] = date.split('-').map(Number);
  return /^040000008200E00074C5B7101A82E008[0-9A-F]{8}/i.test(masterUid)
    ? `${masterUid.slice(0, 32)}${hex(y ?? 0, 4)}${hex(m ?? 0, 2)}${hex(d ?? 0, 2)}${masterUid.slice(40)}`
    : `${masterUid}_${date.replace(/-/g, '')}`;
};

export const randomToken = (): string => randomBytes(24).toString('base64url');
