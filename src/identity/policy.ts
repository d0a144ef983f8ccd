/**
 * Who may do what, derived from facts about the actor — one module used by the API and the pages
 * alike. Pure: the facts are resolved elsewhere (src/identity/actor.ts) and passed in.
 */

import type { Actor, BodyRole } from '../shared/actor.ts';

export { type Actor, anonymousActor, type BodyRole, type BodyRoleFact } from '../shared/actor.ts';

export const permissions = {
  'public.read': 'read published, non-confidential material',
  'account.sign-in': 'sign in, or reset a forgotten password',
  'minutes.confirm-receipt':
    'confirm that a body received the approved minutes, progress update or annual report sent to it',
  'registry.write-organisations': 'register and change organisations',
  'registry.write-people': 'record people and the posts they hold',
  'audit.read': 'read audit trails',
  'bodies.manage': 'create bodies and add versions of their terms of reference',
  'bodies.record-adoption': "record a board's adoption of terms of reference",
  'bodies.manage-membership': "appoint members to a body's seats and end their membership",
  'meetings.manage':
    "schedule a body's meetings, set their agenda, take attendance and record declarations",
  'account.manage-own': 'manage your own password and API tokens',
  'meetings.send-own-apologies':
    'send (or withdraw) apologies for a meeting of a body you sit on, for your own seat only',
  'meetings.check-in-own':
    'mark yourself present at a meeting of a body you sit on, while the secretariat has its register open',
  'actions.follow-up':
    "see overdue actions, and mark done, drop or reopen actions you own or whose body's secretariat you are",
  'interests.declare':
    'record interests and annual declarations in your own register of interests, or in the register of a member of a body whose secretariat you are',
  'decisions.vote':
    'vote or record a consensus view for your own seat (or one whose proxy you hold), and give or revoke your proxy',
  'disputes.take-part':
    "read a body's disputes and raise one, as its member, chair or secretariat (or for NHS London, the SHA)",
  'disputes.manage':
    "record a body's joint service reviews (2006 §112) and the steps taken up its dispute ladder",
  'disputes.record-step':
    "record the steps taken on a body's disputes: its secretariat, or its chair for the steps the terms say the chair conducts (mediation, 2006 §111)",
  'commissioning.run':
    "run a commissioning round, its intentions and prospectus (the London group's secretariat), and record the lead commissioning arrangements and negotiations in a local group's area (its secretariat)",
  'commissioning.act-for-pct':
    'submit priorities and a local plan for a PCT you hold a post at, propose actions as its lead commissioner and approve or reject a lead’s proposed action as an associate',
  'contracts.maintain':
    "record, change and import contracts in the contracts register: the London group's secretariat for every contract, a local group's secretariat for those its sector's PCTs lead",
  'specifications.maintain':
    'write and revise service specifications in the library, record good-practice examples, and approve a version signed off by quality assurance',
  'specifications.review':
    'record the quality-assurance review of a specification version you did not write',
  'business-service.manage':
    "keep the Business Service's catalogue and performance indicators, record its performance reports to the London group, present them and record the group's conclusions (an administrator or the London group's secretariat)",
  'specialised.manage':
    'record specialised services consortia, their member PCTs and shares, pooled budgets and services (an administrator or the London group’s secretariat)',
  'procurement.read':
    'read the procurement consortia, their tenders and procurement decisions registers (signed-in accounts)',
  'procurement.run':
    "register a procurement consortium, run its tenders (bids, evaluation, the procurement decisions register) and put the award to the consortium's vote: an administrator or the secretariat of the body at whose meetings the consortium votes",
  'markets.manage':
    'record which providers supply each service in each London sector, Practice Based Commissioning consortia and their pathways, and clinical networks and their annual reviews (an administrator, or the London group’s or a local group’s secretariat)',
  'consultations.respond':
    'respond to an open consultation, save a response to finish later and comment on its documents (no account needed)',
  'consultations.run':
    'prepare a consultation (documents, questions, events), put it to the body for approval, record its events and the responses taken there, import responses, review held and duplicate responses and put the decision after close: an administrator or the secretariat of the body the consultation is for',
  'consultations.scrutinise':
    "record NHS London's scrutiny of a consultation's documents (its post holders; the use-case checks the post)",
  'consultations.analyse':
    "keep a consultation's codebook, code its responses, accept or reject suggested themes and produce the analysis report: an administrator or the secretariat of the body the consultation is for",
  'consultations.read-report':
    "read a consultation's analysis report and its PDF: who analyses it, and the members of the body holding it, who decide following it (the use-case checks the seat)",
  'programme.keep':
    "keep a body's delivery programme (workstreams, projects, actions, milestones, RAG status with its reason) and its tasking of reviews: an administrator, or the body's secretariat or programme office",
  'accountability.report':
    "generate and distribute a body's progress updates and annual reports, and log its briefings: an administrator, or the body's secretariat or programme office",
  'accountability.read':
    "read a body's communications log and when each of its reporting duties was last met and is next due (signed-in accounts of the partnership)",
  'forward-plan.keep':
    "keep the forward plan of the decisions a body expects to take: an administrator or the body's secretariat",
  'disputes.oversee':
    'see every open dispute across bodies, for NHS London (the SHA): its post holders, the chairs and secretariats of bodies, administrators',
} as const;

