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
}

export const randomToken = (): string => randomBytes(24).toString('base64url');
