/**
 * *Groupware password blocked* (DESIGN §3), kept in `<dataDir>/groupware-sign-in.json`: once a sign-in failed,
 * no request goes to the identity provider or Graph until the user signs in again. A file, so that the CLI,
 * the background sync and the desktop app all see the same flag.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from './secret-protector';

export const STATE_FILE = 'groupware-sign-in.json';

const Blocked = z.object({
  /** What happened, in words, for the user. */
  reason: z.string().min(1),
  /** ISO 8601. */
  at: z.iso.datetime({ offset: true }),
});
export type Blocked = z.infer<typeof Blocked>;

const SignInState = z.object({ version: z.literal(1), blocked: Blocked.nullable() });

export interface BlockedFlag {
  read(): Promise<Blocked | null>;
  set(reason: string, at?: Date): Promise<Blocked>;
  clear(): Promise<void>;
}

export function blockedFlag(dataDir: string): BlockedFlag {
  const file = path.join(dataDir, STATE_FILE);
  const write = (blocked: Blocked | null) => writePrivateFile(file, `${JSON.stringify({ version: 1, blocked }, null, 2)}\n`);
  return {
    read: async () => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const parsed = SignInState.safeParse(safeJson(text));
      // A damaged file says nothing reliable: stay on the safe side and keep the app from hammering the server.
      if (!parsed.success) return { reason: `The sign-in state file ${file} is damaged; sign in again to repair it.`, at: new Date().toISOString() };
      return parsed.data.blocked;
    },
    set: async (reason, at = new Date()) => {
      const blocked = { reason, at: at.toISOString() };
      await write(blocked);
      return blocked;
    },
    clear: () => write(null),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
