/**
 * The CRM store: one SQLite file (better-sqlite3) behind Kysely, so queries are typed against `CrmDatabase`
 * and stay portable to PostgreSQL. Opening a store migrates it to the latest schema.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import { CrmError } from './errors';
import { MIGRATIONS, migrationProvider } from './migrations';
import type { CrmDatabase } from './schema';

/** Pass as the path for a store that lives in memory only (tests). */
export const IN_MEMORY = ':memory:';

export interface CrmCounts {
  employees: number;
  businessPartners: number;
  contactPersons: number;
  activities: number;
}

export interface CrmStore {
  readonly path: string;
  readonly db: Kysely<CrmDatabase>;
  /** Applies the migrations this store has not had yet; returns their names (none: already up to date). */
  migrateToLatest(): Promise<string[]>;
  /** Name of the last migration applied, e.g. `0002-built-ins`; null for a store never migrated. */
  schemaVersion(): Promise<string | null>;
  counts(): Promise<CrmCounts>;
  close(): Promise<void>;
}

export interface OpenCrmStoreOptions {
  /** Default true. False opens the file as it is (tests of the migrations themselves). */
  migrate?: boolean;
}

/** Kysely's own bookkeeping table, typed for the reads below. */
type MigrationTable = {
  kysely_migration: { name: string; timestamp: string };
};

export async function openCrmStore(file: string, options: OpenCrmStoreOptions = {}): Promise<CrmStore> {
  const sqlite = openSqlite(file);
  const db = new Kysely<CrmDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const store = storeOver(file, db);
  if (options.migrate !== false) {
    try {
      await store.migrateToLatest();
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  return store;
}

/** An in-memory store lives on the thread that opened it: nothing else can open its "file". */
export function isInMemoryStore(store: Pick<CrmStore, 'path'>): boolean {
  return store.path === IN_MEMORY;
}

export function openInMemoryCrmStore(options?: OpenCrmStoreOptions): Promise<CrmStore> {
  return openCrmStore(IN_MEMORY, options);
}

function openSqlite(file: string): Database.Database {
  if (file !== IN_MEMORY) checkLocation(file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (error) {
    throw new CrmError('STORE_CANNOT_OPEN', `The database ${file} cannot be opened: ${messageOf(error)}`, { cause: error });
  }
  try {
    // The first statement reads the file header, so a file that is no database fails here.
    // WAL: the app, its sync and a CLI run can read while one of them writes.
    sqlite.pragma('journal_mode = WAL');
    // SQLite leaves foreign keys off per connection unless asked; the schema relies on them.
    sqlite.pragma('foreign_keys = ON');
    // Another process holding the write lock for a moment is normal (app + CLI): wait instead of failing.
    sqlite.pragma('busy_timeout = 5000');
    // NORMAL: with WAL, a commit is synced to disk only at the next checkpoint. A crash of the process loses
    // nothing (the OS holds the writes), a power cut may take back the last commits — never corrupting the file.
    // Commits that something outside the store acts on must not be taken back: they go through
    // durableTransaction() (FULL for that commit).
    sqlite.pragma('synchronous = NORMAL');
  } catch (error) {
    sqlite.close();
    if (sqliteCode(error) === 'SQLITE_NOTADB') {
      throw new CrmError('STORE_NOT_A_DATABASE', `The file ${file} is not a CRM Companion database`, { cause: error });
    }
    throw new CrmError('STORE_CANNOT_OPEN', `The database ${file} cannot be opened: ${messageOf(error)}`, { cause: error });
  }
  return sqlite;
}

/**
 * A transaction whose commit is on disk when it returns (synchronous = FULL for it: the WAL is synced, and with
 * it every commit before), for writes that something outside the store acts on right after — the mail import
 * moves mails in Outlook once their activities are committed, and a power cut must not take those back. A sync
 * per commit is the cost (~0.4 ms on an idle disk, several ms on a busy one), so only these commits pay it.
 */
export async function durableTransaction<T>(db: Kysely<CrmDatabase>, run: (trx: Transaction<CrmDatabase>) => Promise<T>): Promise<T> {
  await sql`pragma synchronous = FULL`.execute(db);
  try {
    return await db.transaction().execute(run);
  } finally {
    await sql`pragma synchronous = NORMAL`.execute(db);
  }
}

/** Statements kept per connection; the engine's queries are a few dozen distinct texts. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * Kysely prepares a statement for every query it runs. A better-sqlite3 statement holds native memory that
 * only the garbage collector frees, which it does not see the size of: an import of 10,000 mails left ~10⁵ of
 * them waiting and the process grew by hundreds of MB (npm run bench). Queries come from a few dozen distinct
 * SQL texts, so prepared statements are kept by text (least recently used out first) and reused. Safe, because
 * Kysely runs one query at a time on the connection and reads each result fully (or streams it to the end)
 * before the next; SQLite re-prepares a kept statement by itself after a schema change.
 */
function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => {
      kept.clear();
      sqlite.close();
    },
    prepare: (sql) => {
      let statement = kept.get(sql);
      if (statement !== undefined) kept.delete(sql); // re-inserted below: most recently used last
      else statement = sqlite.prepare(sql);
      kept.set(sql, statement);
      if (kept.size > STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value ?? sql);
      return statement;
    },
  };
}

/** The store creates its file but never directories: a missing directory is most likely a typo in the path. */
function checkLocation(file: string): void {
  const directory = path.dirname(path.resolve(file));
  if (statSync(directory, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new CrmError('STORE_DIRECTORY_MISSING', `The directory ${directory} does not exist`);
  }
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory() === true) {
    throw new CrmError('STORE_PATH_IS_DIRECTORY', `${file} is a directory, not a database file`);
  }
}

function storeOver(file: string, db: Kysely<CrmDatabase>): CrmStore {
  const appliedMigrations = async (): Promise<string[]> => {
    const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
    if (!tables.some((table) => table.name === 'kysely_migration')) return [];
    const rows = await db.withTables<MigrationTable>().selectFrom('kysely_migration').select('name').execute();
    return rows.map((row) => row.name).sort();
  };

  const count = async (table: 'employees' | 'business_partners' | 'contact_persons' | 'activities') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  return {
    path: file,
    db,

    async migrateToLatest() {
      // Kysely would refuse too, but with a message about "corrupted migrations"; say what actually happened.
      const unknown = (await appliedMigrations()).filter((name) => !Object.hasOwn(MIGRATIONS, name));
      if (unknown.length > 0) {
        throw new CrmError(
          'STORE_TOO_NEW',
          `The database ${file} was written by a newer version of CRM Companion (schema ${unknown.at(-1)}); update CRM Companion to use it`,
        );
      }
      const { error, results = [] } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
      if (error !== undefined) {
        throw new CrmError('STORE_MIGRATION_FAILED', `The database ${file} could not be migrated: ${messageOf(error)}`, {
          cause: error,
        });
      }
      return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
    },

    async schemaVersion() {
      return (await appliedMigrations()).at(-1) ?? null;
    },

    async counts() {
      return {
        employees: await count('employees'),
        businessPartners: await count('business_partners'),
        contactPersons: await count('contact_persons'),
        activities: await count('activities'),
      };
    },

    close: () => db.destroy(),
  };
}

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
