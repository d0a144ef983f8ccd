/**
 * The voting benchmark's setup: a body of `voters` members (the chair and members of a
 * consortium, bench-constitution.yaml) all present at a meeting on an item with an open question,
 * each with an account and an API token to vote with. The body, meeting, item and question go
 * through the app's own use-cases; people, seats, accounts, tokens and attendance are inserted in
 * batches through the app's query modules with the same rows and audit events the use-cases write
 * one by one (each appointment through recordAppointment would re-check the whole membership:
 * quadratic in 2,000 members, for setup only). The engine then checks the membership once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../../src/audit/record-audit-event.ts';
import { loadBody } from '../../src/bodies/body-in-force.ts';
import { addConstitutionVersion } from '../../src/bodies/body-service.ts';
import type { Database } from '../../src/db/connection.ts';
import { accounts } from '../../src/db/schema/identity.ts';
import { attendanceRecords } from '../../src/db/schema/meetings.ts';
import { createProposal } from '../../src/decisions/create-proposal.ts';
import { openProposal } from '../../src/decisions/open-proposal.ts';
import { apiTokenPrefix, createApiToken } from '../../src/identity/account-service.ts';
import { loadAccountActor, londonDate } from '../../src/identity/actor.ts';
import {
  insertAccount,
  insertApiToken,
  insertBodyRoleAssignments,
} from '../../src/identity/identity-queries.ts';
import { digestToken, newSecretToken } from '../../src/identity/secrets.ts';
import { moveLiveAgendaItem } from '../../src/live/live-service.ts';
import { addAgendaItem } from '../../src/meetings/add-agenda-item.ts';
import { scheduleMeeting } from '../../src/meetings/schedule-meeting.ts';
import { insertHoldings, lockBody } from '../../src/membership/membership-queries.ts';
import { listMembership } from '../../src/membership/membership-view.ts';
import { insertPeople } from '../../src/registry/people-queries.ts';

export interface SeededPoll {
  bodySlug: string;
  meetingId: string;
  /** The poll: opened by the bench once the instances are warm; its close is what is timed. */
  proposalId: string;
  /** A question on the item, never opened: the raw baseline writes its votes to it. */
  baselineProposalId: string;
  /** Opened by the bench after the warm-up: every member votes on it at once. */
  saturationProposalId: string;
  /** Open from the start: some members vote on it first, so no measured vote runs cold code. */
  warmUpProposalId: string;
  /** An administrator's bearer token, for closing the question. */
  closerAuthorization: string;
  voters: { holdingId: string; personId: string; name: string; authorization: string }[];
}

const constitutionFile = path.join(import.meta.dirname, 'bench-constitution.yaml');
const startsOn = '2000-04-01';

/** Up to 2,000 rows a statement keeps each insert well under PostgreSQL's 65,535 parameters. */
function batches<T>(rows: T[], size = 2000): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size)
    result.push(rows.slice(start, start + size));
  return result;
}

