import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
} from '../../test/support/demo-actors.ts';
import {
  addAgendaItem,
  meetingWithEveryonePresent,
  openQuestion,
} from '../../test/support/meeting-fixtures.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import { moveLiveAgendaItem } from '../live/live-service.ts';
import { loadAccountActor } from './actor.ts';
import { selectAccountByEmail } from './identity-queries.ts';
import { startSession } from './session-service.ts';

/**
 * Every route × every role, from the app's own route table: a route added without an entry here
 * fails the first test, and each entry is exercised for real over HTTP.
 */
const roles = ['anonymous', 'public', 'member', 'chair', 'secretariat', 'administrator'] as const;
type Role = (typeof roles)[number];
type Expected = 'allow' | 401 | 403;
type Row = Record<Role, Expected>;

const everyone: Row = {
  anonymous: 'allow',
  public: 'allow',
  member: 'allow',
  chair: 'allow',
  secretariat: 'allow',
  administrator: 'allow',
};
const signedIn: Row = { ...everyone, anonymous: 401 };
const administratorsOnly: Row = {
  anonymous: 401,
  public: 403,
  member: 403,
  chair: 403,
  secretariat: 403,
  administrator: 'allow',
};
const secretariatOrAdministrators: Row = { ...administratorsOnly, secretariat: 'allow' };
// Dispute steps: the secretariat, and the chair for the mediation the chair conducts (the use-case checks which).
const chairSecretariatOrAdministrators: Row = { ...secretariatOrAdministrators, chair: 'allow' };
// A body's disputes: its own people (the demo member, chair, secretariat) and the SHA, not the public.
const bodysPeople: Row = { ...signedIn, public: 403 };
// The SHA's oversight: chairs and secretariats of bodies, NHS London post holders, administrators.
const overseers: Row = { ...administratorsOnly, chair: 'allow', secretariat: 'allow' };
// NHS London's scrutiny of a consultation: its post holders (the demo chair) and administrators.
const nhsLondonOrAdministrators: Row = { ...administratorsOnly, chair: 'allow' };