export type Permission = keyof typeof permissions;

/** The London group: it performance-manages the Business Service and leads specialised commissioning. */
export const londonGroupSlug = 'london-commissioning-group';

export type Decision =
  | { allowed: true; reason: string }
  | { allowed: false; status: 401 | 403 | 404; reason: string };

function allow(reason: string): Decision {
  return { allowed: true, reason };
}

function deny(status: 401 | 403 | 404, reason: string): Decision {
  return { allowed: false, status, reason };
}

function holdsAnyBodyRole(actor: Extract<Actor, { kind: 'account' }>, role: BodyRole): boolean {
  return actor.bodyRoles.some((fact) => fact.role === role);
}

/**
 * The body's chair, acting through a session or a write token: the chair conducts what the terms
 * give the chair (mediation within the group, 2006 §111), and nothing else of the secretariat's.
 */
export function isChairOf(actor: Actor, bodySlug: string): boolean {
  return (
    actor.kind === 'account' &&
    (actor.tokenScope === undefined || actor.tokenScope === 'write') &&
    actor.bodyRoles.some((fact) => fact.role === 'chair' && fact.bodyId === bodySlug)
  );
}

/**
 * The body's secretariat, when the request names the body (its path has the body's slug), so the
 * refusal comes before the body of the request is read; otherwise any body's, and the use-case,
 * which knows the record, checks which.
 */
function isSecretariatOf(
  actor: Extract<Actor, { kind: 'account' }>,
  bodySlug: string | undefined,
): boolean {
  if (bodySlug === undefined) return holdsAnyBodyRole(actor, 'secretariat');
  return actor.bodyRoles.some((fact) => fact.role === 'secretariat' && fact.bodyId === bodySlug);
}

/**
 * Running a body's business (its meetings, membership, joint work, adoptions): an administrator or
 * that body's own secretariat, never through a read-only API token. The use cases ask this of the
 * record they hold; `authorize` below asks the same of the path before the request body is read.
 */
export function mayRunBody(actor: Actor, bodySlug: string): boolean {
  return (
    actor.kind === 'account' &&
    (actor.tokenScope === undefined || actor.tokenScope === 'write') &&
    (actor.isAdministrator || isSecretariatOf(actor, bodySlug))
  );
}

/**
 * Keeping a body's delivery programme and accounting for it: an administrator, or the body's
 * secretariat or programme office (2008 "Healthcare for London": "a programme office"), never
 * through a read-only API token.
 */
export function mayKeepProgramme(actor: Actor, bodySlug: string): boolean {
  return (
    actor.kind === 'account' &&
    (actor.tokenScope === undefined || actor.tokenScope === 'write') &&
    (actor.isAdministrator ||
      actor.bodyRoles.some(
        (fact) =>
          (fact.role === 'secretariat' || fact.role === 'programme-office') &&
          fact.bodyId === bodySlug,
      ))
  );
}

/**
 * Decides one request. `changesState` is true for any method that writes, so a read-only API
 * token is refused there whatever its owner could otherwise do.
 */