export async function seedPoll(options: {
  db: Database;
  voters: number;
  progress: (message: string) => void;
}): Promise<SeededPoll> {
  const { db, progress } = options;
  const now = new Date();
  const context = { actor: 'bench', now };
  const [administrator] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.isAdministrator, true))
    .limit(1);
  if (!administrator) throw new Error('no administrator account: was the demo data loaded?');
  const admin = await loadAccountActor(db, administrator.id, now, { authenticatedBy: 'session' });
  if (admin?.kind !== 'account') throw new Error('the administrator account did not load');

  const created = await addConstitutionVersion({
    db,
    context,
    sourceText: readFileSync(constitutionFile, 'utf8'),
    fileName: 'bench-constitution.yaml',
  });
  const bodySlug = created.slug;
  const body = await loadBody(db, bodySlug);

  progress(`seeding ${options.voters} members with accounts and API tokens…`);
  const members = Array.from({ length: options.voters }, (_, index) => {
    const name = `Consortium Member ${String(index + 1).padStart(4, '0')}`;
    const email = `member-${index + 1}@bench.invalid`;
    return {
      personId: uuidv7(),
      holdingId: uuidv7(),
      accountId: uuidv7(),
      tokenId: uuidv7(),
      token: newSecretToken(apiTokenPrefix),
      name,
      email,
      seatRole: index === 0 ? 'chair' : 'consortium-member',
    };
  });
  await db.transaction(async (transaction) => {
    for (const batch of batches(members)) {
      const peopleRows = batch.map((member) => ({
        id: member.personId,
        name: member.name,
        email: member.email,
        isFictional: true,
      }));
      await insertPeople(
        transaction,
        peopleRows.map((row) => ({ ...row, createdAt: now })),
      );
      await recordAuditEvents(
        transaction,
        context,
        peopleRows.map((row) => ({
          action: 'person.created',
          entityType: 'person',
          entityId: row.id,
          after: row,
        })),
      );
    }
  });
  await db.transaction(async (transaction) => {
    await lockBody(transaction, body.id);
    for (const batch of batches(members)) {
      await insertHoldings(
        transaction,
        batch.map((member) => ({
          id: member.holdingId,
          bodyId: body.id,
          seatRole: member.seatRole,
          personId: member.personId,
          organisationId: null,
          fillMethod: 'appointed',
          filledBy: 'appointing-body',
          office: null,
          startsOn,
          endsOn: null,
          createdAt: now,
        })),
      );
      await recordAuditEvents(
        transaction,
        context,
        batch.map((member) => ({
          action: 'membership.appointed',
          entityType: 'body',
          entityId: body.id,
          after: {
            holdingId: member.holdingId,
            seatRole: member.seatRole,
            person: member.name,
            personId: member.personId,
            organisation: null,
            post: null,
            fillMethod: 'appointed',
            filledBy: 'appointing-body',
            office: null,
            startsOn,
            endsOn: null,
            constitutionVersion: created.version,
          },
        })),
      );
    }
  });
  await db.transaction(async (transaction) => {
    for (const member of members) {
      await insertAccount(transaction, {
        id: member.accountId,
        email: member.email,
        displayName: member.name,
        personId: member.personId,
        passwordHash: null,
        isAdministrator: false,
        isDemo: false,
        createdAt: now,
      });
    }
    await insertBodyRoleAssignments(
      transaction,
      members.map((member) => ({
        id: uuidv7(),
        accountId: member.accountId,
        bodyId: bodySlug,
        role: 'member' as const,
        startsOn,
      })),
    );
    for (const member of members) {
      await insertApiToken(transaction, {
        id: member.tokenId,
        accountId: member.accountId,
        name: 'voting benchmark',
        tokenHash: digestToken(member.token),
        scope: 'write',
        createdAt: now,
      });
    }
    await recordAuditEvents(
      transaction,
      context,
      members.map((member) => ({
        action: 'api-token.created',
        entityType: 'api-token',
        entityId: member.tokenId,
        after: { name: 'voting benchmark', scope: 'write' },
      })),
    );
  });

  // The engine's verdict on the membership seeded in bulk: every seat within its count.
  const membership = await listMembership({ db, slug: bodySlug, asOf: londonDate(now) });
  if (!membership.composition?.valid) {
    throw new Error(`the engine refused the seeded membership: ${membership.composition?.summary}`);
  }

  const meetingDay = new Date(now.getTime() + 7 * 24 * 3600_000);
  meetingDay.setUTCHours(14, 0, 0, 0);
  const scheduled = await scheduleMeeting({
    db,
    context,
    actor: admin,
    slug: bodySlug,
    title: 'Benchmark general meeting',
    startsAt: meetingDay.toISOString(),
    location: 'Online',
    noticeGivenOn: londonDate(now),
  });
  const meetingId = scheduled.meetingId;
  await db.transaction(async (transaction) => {
    for (const batch of batches(members)) {
      await transaction.insert(attendanceRecords).values(
        batch.map((member) => ({
          id: uuidv7(),
          meetingId,
          seatHoldingId: member.holdingId,
          status: 'present',
          deputyName: null,
          deputyAttendeeId: null,
          recordedAt: now,
        })),
      );
      await recordAuditEvents(
        transaction,
        context,
        batch.map((member) => ({
          action: 'meeting.attendance-recorded',
          entityType: 'meeting',
          entityId: meetingId,
          before: null,
          after: {
            member: member.name,
            seatHoldingId: member.holdingId,
            status: 'present',
            deputyName: null,
            deputyAttendeeId: null,
          },
        })),
      );
    }
  });
  const item = await addAgendaItem({
    db,
    context,
    actor: admin,
    meetingId,
    title: 'Adopt the consortium’s annual plan',
    purpose: 'decision',
    isConfidential: false,
  });
  await moveLiveAgendaItem({
    db,
    context,
    actor: admin,
    meetingId,
    agendaItemId: item.agendaItemId,
  });
  const question = {
    db,
    context,
    actor: admin,
    meetingId,
    agendaItemId: item.agendaItemId,
    text: 'The consortium adopts its annual plan.',
    decisionKind: 'ordinary-business',
    ballot: 'named' as const,
  };
  const { proposalId } = await createProposal({ ...question, title: 'Adopt the annual plan' });
  const baseline = await createProposal({
    ...question,
    title: 'Baseline question (votes written by raw SQL)',
  });
  const saturation = await createProposal({
    ...question,
    title: 'Adopt the annual plan’s appendix',
  });
  const warmUp = await createProposal({ ...question, title: 'Note the annual plan’s timetable' });
  await openProposal({ db, context, actor: admin, proposalId: warmUp.proposalId });
  const closer = await createApiToken({ db, actor: admin, name: 'bench', scope: 'write', now });
  return {
    bodySlug,
    meetingId,
    proposalId,
    baselineProposalId: baseline.proposalId,
    saturationProposalId: saturation.proposalId,
    warmUpProposalId: warmUp.proposalId,
    closerAuthorization: `Bearer ${closer.token}`,
    voters: members.map((member) => ({
      holdingId: member.holdingId,
      personId: member.personId,
      name: member.name,
      authorization: `Bearer ${member.token}`,
    })),
  };
}
