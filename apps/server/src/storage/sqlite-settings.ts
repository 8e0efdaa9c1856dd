import type Database from 'better-sqlite3';
import type { SettingsStore } from './storage.ts';

/** Settings in SQLite (the table is created with the cases, see CASES_MIGRATION). */
export function sqliteSettingsStore(db: Database.Database): SettingsStore {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const put = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
  return {
    async getSetting<T>(key: string) {
      const v = get.get(key) as string | undefined;
      return v === undefined ? null : (JSON.parse(v) as T);
    },
    async putSetting(key, value) {
      put.run(key, JSON.stringify(value));
    },
  };
}
