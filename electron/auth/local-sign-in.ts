/**
 * What this computer holds of the sign-in, read without MSAL or the network: the account in the encrypted
 * token cache and the blocked flag (`crm-companion account`), and forgetting both (`signout`).
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { blockedFlag, type Blocked } from './blocked-state';
import { CACHE_FILE } from './cache-plugin';
import type { SecretProtector } from './secret-protector';

export interface LocalAccount {
  userName: string;
  name: string | undefined;
  tenantId: string;
}

/** The part of MSAL's serialized cache that names accounts (its JSON format, shared by all MSAL libraries). */
const SerializedCache = z.object({
  Account: z.record(z.string(), z.object({ username: z.string(), name: z.string().optional(), realm: z.string() }).loose()).default({}),
}).loose();

export async function localSignIn(dataDir: string, protector: SecretProtector): Promise<{ account: LocalAccount | null; blocked: Blocked | null }> {
  const blocked = await blockedFlag(dataDir).read();
  let sealed: Buffer;
  try {
    sealed = await readFile(path.join(dataDir, CACHE_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { account: null, blocked };
    throw error;
  }
  let cache: z.infer<typeof SerializedCache>;
  try {
    cache = SerializedCache.parse(JSON.parse((await protector.decrypt(sealed)).toString('utf8')));
  } catch {
    // Unreadable (key lost, damaged): as good as signed out; the next sign-in replaces it.
    return { account: null, blocked };
  }
  const first = Object.values(cache.Account)[0];
  return { account: first === undefined ? null : { userName: first.username, name: first.name, tenantId: first.realm }, blocked };
}

/** Removes the token cache and the blocked flag: nothing of the account is left here. */
export async function forgetSignIn(dataDir: string): Promise<void> {
  await rm(path.join(dataDir, CACHE_FILE), { force: true });
  await blockedFlag(dataDir).clear();
}
