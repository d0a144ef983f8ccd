/**
 * Read models of lead commissioning: a local group's negotiations by stage, the London group's
 * view of every negotiation across the five areas (2006 §106 "monitor the progress of negotiations
 * across its geographical area"; 2008 Business development "Provide direction to lead
 * commissioning arrangements"), and one arrangement with what the reader may do to it.
 * Signed-in readers only (decision 027).
 */
import { selectBodies, termsInForce } from '../bodies/index.ts';
import type { Database, Reader } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import {
  loadArrangement,
  loadLocalGroup,
  mayWrite,
  postsOf,
  runsTheArea,
  signedInOnly,
} from './arrangement-access.ts';
import {
  type ArrangementRecord,
  selectArrangements,
  selectAssociates,
  selectIssues,
  selectOrganisationFacts,
  selectOrganisationsOfTypes,
  selectRounds,
  selectSpecificationVersionTitle,
  selectSteps,
} from './arrangement-queries.ts';
import {
  collaborativeForumClause,
  leadArrangementClause,
  type NegotiationStage,
  negotiationStages,
  negotiationsClause,
  nextStages,
  shareInWords,
  stageNames,
} from './arrangement-rules.ts';
import { asStage, stageBeforeDispute } from './change-stage.ts';
import { selectForums, selectProposedActions, selectResponses } from './proposed-action-queries.ts';
import { providerTypes } from './record-arrangement.ts';
import { associatesActorAnswersFor } from './respond-to-action.ts';

/** "2007/08" for the round commissioning the year from April 2007; "2007-08" in URLs and the API. */
export function roundLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function roundYear(startYear: number): string {
  return roundLabel(startYear).replace('/', '-');
}

export interface ShareLine {
  organisationId: string;
  name: string;
  shareBasisPoints: number;
  share: string;
}

export interface ArrangementSummary {
  id: string;
  round: { year: string; label: string };
  body: { slug: string; title: string };
  provider: { organisationId: string; name: string };
  service: string;
  lead: ShareLine;
  associates: ShareLine[];
  stage: NegotiationStage;
  stageName: string;
  stageChangedOn: string;
  targetSignOn: string | null;
  openIssues: { id: string; text: string; raisedOn: string }[];
  actionsAwaitingResponses: number;
  forumsCalled: number;
}

/** Arrangements with their names, shares, open issues, circulated actions and forums. */
async function summarise(
  reader: Reader,
  records: ArrangementRecord[],
): Promise<ArrangementSummary[]> {
  const ids = records.map((record) => record.id);
  const [associates, issues, actions] = await Promise.all([
    selectAssociates(reader, ids),
    selectIssues(reader, ids),
    selectProposedActions(reader, ids),
  ]);
  const forums = await selectForums(
    reader,
    actions.map((action) => action.id),
  );
  const organisationIds = new Set<string>();
  for (const record of records) {
    organisationIds.add(record.providerOrganisationId);
    organisationIds.add(record.leadOrganisationId);
  }
  for (const associate of associates) organisationIds.add(associate.organisationId);
  const names = new Map(
    (await selectOrganisationFacts(reader, [...organisationIds])).map((each) => [
      each.id,
      each.name,
    ]),
  );
  const line = (organisationId: string, shareBasisPoints: number): ShareLine => ({
    organisationId,
    name: names.get(organisationId) ?? 'Unknown organisation',
    shareBasisPoints,
    share: shareInWords(shareBasisPoints),
  });
  const actionArrangement = new Map(actions.map((action) => [action.id, action.arrangementId]));
  return records.map((record) => {
    const stage = asStage(record.stage);
    return {
      id: record.id,
      round: { year: roundYear(record.roundStartYear), label: roundLabel(record.roundStartYear) },
      body: { slug: record.bodySlug, title: record.bodyTitle },
      provider: {
        organisationId: record.providerOrganisationId,
        name: names.get(record.providerOrganisationId) ?? 'Unknown organisation',
      },
      service: record.service,
      lead: line(record.leadOrganisationId, record.leadShareBasisPoints),
      associates: associates
        .filter((associate) => associate.arrangementId === record.id)
        .map((associate) => line(associate.organisationId, associate.shareBasisPoints)),
      stage,
      stageName: stageNames[stage],
      stageChangedOn: record.stageChangedOn,
      targetSignOn: record.targetSignOn,
      openIssues: issues
        .filter((issue) => issue.arrangementId === record.id && issue.resolvedOn === null)
        .map((issue) => ({ id: issue.id, text: issue.text, raisedOn: issue.raisedOn })),
      actionsAwaitingResponses: actions.filter(
        (action) => action.arrangementId === record.id && action.status === 'circulated',
      ).length,
      forumsCalled: forums.filter(
        (forum) => actionArrangement.get(forum.proposedActionId) === record.id,
      ).length,
    };
  });
}

