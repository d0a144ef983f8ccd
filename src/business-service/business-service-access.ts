/**
 * Who may keep the Business Service's record and report on it, shared by the use cases: an
 * administrator or the London group's secretariat, through a session or a write token (2006 §106:
 * the groups performance-manage it "through representation on the London Commissioning Group").
 * And the two records every use case starts from: the Business Service and the London group.
 */
import type { Reader } from '../db/connection.ts';
import { type Actor, londonGroupSlug, mayRunBody } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { selectBodyBySlug, selectBusinessServiceOrganisation } from './business-service-queries.ts';
import { clauses } from './performance-rules.ts';

export function forbidden(detail: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail,
  });
}

/** A rule broken: 409, naming the rule and its clause; nothing is written. */
export function ruleBroken(field: string, message: string): ProblemError {
  return new ProblemError({
    status: 409,
    code: 'rule-broken',
    title: 'This breaks a rule for the Business Service’s reports',
    detail: message,
    errors: [{ field, message }],
  });
}

export function refuseUnlessManages(actor: Actor, what: string) {
  if (!mayRunBody(actor, londonGroupSlug)) {
    throw forbidden(
      `Only an administrator or the secretariat of the London Commissioning Group may ${what} (${clauses.performanceManage.clause} “${clauses.performanceManage.text}”).`,
    );
  }
}

export async function loadBusinessService(reader: Reader) {
  const organisation = await selectBusinessServiceOrganisation(reader);
  if (!organisation) {
    throw new ProblemError({
      status: 404,
      code: 'no-business-service',
      title: 'No Business Service is registered',
      detail:
        'The registry holds no organisation of the type Business Service: register the London Commissioning Business Service first.',
    });
  }
  return organisation;
}

export async function loadLondonGroup(reader: Reader) {
  const body = await selectBodyBySlug(reader, londonGroupSlug);
  if (!body) {
    throw new ProblemError({
      status: 404,
      code: 'no-london-group',
      title: 'No London Commissioning Group',
      detail: 'The London Commissioning Group is not set up yet: the reports go to it.',
    });
  }
  return body;
}

/** Who the record names as having acted: the account's name, never its id. */
export function nameOf(actor: Actor, fallback: string): string {
  return actor.kind === 'account' ? actor.displayName : fallback;
}
