/**
 * How the token cache is encrypted at rest. The desktop shell plugs in Electron's safeStorage (the OS keyring);
 * where none is available, the fallback here keeps an AES-256-GCM key in a file only the user may read,
 * beside the cache — it keeps the tokens out of backups and casual reads, not away from the user's own processes.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

export interface SecretProtector {
  encrypt(plain: Buffer): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<Buffer>;
  /** What protects the secrets: `os-keyring` (safeStorage and the like) or `file-key` (the fallback). */
  readonly kind: 'os-keyring' | 'file-key';
  /** One sentence for the user when the protection is weaker than an OS keyring; undefined otherwise. */
  readonly warning: string | undefined;
}

export const KEY_FILE = 'token-cache.key';
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Writes `data` to a new file readable and writable by the user only (0600), replacing the old one atomically. */
export async function writePrivateFile(file: string, data: Buffer | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

async function readOrCreateKey(file: string): Promise<Buffer> {
  try {
    const key = await readFile(file);
    if (key.length === 32) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // A missing or damaged key: a new one. The cache it protected can no longer be read, so the user signs in again.
  const key = randomBytes(32);
  await writePrivateFile(file, key);
  return key;
}

/** The fallback: AES-256-GCM under a key in `<dataDir>/token-cache.key` (mode 0600). */
export function fileKeyProtector(dataDir: string): SecretProtector {
  const keyFile = path.join(dataDir, KEY_FILE);
  let key: Promise<Buffer> | undefined;
  const theKey = () => (key ??= readOrCreateKey(keyFile));
  return {
    kind: 'file-key',
    warning: `No OS keyring is available, so the sign-in is kept encrypted under a key in ${keyFile}, readable only by you.`,
    encrypt: async (plain) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', await theKey(), iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt: async (sealed) => {
      if (sealed[0] !== VERSION || sealed.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('The token cache has an unknown format.');
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', await theKey(), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    },
  };
}