export function authorize(
  actor: Actor,
  permission: Permission,
  request: { changesState: boolean; bodySlug?: string | undefined; bodyTitle?: string | undefined },
): Decision {
  const secretariatOfTheBody = `the secretariat of ${request.bodyTitle ?? 'the body'}`;
  if (permission === 'public.read' && !request.changesState) {
    return allow('Published material is open to everyone.');
  }
  if (permission === 'account.sign-in') {
    return allow('Anyone may try to sign in; rate limits and CSRF checks guard the form.');
  }
  if (permission === 'consultations.respond') {
    // A consultation hears from the public without accounts; rate limits, a honeypot and
    // duplicate detection guard the form, and the use-case checks the consultation is open.
    return allow('Anyone may respond to an open consultation.');
  }
  if (permission === 'minutes.confirm-receipt') {
    // The board secretary who receives the minutes has no account: the secret link is the authority.
    return allow('Whoever holds the receipt link sent with the minutes may confirm receipt.');
  }
  if (actor.kind === 'anonymous') {
    return deny(401, `Sign in to ${permissions[permission]}.`);
  }
  if (
    request.changesState &&
    actor.authenticatedBy === 'api-token' &&
    actor.tokenScope !== 'write'
  ) {
    return deny(
      403,
      'This API token is read-only; create a token with the write scope to make changes.',
    );
  }
  switch (permission) {
    case 'public.read':
    case 'account.manage-own':
      return allow('Every signed-in account may do this for itself.');
    case 'meetings.send-own-apologies':
      // Whether they sit on the body that day is checked by the use-case, which knows the meeting.
      return allow('A member sends their own apologies; the use-case checks their seat.');
    case 'meetings.check-in-own':
      // Whether they sit on the body that day, and whether the register is open, is the use-case's.
      return allow('A member checks in for their own seat; the use-case checks the seat.');
    case 'actions.follow-up':
      // Whose action, and which body's, is checked by the use-case, which knows the action.
      return allow('Every signed-in account may follow up the actions it owns.');
    case 'interests.declare':
      // Whose register is checked by the use-case, which knows the person and their bodies.
      return allow('Every signed-in account may keep its own register of interests.');
    case 'disputes.take-part':
      // Which body, and whether they sit on it or hold a post at NHS London, is the use-case's check.
      return allow('Members of a body take part in its disputes; the use-case checks the body.');
    case 'disputes.manage':
      if (actor.isAdministrator) return allow("Administrators may record any body's disputes.");
      return isSecretariatOf(actor, request.bodySlug)
        ? allow("A body's secretariat records its joint reviews and the steps on its disputes.")
        : deny(
            403,
            `Only an administrator or ${secretariatOfTheBody} may record joint reviews and dispute steps.`,
          );
    case 'disputes.record-step':
      if (actor.isAdministrator)
        return allow("Administrators may record any body's dispute steps.");
      if (isSecretariatOf(actor, request.bodySlug) || holdsAnyBodyRole(actor, 'chair')) {
        // Which body, and for a chair whether the terms give the step to the chair, is the use-case's.
        return allow('A secretariat records dispute steps, a chair the steps the chair conducts.');
      }
      return deny(
        403,
        'Only an administrator, the secretariat of the body, or its chair for the steps the chair conducts, may record dispute steps.',
      );
    case 'disputes.oversee':
      if (actor.isAdministrator) return allow('Administrators oversee every dispute.');
      if (holdsAnyBodyRole(actor, 'chair') || holdsAnyBodyRole(actor, 'secretariat')) {
        return allow('The chairs and secretariats of bodies run the partnership for NHS London.');
      }
      // Whether they hold a post at NHS London (the SHA) is in the registry: the use-case checks.
      return allow('Post holders at NHS London oversee disputes; the use-case checks the post.');
    case 'commissioning.run':
      if (actor.isAdministrator) return allow("Administrators may run any body's commissioning.");
      // Which body (the London group for a round, a local group for its area) is the use-case's.
      return isSecretariatOf(actor, request.bodySlug)
        ? allow("A body's secretariat runs its part of the commissioning round.")
        : deny(
            403,
            `Only an administrator or ${secretariatOfTheBody} may run its commissioning business.`,
          );
    case 'commissioning.act-for-pct':
      // Whether they hold a post at the PCT (or run the round for it) is checked by the use-case.
      return allow('A PCT’s post holders act for it; the use-case checks the post.');
    case 'contracts.maintain':
      if (actor.isAdministrator) return allow('Administrators keep the contracts register.');
      // Which contracts (the London group's all, a local group's those its PCTs lead) is the use-case's.
      return holdsAnyBodyRole(actor, 'secretariat')
        ? allow("The London group's and the local groups' secretariats keep the register.")
        : deny(
            403,
            'Only an administrator or the secretariat of the London group or of a local group may keep the contracts register.',
          );
    case 'specifications.maintain':
    case 'specifications.review':
      if (actor.isAdministrator) return allow('Administrators maintain the library.');
      // Which specification, and that a reviewer is not the version's author, is the use-case's.
      return holdsAnyBodyRole(actor, 'secretariat')
        ? allow("A body's secretariat keeps the specification library.")
        : deny(
            403,
            "Only an administrator or a body's secretariat may change the specification library.",
          );
    case 'business-service.manage':
    case 'specialised.manage':
      if (actor.isAdministrator) return allow('Administrators may do this.');
      // 2006 §106: the groups performance-manage the Business Service through the London group,
      // which also leads specialised commissioning (2006 §104; 2008 Commissioning development).
      return isSecretariatOf(actor, londonGroupSlug)
        ? allow('The London group’s secretariat does this for the group.')
        : deny(
            403,
            `Only an administrator or the secretariat of the London Commissioning Group may ${
              permissions[permission].split(' (')[0]
            }.`,
          );
    case 'accountability.read':
      // 2008 Communications: briefings are the partnership's own business (decision 073).
      return allow('Every signed-in account of the partnership may read the communications log.');
    case 'procurement.read':
      return allow('Every signed-in account may read the procurement consortia and tenders.');
    case 'procurement.run':
      if (actor.isAdministrator)
        return allow('Administrators may run any consortium’s procurement.');
      // Which body (the one at whose meetings the consortium votes) is the use-case's check.
      return isSecretariatOf(actor, request.bodySlug)
        ? allow(
            "A body's secretariat runs the procurement of the consortia that vote at its meetings.",
          )
        : deny(
            403,
            `Only an administrator or ${secretariatOfTheBody} may run a procurement consortium's business (2006 §111).`,
          );
    case 'markets.manage':
      if (actor.isAdministrator) return allow('Administrators may manage the markets.');
      // Whether it is the London group's or a local group's secretariat is the use-case's check.
      return holdsAnyBodyRole(actor, 'secretariat')
        ? allow("The London group's and the local groups' secretariats manage the markets.")
        : deny(
            403,
            "Only an administrator, or the London group's or a local group's secretariat, may manage the markets and clinical networks.",
          );
    case 'consultations.run':
    case 'consultations.analyse':
      if (actor.isAdministrator) return allow('Administrators may run any consultation.');
      // Which body's (the one the consultation is for) is the use-case's check.
      return holdsAnyBodyRole(actor, 'secretariat')
        ? allow("A body's secretariat runs and analyses the consultations it holds.")
        : deny(
            403,
            `Only an administrator or the secretariat of the body holding the consultation may ${
              permissions[permission].split(':')[0]
            }.`,
          );
    case 'consultations.read-report':
      // Whether they analyse it or hold a seat on its body that day is the use-case's check.
      return allow(
        'The members of the body holding a consultation read its report; the use-case checks the seat.',
      );
    case 'consultations.scrutinise':
      // Whether they hold a post at NHS London is in the registry: the use-case checks.
      return allow("NHS London's post holders scrutinise; the use-case checks the post.");
    case 'decisions.vote':
      // Whether they hold a seat (or a proxy) that day is checked by the use-case with the engine.
      return allow(
        'A member votes for their own seat; the use-case checks the seat with the engine.',
      );
    case 'programme.keep':
    case 'accountability.report':
      if (actor.isAdministrator) return allow("Administrators may keep any body's programme.");
      // Which body's programme (the record's) is the use-case's check when the path names none.
      return request.bodySlug === undefined
        ? holdsAnyBodyRole(actor, 'secretariat') || holdsAnyBodyRole(actor, 'programme-office')
          ? allow("A body's secretariat or programme office keeps its programme.")
          : deny(
              403,
              "Only an administrator, or a body's secretariat or programme office, may do this.",
            )
        : mayKeepProgramme(actor, request.bodySlug)
          ? allow("A body's secretariat or programme office keeps its programme.")
          : deny(
              403,
              `Only an administrator, or ${secretariatOfTheBody} or its programme office, may ${
                permissions[permission].split(':')[0]
              }.`,
            );
    case 'forward-plan.keep':
      if (actor.isAdministrator) return allow("Administrators may keep any body's forward plan.");
      return isSecretariatOf(actor, request.bodySlug)
        ? allow("A body's secretariat keeps its forward plan.")
        : deny(403, `Only an administrator or ${secretariatOfTheBody} may keep its forward plan.`);
    case 'registry.write-organisations':
      return actor.isAdministrator
        ? allow('Administrators maintain the registry of organisations.')
        : deny(403, 'Only an administrator may register or change organisations.');
    case 'registry.write-people':
      if (actor.isAdministrator) return allow('Administrators maintain the registry.');
      return holdsAnyBodyRole(actor, 'secretariat')
        ? allow("A body's secretariat records the people and posts its members hold.")
        : deny(403, "Only an administrator or a body's secretariat may record people and posts.");
    case 'bodies.manage':
      return actor.isAdministrator
        ? allow('Administrators set up bodies and load their terms of reference.')
        : deny(
            403,
            'Only an administrator may create bodies or add versions of their terms of reference.',
          );
    case 'bodies.record-adoption':
      if (actor.isAdministrator) return allow('Administrators may record adoptions.');
      return isSecretariatOf(actor, request.bodySlug)
        ? allow("A body's secretariat records its member boards' adoptions.")
        : deny(403, `Only an administrator or ${secretariatOfTheBody} may record adoptions.`);
    case 'bodies.manage-membership':
      if (actor.isAdministrator) return allow('Administrators may record membership.');
      return isSecretariatOf(actor, request.bodySlug)
        ? allow("A body's secretariat records who holds its seats.")
        : deny(403, `Only an administrator or ${secretariatOfTheBody} may change its membership.`);
    case 'meetings.manage':
      if (actor.isAdministrator) return allow("Administrators may run any body's meetings.");
      return isSecretariatOf(actor, request.bodySlug)
        ? allow("A body's secretariat schedules its meetings and keeps their record.")
        : deny(403, `Only an administrator or ${secretariatOfTheBody} may run its meetings.`);
    case 'audit.read':
      if (actor.isAdministrator) return allow('Administrators may read every audit trail.');
      return holdsAnyBodyRole(actor, 'secretariat')
        ? allow("A body's secretariat may read audit trails.")
        : deny(403, "Only an administrator or a body's secretariat may read audit trails.");
  }
}