const expectations: Record<string, Row> = {
  'GET /healthz': everyone,
  'GET /api/v1/openapi.json': everyone,
  'GET /': everyone,
  'GET /api/v1/sectors': everyone,
  'GET /api/v1/organisations': everyone,
  'GET /api/v1/organisations/:id': everyone,
  'POST /api/v1/organisations': administratorsOnly,
  'PATCH /api/v1/organisations/:id': administratorsOnly,
  'GET /api/v1/people': everyone,
  'GET /api/v1/people/:id': everyone,
  'POST /api/v1/people': secretariatOrAdministrators,
  'PATCH /api/v1/people/:id': secretariatOrAdministrators,
  'POST /api/v1/posts': secretariatOrAdministrators,
  'POST /api/v1/posts/:id/end': secretariatOrAdministrators,
  'GET /api/v1/me': signedIn,
  'GET /api/v1/tokens': signedIn,
  'POST /api/v1/tokens': signedIn,
  'POST /api/v1/tokens/:id/revoke': signedIn,
  'GET /api/v1/audit-events': secretariatOrAdministrators,
  'GET /organisations': everyone,
  'GET /organisations/:id': everyone,
  'GET /people/:id': everyone,
  'GET /people/:id/meetings.ics': everyone,
  'GET /audit/:entityType/:entityId': secretariatOrAdministrators,
  'GET /sign-in': everyone,
  'POST /sign-in': everyone,
  'GET /sign-out': signedIn,
  'POST /sign-out': signedIn,
  'GET /account': signedIn,
  'POST /account/password': signedIn,
  'POST /account/reminders': signedIn,
  'POST /account/tokens': signedIn,
  'POST /account/tokens/:id/revoke': signedIn,
  'GET /api/v1/bodies': everyone,
  'POST /api/v1/bodies': administratorsOnly,
  'GET /api/v1/bodies/:slug': everyone,
  'GET /api/v1/bodies/:slug/versions/:version': everyone,
  'GET /api/v1/bodies/:slug/diff': everyone,
  'GET /api/v1/bodies/:slug/versions/:version/adoptions': everyone,
  'POST /api/v1/bodies/:slug/versions/:version/adoptions': secretariatOrAdministrators,
  'GET /bodies': everyone,
  'GET /bodies/new': administratorsOnly,
  'POST /bodies': administratorsOnly,
  'GET /bodies/:slug': everyone,
  'GET /bodies/:slug/versions/:version': everyone,
  'GET /bodies/:slug/diff': everyone,
  'POST /bodies/:slug/versions/:version/adoptions': secretariatOrAdministrators,
  'GET /api/v1/bodies/:slug/members': everyone,
  'POST /api/v1/bodies/:slug/members': secretariatOrAdministrators,
  'POST /api/v1/bodies/:slug/members/:holdingId/end': secretariatOrAdministrators,
  'POST /api/v1/bodies/:slug/members/:holdingId/election': secretariatOrAdministrators,
  'POST /api/v1/bodies/:slug/attendees': secretariatOrAdministrators,
  'POST /api/v1/bodies/:slug/attendees/:attendeeId/end': secretariatOrAdministrators,
  'GET /bodies/:slug/members': everyone,
  'POST /bodies/:slug/members': secretariatOrAdministrators,
  'POST /bodies/:slug/members/:holdingId/end': secretariatOrAdministrators,
  'POST /bodies/:slug/members/:holdingId/election': secretariatOrAdministrators,
  'POST /bodies/:slug/attendees': secretariatOrAdministrators,
  'POST /bodies/:slug/attendees/:attendeeId/end': secretariatOrAdministrators,
  'GET /api/v1/bodies/:slug/meetings': everyone,
  'POST /api/v1/bodies/:slug/meetings': secretariatOrAdministrators,
  'GET /api/v1/meetings/:id': everyone,
  'POST /api/v1/meetings/:id/agenda-items': secretariatOrAdministrators,
  'PUT /api/v1/meetings/:id/attendance/:seatHoldingId': secretariatOrAdministrators,
  'POST /api/v1/meetings/:id/declarations': secretariatOrAdministrators,
  'POST /api/v1/meetings/:id/held': secretariatOrAdministrators,
  'POST /api/v1/meetings/:id/cancellation': secretariatOrAdministrators,
  'POST /api/v1/bodies/:slug/meeting-series': secretariatOrAdministrators,
  'POST /api/v1/meetings/:id/move': secretariatOrAdministrators,
  'GET /api/v1/meetings/:id/papers': everyone,
  'POST /api/v1/meetings/:id/papers': secretariatOrAdministrators,
  'GET /api/v1/meetings/:id/notices': secretariatOrAdministrators,
  'POST /api/v1/meetings/:id/notices': secretariatOrAdministrators,
  'POST /api/v1/meetings/:id/apologies': signedIn,
  'DELETE /api/v1/meetings/:id/apologies': signedIn,
  'GET /api/v1/bodies/:slug/actions': everyone,
  'POST /api/v1/meetings/:id/actions': secretariatOrAdministrators,
  'GET /api/v1/actions/overdue': signedIn,
  'GET /api/v1/actions/:id': everyone,
  'POST /api/v1/actions/:id/status': signedIn,
  'GET /api/v1/people/:id/interests': everyone,
  'POST /api/v1/people/:id/interests': signedIn,
  'POST /api/v1/people/:id/annual-declarations': signedIn,
  'GET /api/v1/bodies/:slug/register-of-interests': everyone,
  'GET /bodies/:slug/actions': everyone,
  'GET /actions/overdue': signedIn,
  'POST /meetings/:id/actions': secretariatOrAdministrators,
  'POST /actions/:id/status': signedIn,
  'GET /people/:id/interests': everyone,
  'POST /people/:id/interests': signedIn,
  'POST /people/:id/annual-declarations': signedIn,
  'GET /bodies/:slug/register-of-interests': everyone,
  'GET /bodies/:slug/meetings': everyone,
  'GET /bodies/:slug/meetings.ics': everyone,
  'POST /bodies/:slug/meetings': secretariatOrAdministrators,
  'GET /meetings': everyone,
  'GET /meetings/:id': everyone,
  'POST /meetings/:id/agenda-items': secretariatOrAdministrators,
  'POST /meetings/:id/attendance/:seatHoldingId': secretariatOrAdministrators,
  'POST /meetings/:id/declarations': secretariatOrAdministrators,
  'POST /meetings/:id/held': secretariatOrAdministrators,
  'POST /meetings/:id/cancellation': secretariatOrAdministrators,
  'GET /bodies/:slug/meeting-series': secretariatOrAdministrators,
  'POST /bodies/:slug/meeting-series': secretariatOrAdministrators,
  'GET /meetings/:id/move': secretariatOrAdministrators,
  'POST /meetings/:id/move': secretariatOrAdministrators,
  'GET /meetings/:id/papers': everyone,
  'POST /meetings/:id/papers': secretariatOrAdministrators,
  'GET /papers/:paperId/versions/:version': everyone,
  'GET /meetings/:id/agenda-pack.pdf': everyone,
  'GET /meetings/:id/notices': secretariatOrAdministrators,
  'POST /meetings/:id/notices': secretariatOrAdministrators,
  'POST /meetings/:id/apologies': signedIn,
  'POST /meetings/:id/apologies/withdraw': signedIn,
  'POST /meetings/:id/register': secretariatOrAdministrators,
  'POST /meetings/:id/register/open': secretariatOrAdministrators,
  'POST /meetings/:id/register/close': secretariatOrAdministrators,
  'POST /meetings/:id/check-in': signedIn,
  'GET /meetings/:id/agenda-items/:agendaItemId/edit': secretariatOrAdministrators,
  'POST /meetings/:id/agenda-items/:agendaItemId': secretariatOrAdministrators,
  'POST /meetings/:id/agenda-items/:agendaItemId/move': secretariatOrAdministrators,
  'POST /meetings/:id/agenda-items/:agendaItemId/withdrawal': secretariatOrAdministrators,
  'GET /api/v1/meetings/:id/minutes': everyone,
  'PUT /api/v1/meetings/:id/minutes/:agendaItemId': secretariatOrAdministrators,
  'POST /api/v1/meetings/:id/minutes-for-approval': secretariatOrAdministrators,
  'POST /api/v1/meetings/:id/minutes/approval': secretariatOrAdministrators,
  'POST /api/v1/receipts/:token': everyone,
  'GET /meetings/:id/minutes': everyone,
  'GET /meetings/:id/minutes.pdf': everyone,
  'POST /meetings/:id/minutes/:agendaItemId': secretariatOrAdministrators,
  'POST /meetings/:id/minutes-for-approval': secretariatOrAdministrators,
  'POST /meetings/:id/minutes-from-the-record': secretariatOrAdministrators,
  'POST /meetings/:id/minutes/approval': secretariatOrAdministrators,
  'GET /api/v1/meetings/:id/proposals': everyone,
  'POST /api/v1/meetings/:id/proposals': secretariatOrAdministrators,
  'GET /api/v1/proposals/:id': everyone,
  'POST /api/v1/proposals/:id/open': secretariatOrAdministrators,
  'POST /api/v1/proposals/:id/withdraw': secretariatOrAdministrators,
  'POST /api/v1/proposals/:id/close': secretariatOrAdministrators,
  'POST /api/v1/proposals/:id/casting-vote': signedIn,
  'POST /api/v1/proposals/:id/sense-of-meeting': signedIn,
  'POST /api/v1/proposals/:id/votes': signedIn,
  'PUT /api/v1/proposals/:id/votes': signedIn,
  'POST /api/v1/meetings/:id/proxies': signedIn,
  'POST /api/v1/proxies/:id/revoke': signedIn,
  'GET /api/v1/proposals/:id/ratification': everyone,
  'POST /api/v1/proposals/:id/ratification': secretariatOrAdministrators,
  'POST /api/v1/proposals/:id/ratification/sign-offs': secretariatOrAdministrators,
  'GET /meetings/:id/proposals': everyone,
  'POST /meetings/:id/proposals': secretariatOrAdministrators,
  'POST /meetings/:id/proxies': signedIn,
  'POST /proxies/:id/revoke': signedIn,
  'GET /proposals/:id': everyone,
  'POST /proposals/:id/open': secretariatOrAdministrators,
  'POST /proposals/:id/withdraw': secretariatOrAdministrators,
  'POST /proposals/:id/close': secretariatOrAdministrators,
  'POST /proposals/:id/casting-vote': signedIn,
  'POST /proposals/:id/sense-of-meeting': signedIn,
  'POST /proposals/:id/votes': signedIn,
  'POST /proposals/:id/ratification': secretariatOrAdministrators,
  'POST /proposals/:id/ratification/sign-offs': secretariatOrAdministrators,
  'GET /proposals/:id/advice-note': everyone,
  'GET /proposals/:id/advice-note.pdf': everyone,
  'GET /proposals/:id/results.csv': everyone,
  'GET /api/v1/decisions': everyone,
  'GET /api/v1/decisions.csv': everyone,
  'GET /api/v1/decisions/:id': everyone,
  'GET /decisions': everyone,
  'GET /decisions/:id': everyone,
  'GET /meetings/:id/live': everyone,
  'POST /meetings/:id/live/position': secretariatOrAdministrators,
  'GET /meetings/:id/live/events': everyone,
  'GET /api/v1/meetings/:id/live': everyone,
  'GET /meetings/:id/live/room': everyone,
  'POST /meetings/:id/live/questions/:proposalId/vote': signedIn,
  'POST /meetings/:id/live/questions/:proposalId/show-of-hands': signedIn,
  'POST /meetings/:id/live/questions/:proposalId/close': signedIn,
  'POST /meetings/:id/live/questions/:proposalId/casting-vote': signedIn,
  'GET /receipts/:token': everyone,
  'POST /receipts/:token': everyone,
  'GET /password-reset': everyone,
  'POST /password-reset': everyone,
  'GET /password-reset/:token': everyone,
  'POST /password-reset/:token': everyone,
  // The delivery programme (issue 26): public to read; kept by an administrator or the body's
  // secretariat or programme office (the use case checks the record's body).
  'GET /api/v1/programmes': everyone,
  'GET /api/v1/bodies/:slug/programmes': everyone,
  'POST /api/v1/bodies/:slug/programmes': secretariatOrAdministrators,
  'GET /api/v1/programmes/:id': everyone,
  'GET /api/v1/programmes/:id/roll-up': everyone,
  'GET /api/v1/programmes/:id/as-at': everyone,
  'GET /api/v1/programmes/:id/period': everyone,
  'POST /api/v1/programmes/:id/workstreams': secretariatOrAdministrators,
  'POST /api/v1/programmes/:id/action-teams': secretariatOrAdministrators,
  'POST /api/v1/programme/workstreams/:id/projects': secretariatOrAdministrators,
  'POST /api/v1/programme/projects/:id/dependencies': secretariatOrAdministrators,
  'POST /api/v1/programme/projects/:id/milestones': secretariatOrAdministrators,
  'POST /api/v1/programme/projects/:id/actions': secretariatOrAdministrators,
  'POST /api/v1/programme/projects/:id/rag': secretariatOrAdministrators,
  'POST /api/v1/programme/actions/:id/rag': secretariatOrAdministrators,
  'POST /api/v1/programme/actions/:id/completion': secretariatOrAdministrators,
  'POST /api/v1/programme/milestones/:id/achieved': secretariatOrAdministrators,
  'GET /api/v1/programme/workstreams/:id': everyone,
  'GET /api/v1/programme/projects/:id': everyone,
  'GET /api/v1/programme/actions/:id': everyone,
  'GET /api/v1/programme/pcts/:odsCode': everyone,
  'GET /programmes': everyone,
  'GET /bodies/:slug/programmes': everyone,
  'POST /bodies/:slug/programmes': secretariatOrAdministrators,
  'GET /programmes/:id': everyone,
  'GET /programmes/:id/roll-up': everyone,
  'GET /programme/workstreams/:id': everyone,
  'GET /programme/projects/:id': everyone,
  'GET /programme/actions/:id': everyone,
  'GET /programme/pcts/:odsCode': everyone,
  'POST /programmes/:id/workstreams': secretariatOrAdministrators,
  'POST /programmes/:id/action-teams': secretariatOrAdministrators,
  'POST /programme/workstreams/:id/projects': secretariatOrAdministrators,
  'POST /programme/projects/:id/dependencies': secretariatOrAdministrators,
  'POST /programme/projects/:id/milestones': secretariatOrAdministrators,
  'POST /programme/projects/:id/actions': secretariatOrAdministrators,
  'POST /programme/projects/:id/rag': secretariatOrAdministrators,
  'POST /programme/actions/:id/rag': secretariatOrAdministrators,
  'POST /programme/actions/:id/completion': secretariatOrAdministrators,
  'POST /programme/milestones/:id/achieved': secretariatOrAdministrators,
  'GET /api/v1/bodies/:slug/joint-reviews': everyone,
  'POST /api/v1/bodies/:slug/joint-reviews': secretariatOrAdministrators,
  'GET /api/v1/joint-reviews/:id': everyone,
  'POST /api/v1/joint-reviews/:id/process': secretariatOrAdministrators,
  'POST /api/v1/joint-reviews/:id/agreement': secretariatOrAdministrators,
  'POST /api/v1/joint-reviews/:id/start': secretariatOrAdministrators,
  'POST /api/v1/joint-reviews/:id/end': secretariatOrAdministrators,
  // Tasking the sector groups with reviews (2008 Commissioning development): public record; the
  // London group's secretariat or programme office commissions, the tasked sector's secretariat
  // reports (the use case checks which secretariat). The communications log: signed-in people.
  'GET /api/v1/bodies/:slug/review-commissions': everyone,
  'POST /api/v1/bodies/:slug/review-commissions': secretariatOrAdministrators,
  'GET /api/v1/review-commissions/:id': everyone,
  'POST /api/v1/review-commissions/:id/due-date': secretariatOrAdministrators,
  'POST /api/v1/review-commissions/:id/withdrawal': secretariatOrAdministrators,
  'POST /api/v1/review-commissions/:id/outcome': secretariatOrAdministrators,
  'GET /api/v1/bodies/:slug/communications': signedIn,
  'GET /api/v1/bodies/:slug/reports': everyone,
  'POST /api/v1/bodies/:slug/reports': secretariatOrAdministrators,
  'GET /api/v1/reports/:id': everyone,
  'POST /api/v1/reports/:id/distribution': secretariatOrAdministrators,
  'POST /api/v1/report-receipts/:token': everyone,
  'POST /api/v1/bodies/:slug/briefings': secretariatOrAdministrators,
  'GET /api/v1/bodies/:slug/disputes': bodysPeople,
  // The policy admits every account; the use-case's check of the body runs before the request's
  // body is read, so the public is refused whatever it sends.
  'POST /api/v1/bodies/:slug/disputes': bodysPeople,
  'GET /api/v1/disputes/:id': signedIn,
  'POST /api/v1/disputes/:id/steps': chairSecretariatOrAdministrators,
  'GET /api/v1/oversight/disputes': overseers,
  'POST /api/v1/bodies/:slug/review-calls': secretariatOrAdministrators,
  'POST /bodies/:slug/review-calls': secretariatOrAdministrators,
  'GET /api/v1/forward-plan': everyone,
  'GET /api/v1/bodies/:slug/forward-plan': everyone,
  'POST /api/v1/bodies/:slug/forward-plan': secretariatOrAdministrators,
  'GET /api/v1/forward-plan/:id': everyone,
  'POST /api/v1/forward-plan/:id/meeting': secretariatOrAdministrators,
  'POST /api/v1/forward-plan/:id/defer': secretariatOrAdministrators,
  'POST /api/v1/forward-plan/:id/withdraw': secretariatOrAdministrators,
  'GET /forward-plan': everyone,
  'GET /forward-plan.atom': everyone,
  'GET /forward-plan.ics': everyone,
  'GET /forward-plan.csv': everyone,
  'GET /bodies/:slug/forward-plan': everyone,
  'GET /bodies/:slug/forward-plan.atom': everyone,
  'GET /bodies/:slug/forward-plan.ics': everyone,
  'GET /bodies/:slug/forward-plan.csv': everyone,
  'POST /bodies/:slug/forward-plan': secretariatOrAdministrators,
  'GET /forward-plan/:id': everyone,
  'POST /forward-plan/:id/meeting': secretariatOrAdministrators,
  'POST /forward-plan/:id/defer': secretariatOrAdministrators,
  'POST /forward-plan/:id/withdraw': secretariatOrAdministrators,
  'GET /bodies/:slug/joint-reviews': everyone,
  'POST /bodies/:slug/joint-reviews': secretariatOrAdministrators,
  'GET /joint-reviews/:id': everyone,
  'POST /joint-reviews/:id/process': secretariatOrAdministrators,
  'POST /joint-reviews/:id/agreement': secretariatOrAdministrators,
  'POST /joint-reviews/:id/start': secretariatOrAdministrators,
  'POST /joint-reviews/:id/end': secretariatOrAdministrators,
  'GET /bodies/:slug/review-commissions': everyone,
  'POST /bodies/:slug/review-commissions': secretariatOrAdministrators,
  'GET /review-commissions/:id': everyone,
  'POST /review-commissions/:id/due-date': secretariatOrAdministrators,
  'POST /review-commissions/:id/withdrawal': secretariatOrAdministrators,
  'POST /review-commissions/:id/outcome': secretariatOrAdministrators,
  'GET /review-commissions/:id/outcome/:version/report': everyone,
  'GET /bodies/:slug/communications': signedIn,
  'GET /bodies/:slug/reports': everyone,
  'POST /bodies/:slug/reports': secretariatOrAdministrators,
  'GET /reports/:id': everyone,
  'GET /reports/:id/report.pdf': everyone,
  'POST /reports/:id/distribution': secretariatOrAdministrators,
  'GET /report-receipts/:token': everyone,
  'POST /report-receipts/:token': everyone,
  'POST /bodies/:slug/briefings': secretariatOrAdministrators,
  'GET /bodies/:slug/disputes': bodysPeople,
  'POST /bodies/:slug/disputes': bodysPeople,
  'GET /disputes/:id': signedIn,
  'POST /disputes/:id/steps': chairSecretariatOrAdministrators,
  'GET /oversight/disputes': overseers,
  // The specification library (2006 §3.1(b)): approved versions public, drafts for signed-in
  // accounts (the view filters); changes by the London group's secretariat or an administrator.
  'GET /api/v1/specifications': everyone,
  'POST /api/v1/specifications': secretariatOrAdministrators,
  'GET /api/v1/specifications/:id': everyone,
  'POST /api/v1/specifications/:id/versions': secretariatOrAdministrators,
  'GET /api/v1/specifications/:id/versions/:version': everyone,
  'POST /api/v1/specifications/:id/versions/:version/submission': secretariatOrAdministrators,
  'POST /api/v1/specifications/:id/versions/:version/reviews': secretariatOrAdministrators,
  'POST /api/v1/specifications/:id/versions/:version/approval': secretariatOrAdministrators,
  'POST /api/v1/specifications/:id/good-practice': secretariatOrAdministrators,
  'GET /specifications': everyone,
  'POST /specifications': secretariatOrAdministrators,
  'GET /specifications/:id': everyone,
  'POST /specifications/:id/versions': secretariatOrAdministrators,
  'GET /specifications/:id/versions/:version': everyone,
  'POST /specifications/:id/versions/:version/submission': secretariatOrAdministrators,
  'POST /specifications/:id/versions/:version/reviews': secretariatOrAdministrators,
  'POST /specifications/:id/versions/:version/approval': secretariatOrAdministrators,
  'POST /specifications/:id/good-practice': secretariatOrAdministrators,
  // London commissioning intentions, agreement, prospectus and fit (issue 23): the London group's
  // secretariat runs them; the fit and local plans are any signed-in account's to reach, the use
  // case checks the post at the PCT.
  'GET /api/v1/bodies/:slug/commissioning-rounds/:year/intentions': everyone,
  'POST /api/v1/bodies/:slug/commissioning-rounds/:year/intentions/consolidation':
    secretariatOrAdministrators,
  'POST /api/v1/bodies/:slug/commissioning-rounds/:year/intentions': secretariatOrAdministrators,
  'PATCH /api/v1/bodies/:slug/commissioning-rounds/:year/intentions/:intentionId':
    secretariatOrAdministrators,
  'POST /api/v1/bodies/:slug/commissioning-rounds/:year/intentions/:intentionId/move':
    secretariatOrAdministrators,
  'DELETE /api/v1/bodies/:slug/commissioning-rounds/:year/intentions/:intentionId':
    secretariatOrAdministrators,
  'POST /api/v1/bodies/:slug/commissioning-rounds/:year/intentions/:intentionId/sources':
    secretariatOrAdministrators,
  'DELETE /api/v1/bodies/:slug/commissioning-rounds/:year/intentions/:intentionId/sources/:priorityId':
    secretariatOrAdministrators,
  'POST /api/v1/bodies/:slug/commissioning-rounds/:year/intentions/put-to-group':
    secretariatOrAdministrators,
  'POST /api/v1/bodies/:slug/commissioning-rounds/:year/intentions/agreement':
    secretariatOrAdministrators,
  'POST /api/v1/bodies/:slug/commissioning-rounds/:year/prospectus': secretariatOrAdministrators,
  'GET /api/v1/bodies/:slug/commissioning-rounds/:year/prospectus': everyone,
  'GET /api/v1/bodies/:slug/commissioning-rounds/:year/fit': signedIn,
  'PUT /api/v1/bodies/:slug/commissioning-rounds/:year/local-plans/:organisationId': signedIn,
  'GET /bodies/:slug/commissioning-rounds/:year/intentions': everyone,
  'POST /bodies/:slug/commissioning-rounds/:year/intentions/consolidation':
    secretariatOrAdministrators,
  'POST /bodies/:slug/commissioning-rounds/:year/intentions': secretariatOrAdministrators,
  'POST /bodies/:slug/commissioning-rounds/:year/intentions/put-to-group':
    secretariatOrAdministrators,
  'POST /bodies/:slug/commissioning-rounds/:year/intentions/agreement': secretariatOrAdministrators,
  'POST /bodies/:slug/commissioning-rounds/:year/prospectus': secretariatOrAdministrators,
  'GET /bodies/:slug/commissioning-rounds/:year/intentions/:intentionId': everyone,
  'POST /bodies/:slug/commissioning-rounds/:year/intentions/:intentionId':
    secretariatOrAdministrators,
  'POST /bodies/:slug/commissioning-rounds/:year/intentions/:intentionId/move':
    secretariatOrAdministrators,
  'POST /bodies/:slug/commissioning-rounds/:year/intentions/:intentionId/remove':
    secretariatOrAdministrators,
  'POST /bodies/:slug/commissioning-rounds/:year/intentions/:intentionId/sources':
    secretariatOrAdministrators,
  'POST /bodies/:slug/commissioning-rounds/:year/intentions/:intentionId/sources/:priorityId/remove':
    secretariatOrAdministrators,
  'GET /bodies/:slug/commissioning-rounds/:year/prospectus': everyone,
  'GET /bodies/:slug/commissioning-rounds/:year/prospectus.pdf': everyone,
  'GET /bodies/:slug/commissioning-rounds/:year/fit': signedIn,
  'POST /bodies/:slug/commissioning-rounds/:year/local-plans': signedIn,
  // Commissioning rounds (2006 §104): the timetable is public, the returns are for signed-in
  // accounts; who may make a PCT's return (its post holders, the round's secretariat) is the
  // use-case's check on the record.
  'GET /api/v1/commissioning-rounds': everyone,
  'POST /api/v1/bodies/:slug/commissioning-rounds': secretariatOrAdministrators,
  'GET /api/v1/bodies/:slug/commissioning-rounds/:year': everyone,
  'PUT /api/v1/bodies/:slug/commissioning-rounds/:year/timetable': secretariatOrAdministrators,
  'GET /api/v1/bodies/:slug/commissioning-rounds/:year/returns/:submitter': signedIn,
  'PUT /api/v1/bodies/:slug/commissioning-rounds/:year/returns/:submitter': signedIn,
  'GET /commissioning': everyone,
  'POST /bodies/:slug/commissioning-rounds': secretariatOrAdministrators,
  'GET /bodies/:slug/commissioning-rounds/:year': everyone,
  'POST /bodies/:slug/commissioning-rounds/:year/timetable': secretariatOrAdministrators,
  'GET /bodies/:slug/commissioning-rounds/:year/returns/:submitter': signedIn,
  'GET /bodies/:slug/commissioning-rounds/:year/returns/:submitter/form': signedIn,
  'POST /bodies/:slug/commissioning-rounds/:year/returns/:submitter': signedIn,
  // Lead commissioning (issue 23): signed-in readers only (decision 027); recording an arrangement
  // is the local group's secretariat's (the matrix's London slug is refused as no local group);
  // the rest the use cases decide on the arrangement: its lead's and associates' post holders.
  'GET /api/v1/lead-commissioning': signedIn,
  'GET /api/v1/bodies/:slug/negotiations': signedIn,
  'POST /api/v1/bodies/:slug/negotiations': secretariatOrAdministrators,
  'GET /api/v1/lead-commissioning/:arrangementId': signedIn,
  'POST /api/v1/lead-commissioning/:arrangementId/stage': signedIn,
  'POST /api/v1/lead-commissioning/:arrangementId/issues': signedIn,
  'POST /api/v1/lead-commissioning/:arrangementId/issues/:issueId/resolution': signedIn,
  'POST /api/v1/lead-commissioning/:arrangementId/actions': signedIn,
  'POST /api/v1/lead-commissioning/proposed-actions/:actionId/responses': signedIn,
  'POST /api/v1/lead-commissioning/forums/:forumId/placement': signedIn,
  'GET /api/v1/business-service': everyone,
  'POST /api/v1/business-service/services': secretariatOrAdministrators,
  'POST /api/v1/business-service/indicators': secretariatOrAdministrators,
  'POST /api/v1/business-service/reports': secretariatOrAdministrators,
  'GET /api/v1/business-service/reports/:reportId': everyone,
  'POST /api/v1/business-service/reports/:reportId/presentation': secretariatOrAdministrators,
  'POST /api/v1/business-service/reports/:reportId/conclusions': secretariatOrAdministrators,
  'POST /api/v1/business-service/reports/:reportId/actions': secretariatOrAdministrators,
  'GET /business-service': everyone,
  'POST /business-service/services': secretariatOrAdministrators,
  'POST /business-service/indicators': secretariatOrAdministrators,
  'POST /business-service/reports': secretariatOrAdministrators,
  'GET /business-service/reports/:reportId': everyone,
  'POST /business-service/reports/:reportId/presentation': secretariatOrAdministrators,
  'POST /business-service/reports/:reportId/conclusions': secretariatOrAdministrators,
  'POST /business-service/reports/:reportId/actions': secretariatOrAdministrators,
  'GET /api/v1/specialised-commissioning': everyone,
  'POST /api/v1/specialised-commissioning': secretariatOrAdministrators,
  'GET /api/v1/specialised-commissioning/:consortiumId': everyone,
  'POST /api/v1/specialised-commissioning/:consortiumId/budgets': secretariatOrAdministrators,
  'POST /api/v1/specialised-commissioning/:consortiumId/services': secretariatOrAdministrators,
  'GET /specialised-commissioning': everyone,
  'GET /specialised-commissioning/:consortiumId': everyone,
  'POST /specialised-commissioning/:consortiumId/budgets': secretariatOrAdministrators,
  'POST /specialised-commissioning/:consortiumId/services': secretariatOrAdministrators,
  'GET /lead-commissioning': signedIn,
  'GET /bodies/:slug/negotiations': signedIn,
  'POST /bodies/:slug/negotiations': secretariatOrAdministrators,
  'GET /lead-commissioning/:arrangementId': signedIn,
  'POST /lead-commissioning/:arrangementId/stage': signedIn,
  'POST /lead-commissioning/:arrangementId/issues': signedIn,
  'POST /lead-commissioning/:arrangementId/issues/:issueId/resolution': signedIn,
  'POST /lead-commissioning/:arrangementId/actions': signedIn,
  'POST /lead-commissioning/proposed-actions/:actionId/responses': signedIn,
  'POST /lead-commissioning/forums/:forumId/placement': signedIn,
  'GET /api/v1/contracts': everyone,
  'GET /api/v1/contracts.csv': everyone,
  'GET /api/v1/contracts.ocds.json': everyone,
  'POST /api/v1/contracts': secretariatOrAdministrators,
  'POST /api/v1/contracts/imports': secretariatOrAdministrators,
  'GET /api/v1/contracts/:contractId': everyone,
  'PUT /api/v1/contracts/:contractId': secretariatOrAdministrators,
  'POST /api/v1/contracts/from-tender/:tenderId': secretariatOrAdministrators,
  'GET /contracts/from-tender/:tenderId': secretariatOrAdministrators,
  'POST /contracts/from-tender/:tenderId': secretariatOrAdministrators,
  'GET /api/v1/consultations': everyone,
  'POST /api/v1/consultations': secretariatOrAdministrators,
  'GET /api/v1/consultations/:slug': everyone,
  'PUT /api/v1/consultations/:slug': secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/documents': secretariatOrAdministrators,
  'GET /api/v1/consultations/:slug/documents/:documentNumber': everyone,
  'POST /api/v1/consultations/:slug/documents/:documentNumber/versions':
    secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/questions': secretariatOrAdministrators,
  'PUT /api/v1/consultations/:slug/questions/order': secretariatOrAdministrators,
  'PUT /api/v1/consultations/:slug/questions/:number': secretariatOrAdministrators,
  'DELETE /api/v1/consultations/:slug/questions/:number': secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/events': secretariatOrAdministrators,
  // NHS London's post holders (the demo chair is its chief executive) and administrators.
  'POST /api/v1/consultations/:slug/scrutiny': nhsLondonOrAdministrators,
  'POST /api/v1/consultations/:slug/approval': secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/approval/outcome': secretariatOrAdministrators,
  'GET /consultations': everyone,
  'GET /consultations/:slug': everyone,
  'GET /consultations/:slug/documents/:documentNumber': everyone,
  'GET /consultations/:slug/prepare': chairSecretariatOrAdministrators,
  'POST /consultations/:slug/prepare/scrutiny': nhsLondonOrAdministrators,
  'POST /consultations/:slug/prepare/approval': secretariatOrAdministrators,
  'POST /consultations/:slug/prepare/approval-outcome': secretariatOrAdministrators,
  'GET /consultations/new': secretariatOrAdministrators,
  'POST /consultations/new': secretariatOrAdministrators,
  'POST /consultations/:slug/prepare/questions': secretariatOrAdministrators,
  'POST /consultations/:slug/prepare/documents': secretariatOrAdministrators,
  'POST /consultations/:slug/prepare/events': secretariatOrAdministrators,
  'GET /contracts': everyone,
  'GET /contracts.csv': everyone,
  'GET /contracts.ocds.json': everyone,
  'GET /contracts/new': secretariatOrAdministrators,
  'POST /contracts': secretariatOrAdministrators,
  'GET /contracts/import': secretariatOrAdministrators,
  'GET /api/v1/consultations/:slug/tallies': secretariatOrAdministrators,
  'GET /consultations/:slug/import': secretariatOrAdministrators,
  'POST /consultations/:slug/import': secretariatOrAdministrators,
  'GET /consultations/:slug/import/runs/:run': secretariatOrAdministrators,
  'POST /contracts/import': secretariatOrAdministrators,
  'GET /contracts/:contractId': everyone,
  'GET /contracts/:contractId/edit': secretariatOrAdministrators,
  'POST /contracts/:contractId': secretariatOrAdministrators,
  // Issue 25, responding: the public form and API (no account), the runners' review.
  'GET /consultations/:slug/respond': everyone,
  'POST /consultations/:slug/respond': everyone,
  'GET /consultations/:slug/respond/:resumeSecret': everyone,
  'POST /consultations/:slug/respond/:resumeSecret': everyone,
  'GET /consultations/:slug/organisation-responses': everyone,
  'GET /consultations/:slug/responses': secretariatOrAdministrators,
  'GET /consultations/:slug/responses/new': secretariatOrAdministrators,
  'POST /consultations/:slug/responses': secretariatOrAdministrators,
  'GET /consultations/:slug/responses/:number': secretariatOrAdministrators,
  'POST /consultations/:slug/responses/:number': secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/responses': everyone,
  'POST /api/v1/consultations/:slug/responses/:number/review': secretariatOrAdministrators,
  'GET /api/v1/consultations/:slug/organisation-responses': everyone,
  'GET /consultations/:slug/events': secretariatOrAdministrators,
  'POST /consultations/:slug/events/:eventId/attendance': secretariatOrAdministrators,
  'PUT /api/v1/consultations/:slug/events/:eventId/attendance': secretariatOrAdministrators,
  'GET /api/v1/procurement': signedIn,
  'POST /api/v1/procurement/consortia': secretariatOrAdministrators,
  'GET /api/v1/procurement/consortia/:consortiumId': signedIn,
  'PATCH /api/v1/procurement/consortia/:consortiumId': secretariatOrAdministrators,
  'POST /api/v1/procurement/consortia/:consortiumId/tenders': secretariatOrAdministrators,
  'GET /api/v1/procurement/tenders/:tenderId': signedIn,
  'POST /api/v1/procurement/tenders/:tenderId/bids': secretariatOrAdministrators,
  'POST /api/v1/procurement/tenders/:tenderId/evaluation': secretariatOrAdministrators,
  'POST /api/v1/procurement/tenders/:tenderId/register': secretariatOrAdministrators,
  'POST /api/v1/procurement/tenders/:tenderId/register/conflicts/:conflictId':
    secretariatOrAdministrators,
  'GET /api/v1/procurement/tenders/:tenderId/register.csv': signedIn,
  'POST /api/v1/procurement/tenders/:tenderId/award-question': secretariatOrAdministrators,
  'POST /api/v1/procurement/tenders/:tenderId/award': secretariatOrAdministrators,
  'GET /procurement': signedIn,
  'POST /procurement/consortia': secretariatOrAdministrators,
  'GET /procurement/consortia/:consortiumId': signedIn,
  'POST /procurement/consortia/:consortiumId/tenders': secretariatOrAdministrators,
  'GET /procurement/tenders/:tenderId': signedIn,
  'GET /procurement/tenders/:tenderId/register.csv': signedIn,
  'POST /procurement/tenders/:tenderId/bids': secretariatOrAdministrators,
  'POST /procurement/tenders/:tenderId/evaluation': secretariatOrAdministrators,
  'POST /procurement/tenders/:tenderId/register': secretariatOrAdministrators,
  'POST /procurement/tenders/:tenderId/register/conflicts/:conflictId': secretariatOrAdministrators,
  'POST /procurement/tenders/:tenderId/award-question': secretariatOrAdministrators,
  'POST /procurement/tenders/:tenderId/award': secretariatOrAdministrators,
  'GET /api/v1/markets': everyone,
  'POST /api/v1/markets/provider-services': secretariatOrAdministrators,
  'POST /api/v1/markets/provider-services/withdrawals': secretariatOrAdministrators,
  'GET /api/v1/markets/practice-consortia': everyone,
  'POST /api/v1/markets/practice-consortia': secretariatOrAdministrators,
  'POST /api/v1/markets/pathways': secretariatOrAdministrators,
  'POST /api/v1/markets/pathways/:id/status': secretariatOrAdministrators,
  'GET /api/v1/clinical-networks': everyone,
  'POST /api/v1/clinical-networks': secretariatOrAdministrators,
  'GET /api/v1/clinical-networks/:id': everyone,
  'POST /api/v1/clinical-networks/:id/reviews': secretariatOrAdministrators,
  'GET /markets': everyone,
  'POST /markets/provider-services': secretariatOrAdministrators,
  'POST /markets/provider-services/withdrawals': secretariatOrAdministrators,
  'GET /markets/practice-based-commissioning': everyone,
  'POST /markets/practice-consortia': secretariatOrAdministrators,
  'POST /markets/pathways': secretariatOrAdministrators,
  'POST /markets/pathways/:id/status': secretariatOrAdministrators,
  'GET /clinical-networks': everyone,
  'POST /clinical-networks': secretariatOrAdministrators,
  'GET /clinical-networks/:id': everyone,
  'POST /clinical-networks/:id/reviews': secretariatOrAdministrators,
  // Consultations, analysing (issue 25 part 4): the secretariat of the body holding it, re-checked on the record.
  'GET /consultations/:slug/analysis': secretariatOrAdministrators,
  'GET /consultations/:slug/analysis/questions/:number': secretariatOrAdministrators,
  'POST /consultations/:slug/analysis/questions/:number/themes': secretariatOrAdministrators,
  'POST /consultations/:slug/analysis/questions/:number/codings': secretariatOrAdministrators,
  'POST /consultations/:slug/analysis/questions/:number/suggestions': secretariatOrAdministrators,
  'POST /consultations/:slug/analysis/questions/:number/suggestions/:suggestionId':
    secretariatOrAdministrators,
  'POST /consultations/:slug/analysis/questions/:number/themes/:code/response':
    secretariatOrAdministrators,
  'GET /consultations/:slug/analysis/questions/:number/second-pass': secretariatOrAdministrators,
  'POST /consultations/:slug/analysis/questions/:number/second-pass': secretariatOrAdministrators,
  'GET /consultations/:slug/analysis/report': signedIn, // the use case checks the seat or the secretariat
  'POST /consultations/:slug/analysis/report': secretariatOrAdministrators,
  'GET /consultations/:slug/analysis/report.pdf': signedIn, // the use case checks the seat or the secretariat
  // Consultations, deciding after close (issue 25 part 5).
  'GET /consultations/:slug/decision': secretariatOrAdministrators,
  'POST /consultations/:slug/decision': secretariatOrAdministrators,
  'POST /consultations/:slug/decision/outcome': secretariatOrAdministrators,
  // Consultations, analysing and deciding over JSON (issue 25 parts 4–5).
  'GET /api/v1/consultations/:slug/questions/:number/themes': secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/questions/:number/themes': secretariatOrAdministrators,
  'GET /api/v1/consultations/:slug/questions/:number/codings': secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/questions/:number/codings': secretariatOrAdministrators,
  'GET /api/v1/consultations/:slug/questions/:number/suggestions': secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/questions/:number/suggestions': secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/questions/:number/suggestions/:suggestionId':
    secretariatOrAdministrators,
  'PUT /api/v1/consultations/:slug/analysis/questions/:number/themes/:code/response':
    secretariatOrAdministrators,
  'GET /api/v1/consultations/:slug/analysis': secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/analysis/report': secretariatOrAdministrators,
  'GET /api/v1/consultations/:slug/analysis/report': signedIn, // the use case checks the seat or the secretariat
  'GET /api/v1/consultations/:slug/decision': secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/decision': secretariatOrAdministrators,
  'POST /api/v1/consultations/:slug/decision/outcome': secretariatOrAdministrators,
};

