import type { Database } from '../db/connection.ts';
import { selectBallotSealKey } from './record-agreement-queries.ts';

// Read once per database: the key never changes, and a vote should not wait on a read for it.
const keys = new WeakMap<Database, Promise<string>>();

/** The key secret votes are sealed with in their audit events (ballot-seal.ts). */
export function ballotSealKeyOf(db: Database): Promise<string> {
  let key = keys.get(db);
  if (!key) {
    key = selectBallotSealKey(db);
    keys.set(db, key);
    key.catch(() => keys.delete(db));
  }
  return key;
}