const roleInWords: Record<BodyRole, string> = {
  member: 'member',
  chair: 'chair',
  secretariat: 'secretariat',
  'programme-office': 'programme office',
};

/**
 * What the pages show about an actor ("Demo Secretariat (secretariat of London Commissioning
 * Group)"), naming each body by its title; a body missing from `bodyTitles` keeps its slug.
 */
export function describeActor(
  actor: Actor,
  bodyTitles: ReadonlyMap<string, string> = new Map(),
): string {
  if (actor.kind === 'anonymous') return 'Not signed in';
  const roles = [
    ...(actor.isAdministrator ? ['administrator'] : []),
    ...actor.bodyRoles.map(
      (fact) => `${roleInWords[fact.role]} of ${bodyTitles.get(fact.bodyId) ?? fact.bodyId}`,
    ),
  ];
  return roles.length ? `${actor.displayName} (${roles.join(', ')})` : actor.displayName;
}

/**
 * The bodies whose business the actor runs as their secretariat (slugs), for the home page's
 * "what is due" list; an administrator runs every body but serves none in particular.
 */
export function bodiesServedBy(actor: Actor): string[] {
  if (actor.kind !== 'account') return [];
  return [
    ...new Set(
      actor.bodyRoles
        .filter((fact) => fact.role === 'secretariat' && mayRunBody(actor, fact.bodyId))
        .map((fact) => fact.bodyId),
    ),
  ];
}