const roleEmails: Record<Exclude<Role, 'anonymous'>, string> = {
  public: demoEmails.public,
  member: demoEmails.member,
  chair: demoEmails.chair,
  secretariat: demoEmails.secretariat,
  administrator: demoEmails.administrator,
};

let database: DatabaseHandle;
let app: App;
let cases = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
});

afterAll(async () => {
  process.stdout.write(
    `Route × role matrix: ${Object.keys(expectations).length} routes × ${roles.length} roles = ${cases} cases exercised\n`,
  );
  await app?.close();
  await database?.close();
});

/** A fresh session for the role (no password hashing: this tests the policy, not sign-in). */
async function cookiesFor(role: Role): Promise<string> {
  if (role === 'anonymous') return '';
  const account = await selectAccountByEmail(database.db, roleEmails[role]);
  const token = await database.db.transaction((transaction) =>
    startSession(transaction, {
      accountId: account!.id,
      now: fixedNow,
      settings: app.settings.session,
    }),
  );
  return `concordat_session=${token}`;
}

function concretePath(url: string): string {
  return url
    .replace(':entityType', 'organisation')
    .replace(':entityId', '01900000-0000-7000-8000-00000000000a')
    .replace(':token', 'not-a-real-reset-token')
    .replace(':slug', 'london-commissioning-group')
    .replace(':year', '2008-09')
    .replace(':intentionId', '01900000-0000-7000-8000-00000000000f')
    .replace(':priorityId', '01900000-0000-7000-8000-000000000010')
    .replace(':organisationId', '01900000-0000-7000-8000-000000000011')
    .replace(':submitter', 'south-west-local-commissioning-group')
    .replace(':version', '2')
    .replace(':resumeSecret', 'not-a-real-resume-secret')
    .replace(':number', '4211')
    .replace(':holdingId', '01900000-0000-7000-8000-00000000000c')
    .replace(':paperId', '01900000-0000-7000-8000-00000000000e')
    .replace(':attendeeId', '01900000-0000-7000-8000-00000000000e')
    .replace(':seatHoldingId', '01900000-0000-7000-8000-00000000000d')
    .replace(':agendaItemId', '01900000-0000-7000-8000-00000000000e')
    .replace(':arrangementId', '01900000-0000-7000-8000-0000000000a1')
    .replace(':issueId', '01900000-0000-7000-8000-0000000000a2')
    .replace(':actionId', '01900000-0000-7000-8000-0000000000a3')
    .replace(':forumId', '01900000-0000-7000-8000-0000000000a4')
    .replace(':reportId', '01900000-0000-7000-8000-0000000000b1')
    .replace(':consortiumId', '01900000-0000-7000-8000-0000000000b2')
    .replace(':run', 'not-a-run')
    .replace(':odsCode', '5K7')
    .replace(':contractId', '01900000-0000-7000-8000-0000000000c1')
    .replace(':number', '4')
    .replace(':suggestionId', '01900000-0000-7000-8000-0000000000d1')
    .replace(':documentNumber', '1')
    .replace(':number', '1')
    .replace(':id', '01900000-0000-7000-8000-00000000000b')
    .concat(url === '/api/v1/audit-events' ? '?entityType=organisation&entityId=x' : '');
}

