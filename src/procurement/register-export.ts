/** The procurement decisions register of one tender, as a CSV file for signed-in readers. */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { loadTender, signedInOnly } from './procurement-access.ts';
import { registerCsv, registerOf } from './register-view.ts';

export async function exportRegisterCsv(options: {
  db: Reader;
  actor: Actor;
  tenderId: string;
}): Promise<{ fileName: string; csv: string }> {
  signedInOnly(options.actor);
  const { tender } = await loadTender(options.db, options.tenderId);
  const register = await registerOf(options.db, tender.id);
  const slug = tender.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return {
    fileName: `procurement-decisions-register-${slug || 'tender'}.csv`,
    csv: registerCsv(tender.title, register),
  };
}
