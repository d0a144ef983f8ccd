/**
 * What a reader may see of the library (decision in docs/decisions): approved versions (and those
 * they superseded) are public; drafts, versions in review and the quality-assurance reviews are
 * for signed-in accounts. Who may change it is the secretariat of the London group or an
 * administrator.
 */
import { type Actor, mayRunBody } from '../identity/index.ts';
import { libraryBodySlug } from './specification-access.ts';
import type { VersionStatus } from './specification-rules.ts';

export function seesDrafts(actor: Actor): boolean {
  return actor.kind === 'account';
}

export function isPublicStatus(status: VersionStatus | null): boolean {
  return status === 'approved' || status === 'superseded';
}

export function mayMaintainLibrary(actor: Actor): boolean {
  return mayRunBody(actor, libraryBodySlug);
}
