/**
 * MSAL's token cache, persisted encrypted: before each MSAL operation the file is read and decrypted, after
 * one that changed the cache it is encrypted and written (mode 0600). A cache that cannot be decrypted (key
 * lost, file damaged) is treated as empty: the user signs in again rather than the app failing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { writePrivateFile, type SecretProtector } from './secret-protector';

export const CACHE_FILE = 'token-cache.bin';

export function encryptedCachePlugin(dataDir: string, protector: SecretProtector, log: (message: string) => void): ICachePlugin {
  const file = path.join(dataDir, CACHE_FILE);
  return {
    beforeCacheAccess: async (context: TokenCacheContext) => {
      let sealed: Buffer;
      try {
        sealed = await readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      try {
        context.tokenCache.deserialize((await protector.decrypt(sealed)).toString('utf8'));
      } catch {
        log(`The saved sign-in in ${file} could not be decrypted; signing in again will replace it.`);
      }
    },
    afterCacheAccess: async (context: TokenCacheContext) => {
      if (!context.cacheHasChanged) return;
      await writePrivateFile(file, await protector.encrypt(Buffer.from(context.tokenCache.serialize(), 'utf8')));
    },
  };
}