export interface StageGroup {
  stage: NegotiationStage;
  stageName: string;
  items: ArrangementSummary[];
}

function byStage(items: ArrangementSummary[]): StageGroup[] {
  return negotiationStages.map((stage) => ({
    stage,
    stageName: stageNames[stage],
    items: items.filter((item) => item.stage === stage),
  }));
}

export interface FormChoices {
  rounds: { year: string; label: string }[];
  providers: { id: string; name: string }[];
  leads: { id: string; name: string }[];
  primaryCareTrusts: { id: string; name: string; sectorName: string | null }[];
}

async function formChoices(reader: Reader, sectorId: string): Promise<FormChoices> {
  const [rounds, providers, trusts] = await Promise.all([
    selectRounds(reader),
    selectOrganisationsOfTypes(reader, providerTypes),
    selectOrganisationsOfTypes(reader, ['primary-care-trust']),
  ]);
  return {
    rounds: rounds.map((round) => ({
      year: roundYear(round.startYear),
      label: roundLabel(round.startYear),
    })),
    providers: providers.map((each) => ({ id: each.id, name: each.name })),
    leads: trusts
      .filter((each) => each.sectorId === sectorId)
      .map((each) => ({ id: each.id, name: each.name })),
    primaryCareTrusts: trusts.map((each) => ({
      id: each.id,
      name: each.name,
      sectorName: each.sectorName,
    })),
  };
}

/** A local group's negotiations, by stage, and whether the reader may record one. */
export async function listAreaNegotiations(options: {
  db: Database;
  actor: Actor;
  slug: string;
  now: Date;
}) {
  signedInOnly(options.actor);
  const group = await loadLocalGroup(options.db, options.slug, options.now);
  const items = await summarise(
    options.db,
    await selectArrangements(options.db, { bodyId: group.id }),
  );
  const mayRecord = mayWrite(options.actor) && runsTheArea(options.actor, group.slug);
  return {
    body: { slug: group.slug, title: group.title, sectorName: group.sectorName },
    clause: negotiationsClause,
    today: londonDate(options.now),
    total: items.length,
    stages: byStage(items),
    mayRecord,
    choices: mayRecord ? await formChoices(options.db, group.sectorId) : null,
  };
}

/** Every negotiation across the local groups' areas, by area and stage, with counts. */
export async function listLondonNegotiations(options: { db: Database; actor: Actor; now: Date }) {
  signedInOnly(options.actor);
  const today = londonDate(options.now);
  const areas: { slug: string; title: string; sectorName: string; id: string }[] = [];
  for (const body of await selectBodies(options.db)) {
    const sectors = (await termsInForce(options.db, body.id, today))?.sectors ?? [];
    const [sector] = sectors;
    if (sectors.length === 1 && sector) {
      areas.push({ id: body.id, slug: body.slug, title: body.title, sectorName: sector.name });
    }
  }
  const items = await summarise(options.db, await selectArrangements(options.db));
  const stageCounts = (list: ArrangementSummary[]) =>
    negotiationStages.map((stage) => ({
      stage,
      stageName: stageNames[stage],
      count: list.filter((item) => item.stage === stage).length,
    }));
  return {
    clause: negotiationsClause,
    direction: {
      clause: '2008 Business development',
      text: 'Provide direction to lead commissioning arrangements.',
    },
    total: items.length,
    stageCounts: stageCounts(items),
    areas: areas.map((area) => {
      const inArea = items.filter((item) => item.body.slug === area.slug);
      return {
        body: { slug: area.slug, title: area.title, sectorName: area.sectorName },
        total: inArea.length,
        stageCounts: stageCounts(inArea),
        stages: byStage(inArea).filter((group) => group.items.length > 0),
      };
    }),
  };
}

