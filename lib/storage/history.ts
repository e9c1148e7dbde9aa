import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { HistoryItem } from '../audit/history-item';

/**
 * The extension's IndexedDB: audit history per environment and context NIP (KSeF keeps no history of grants; we
 * do, locally), background jobs, and the configuration no content script may reach. Versioned with migrations
 * from the first version.
 */
export type { HistoryItem };

export interface AuditRecord {
  id?: number;
  scope: string; // `${environment}:${contextNip}`
  at: number;
  items: HistoryItem[];
}

interface Schema extends DBSchema {
  audits: { key: number; value: AuditRecord; indexes: { byScope: [string, number] } };
  /** Background jobs (lib/jobs), one record each, rewritten after every step. */
  jobs: {
    key: string;
    value: { id: string; kind: string; state: string; updatedAt: number };
    indexes: { byUpdated: number };
  };
  /**
   * The provider link and the settings (lib/storage/settings.ts, credential.ts): here, in the extension origin's
   * database, no content script can read or write them (storage.local is open to content scripts).
   */
  config: { key: string; value: unknown };
}

export const DB_NAME = 'ksef-companion';
export const DB_VERSION = 3;
export const KEEP_PER_SCOPE = 50;

let db: Promise<IDBPDatabase<Schema>> | null = null;
export function openHistory(): Promise<IDBPDatabase<Schema>> {
  db ??= openDB<Schema>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        const store = database.createObjectStore('audits', { keyPath: 'id', autoIncrement: true });
        store.createIndex('byScope', ['scope', 'at']);
      }
      if (oldVersion < 2) {
        const jobs = database.createObjectStore('jobs', { keyPath: 'id' });
        jobs.createIndex('byUpdated', 'updatedAt');
      }
      if (oldVersion < 3) database.createObjectStore('config');
    },
  });
  return db;
}

export async function lastAudit(scope: string): Promise<AuditRecord | null> {
  const d = await openHistory();
  const cursor = await d
    .transaction('audits')
    .store.index('byScope')
    .openCursor(IDBKeyRange.bound([scope, 0], [scope, Infinity]), 'prev');
  return cursor?.value ?? null;
}

export async function saveAudit(record: AuditRecord): Promise<void> {
  const d = await openHistory();
  const tx = d.transaction('audits', 'readwrite');
  await tx.store.add(record);
  const keys = await tx.store
    .index('byScope')
    .getAllKeys(IDBKeyRange.bound([record.scope, 0], [record.scope, Infinity]));
  for (const k of keys.slice(0, Math.max(0, keys.length - KEEP_PER_SCOPE))) await tx.store.delete(k);
  await tx.done;
}

/** The newest audits of every company, newest first (for a diagnostic report). */
export async function recentAudits(limit: number): Promise<AuditRecord[]> {
  const d = await openHistory();
  const out: AuditRecord[] = [];
  let cursor = await d.transaction('audits').store.openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}
