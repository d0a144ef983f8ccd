import type { Actor } from '../identity/index.ts';

/**
 * Whoever runs a command on the server acts as an administrator, as the seed does: they already
 * hold the database. The audit names them as the command line.
 */
export const commandLineAdministrator: Actor = {
  kind: 'account',
  accountId: 'cli',
  email: 'cli@localhost',
  displayName: 'The command line (an administrator on the server)',
  personId: null,
  isAdministrator: true,
  bodyRoles: [],
  authenticatedBy: 'session',
};