/** One arrangement: shares, stage history, issues, actions with each associate's response. */
export async function getArrangement(options: {
  db: Database;
  actor: Actor;
  arrangementId: string;
  now: Date;
}) {
  const { db, actor, now } = options;
  signedInOnly(actor);
  const record = await loadArrangement(db, options.arrangementId);
  const [summary] = await summarise(db, [record]);
  if (!summary) throw new Error('an arrangement summarises to one line');
  const [steps, issues, actions, specification] = await Promise.all([
    selectSteps(db, record.id),
    selectIssues(db, [record.id]),
    selectProposedActions(db, [record.id]),
    record.specificationVersionId
      ? selectSpecificationVersionTitle(db, record.specificationVersionId)
      : undefined,
  ]);
  const actionIds = actions.map((action) => action.id);
  const [responses, forums] = await Promise.all([
    selectResponses(db, actionIds),
    selectForums(db, actionIds),
  ]);
  const runs = mayWrite(actor) && runsTheArea(actor, record.bodySlug);
  const posts = await postsOf(db, actor, now);
  const isLead = mayWrite(actor) && posts.has(record.leadOrganisationId);
  const associateIds = summary.associates.map((associate) => associate.organisationId);
  const answersFor = await associatesActorAnswersFor(db, actor, record, associateIds, now);
  const mayMove = runs || isLead;
  const names = new Map(summary.associates.map((each) => [each.organisationId, each.name]));
  return {
    ...summary,
    clauses: [leadArrangementClause, negotiationsClause, collaborativeForumClause],
    specification: specification
      ? { title: specification.title, version: specification.version }
      : null,
    totalShare: shareInWords(
      summary.lead.shareBasisPoints +
        summary.associates.reduce((sum, each) => sum + each.shareBasisPoints, 0),
    ),
    today: londonDate(now),
    history: steps.map((step) => ({
      stage: asStage(step.stage),
      stageName: stageNames[asStage(step.stage)],
      happenedOn: step.happenedOn,
      note: step.note,
      recordedBy: step.recordedBy,
    })),
    issues: issues.map((issue) => ({
      id: issue.id,
      text: issue.text,
      raisedOn: issue.raisedOn,
      resolvedOn: issue.resolvedOn,
      resolution: issue.resolution,
    })),
    actions: actions.map((action) => {
      const forum = forums.find((each) => each.proposedActionId === action.id);
      const answered = responses.filter((each) => each.proposedActionId === action.id);
      return {
        id: action.id,
        text: action.text,
        proposedOn: action.proposedOn,
        respondBy: action.respondBy,
        status: action.status,
        proposedBy: action.proposedBy,
        responses: summary.associates.map((associate) => {
          const response = answered.find(
            (each) => each.organisationId === associate.organisationId,
          );
          return {
            organisationId: associate.organisationId,
            name: associate.name,
            response: response?.response ?? null,
            reason: response?.reason ?? null,
            respondedBy: response?.respondedBy ?? null,
          };
        }),
        forum: forum
          ? {
              id: forum.id,
              calledAt: forum.calledAt.toISOString(),
              waiting: forum.agendaItemId === null,
              meeting:
                forum.meetingId && forum.meetingStartsAt
                  ? {
                      id: forum.meetingId,
                      title: forum.meetingTitle ?? '',
                      startsAt: forum.meetingStartsAt.toISOString(),
                      agendaPosition: forum.agendaPosition,
                    }
                  : null,
              mayPlace: forum.agendaItemId === null && runs,
            }
          : null,
        // Who may answer now: the associates the reader answers for who have not yet answered.
        mayRespondFor:
          action.status === 'circulated'
            ? answersFor
                .filter((id) => !answered.some((each) => each.organisationId === id))
                .map((id) => ({ organisationId: id, name: names.get(id) ?? '' }))
            : [],
      };
    }),
    nextStages: mayMove
      ? nextStages(summary.stage, stageBeforeDispute(steps)).map((stage) => ({
          stage,
          stageName: stageNames[stage],
        }))
      : [],
    mayMove,
    mayRaiseIssue: mayMove,
    mayPropose: mayMove && summary.stage !== 'signed',
  };
}

export type ArrangementDetail = Awaited<ReturnType<typeof getArrangement>>;