async function send(method: string, url: string, role: Role) {
  let cookies = await cookiesFor(role);
  const path = concretePath(url);
  if (method === 'GET' || method === 'HEAD')
    return app.inject({ method, url: path, headers: { cookie: cookies } });
  if (url.startsWith('/api/')) {
    return app.inject({
      method: method as 'POST',
      url: path,
      headers: { cookie: cookies },
      payload: {},
    });
  }
  // Forms carry a valid CSRF token, so any refusal seen is the policy's, not the CSRF check's.
  const page = await app.inject({ url: '/', headers: { cookie: cookies } });
  cookies = cookieHeader(page.headers['set-cookie'], cookies);
  return app.inject({
    method: method as 'POST',
    url: path,
    remoteAddress: `10.9.${roles.indexOf(role)}.${cases % 250}`,
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body) }).toString(),
  });
}

describe('the route × role permission matrix', () => {
  it('has an expectation for every route the app serves, and no stale ones', () => {
    const served = app.routeTable.map((route) => `${route.method} ${route.url}`).sort();
    expect(served).toEqual(Object.keys(expectations).sort());
  });

  const matrix = Object.entries(expectations).flatMap(([route, row]) =>
    roles.map((role) => ({ route, role, expected: row[role] })),
  );

  it.each(matrix)('$route as $role → $expected', async ({ route, role, expected }) => {
    const [method, url] = route.split(' ') as [string, string];
    const response = await send(method, url, role);
    cases += 1;
    const redirectedToSignIn =
      response.statusCode === 303 && String(response.headers.location).startsWith('/sign-in');
    if (expected === 'allow') {
      expect(redirectedToSignIn).toBe(false);
      expect([401, 403]).not.toContain(response.statusCode);
    } else if (expected === 401) {
      expect(response.statusCode === 401 || (method === 'GET' && redirectedToSignIn)).toBe(true);
    } else {
      expect(response.statusCode).toBe(403);
    }
  });
});

/**
 * Beyond who may call a route: what each role may see of an open secret ballot and of a Part II
 * question (issue 20, findings 3 and 7). A secret ballot shows no one any count of the choices, nor
 * who has voted, while open; a Part II question is the body's people's only, live or not.
 */
describe('what each role sees of an open secret ballot and of Part II business', () => {
  let meetingId: string;
  let secretQuestion: string;
  let partTwoQuestion: string;
  let partTwoItem: string;

  beforeAll(async () => {
    const meeting = await meetingWithEveryonePresent(app, 'Matrix meeting');
    meetingId = meeting.meetingId;
    const publicItem = await addAgendaItem(app, meeting, {
      title: 'Chair of the clinical reference group',
    });
    partTwoItem = await addAgendaItem(app, meeting, {
      title: 'Settlement with Acme Hospital',
      isConfidential: true,
      confidentialityReason: 'Commercially sensitive negotiations in progress',
    });
    secretQuestion = await openQuestion(app, meeting, {
      agendaItemId: publicItem,
      ballot: 'secret',
    });
    partTwoQuestion = await openQuestion(app, meeting, {
      agendaItemId: partTwoItem,
      ballot: 'named',
    });
    for (const role of ['member', 'chair'] as const) {
      const headers = await bearerFor(app, role);
      for (const proposalId of [secretQuestion, partTwoQuestion]) {
        const cast = await app.inject({
          method: 'POST',
          url: `/api/v1/proposals/${proposalId}/votes`,
          headers,
          payload:
            role === 'member'
              ? { choice: 'for' }
              : { choice: 'against', reason: 'The pathway leaves out the outer boroughs.' },
        });
        expect(cast.statusCode, cast.body).toBe(201);
      }
    }
    const account = await selectAccountByEmail(database.db, demoEmails.secretariat);
    const actor = await loadAccountActor(database.db, account!.id, fixedNow, {
      authenticatedBy: 'session',
    });
    await moveLiveAgendaItem({
      db: database.db,
      context: { actor: demoEmails.secretariat, now: fixedNow },
      actor: actor!,
      meetingId,
      agendaItemId: partTwoItem,
    });
  });

  it.each(roles)(
    'an open secret ballot, as %s: no counts and no list of who has voted',
    async (role) => {
      const cookie = await cookiesFor(role);
      const view = await app.inject({
        url: `/api/v1/proposals/${secretQuestion}`,
        headers: { cookie },
      });
      expect(view.statusCode).toBe(200);
      expect(view.json()).toMatchObject({
        status: 'open',
        notVoted: null,
        result: null,
        votes: [],
      });
      const page = await app.inject({ url: `/proposals/${secretQuestion}`, headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('id="not-voted"');
      expect(page.body).not.toContain('Votes so far');
    },
  );

  const bodysOwn: Role[] = ['member', 'chair', 'secretariat', 'administrator'];
  it.each(roles)(
    'a Part II question, as %s: only the body’s people see it, live or not',
    async (role) => {
      const cookie = await cookiesFor(role);
      const entitled = bodysOwn.includes(role);
      const view = await app.inject({
        url: `/api/v1/proposals/${partTwoQuestion}`,
        headers: { cookie },
      });
      expect(view.statusCode).toBe(entitled ? 200 : 404);
      const page = await app.inject({ url: `/proposals/${partTwoQuestion}`, headers: { cookie } });
      expect(page.statusCode).toBe(entitled ? 200 : 404);
      expect(page.body.includes('Settlement with Acme Hospital')).toBe(entitled);
      const live = (
        await app.inject({ url: `/api/v1/meetings/${meetingId}/live`, headers: { cookie } })
      ).json();
      expect(live.privateSession).toBe(!entitled);
      if (entitled) expect(live.question).toMatchObject({ id: partTwoQuestion });
      else {
        expect(live.question).toBeNull();
        expect(JSON.stringify(live)).not.toContain('Acme');
      }
    },
  );
});

describe('a refusal never depends on what was sent', () => {
  it('another body’s secretariat is refused (403) before the body of the request is read, whatever it holds', async () => {
    const cookie = await cookiesFor('secretariat');
    for (const url of [
      '/api/v1/bodies/joint-committee-of-pcts/meetings',
      '/api/v1/bodies/joint-committee-of-pcts/members',
      '/api/v1/bodies/joint-committee-of-pcts/meeting-series',
      '/api/v1/bodies/joint-committee-of-pcts/joint-reviews',
    ]) {
      for (const payload of [{}, { title: 42 }, { startsAt: 'not a date' }]) {
        const response = await app.inject({ method: 'POST', url, headers: { cookie }, payload });
        expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(403);
      }
    }
    const publicCookie = await cookiesFor('public');
    for (const payload of [
      {},
      {
        category: 'collective-procurement',
        title: 'A dispute',
        description: 'Why.',
        raisedOn: '2026-11-20',
      },
    ]) {
      const raised = await app.inject({
        method: 'POST',
        url: '/api/v1/bodies/london-commissioning-group/disputes',
        headers: { cookie: publicCookie },
        payload,
      });
      expect(raised.statusCode, JSON.stringify(payload)).toBe(403);
    }
  });
});
