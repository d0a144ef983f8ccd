/**
 * Read model: procurement consortia as the pages and the API show them — the inception record
 * (members and shares, the basis stated, the 75% rule's base and weighting) and their tenders.
 * Signed-in readers only.
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { mayRunBody } from '../identity/index.ts';
import { longDateText } from '../shared/long-date.ts';
import { loadConsortium, runsConsortium, signedInOnly } from './procurement-access.ts';
import {
  type ConsortiumRecord,
  selectConsortia,
  selectMembers,
  selectTenders,
  type TenderRecord,
} from './procurement-queries.ts';
import {
  baseWords,
  ruleInWords,
  shareInWords,
  tenderStageNames,
  weightingWords,
} from './procurement-rules.ts';

export interface ConsortiumView {
  id: string;
  name: string;
  portfolio: string;
  body: { slug: string; title: string };
  inceptedOn: string;
  inceptedOnText: string;
  shareBasis: string;
  voteBase: ConsortiumRecord['voteBase'];
  voteBaseText: string;
  voteWeighting: ConsortiumRecord['voteWeighting'];
  voteWeightingText: string;
  ruleText: string;
  recordedBy: string;
  members: { organisationId: string; name: string; shareBasisPoints: number; shareText: string }[];
}

export interface TenderSummary {
  id: string;
  title: string;
  service: string;
  consortiumId: string;
  consortiumName: string;
  stageText: string;
  openedOnText: string;
}

export async function consortiumViewOf(
  reader: Reader,
  consortium: ConsortiumRecord,
): Promise<ConsortiumView> {
  const members = await selectMembers(reader, [consortium.id]);
  return {
    id: consortium.id,
    name: consortium.name,
    portfolio: consortium.portfolio,
    body: { slug: consortium.bodySlug, title: consortium.bodyTitle },
    inceptedOn: consortium.inceptedOn,
    inceptedOnText: longDateText(consortium.inceptedOn),
    shareBasis: consortium.shareBasis,
    voteBase: consortium.voteBase,
    voteBaseText: baseWords[consortium.voteBase],
    voteWeighting: consortium.voteWeighting,
    voteWeightingText: weightingWords[consortium.voteWeighting],
    ruleText: ruleInWords(consortium.voteBase, consortium.voteWeighting),
    recordedBy: consortium.recordedBy,
    members: members.map((member) => ({
      organisationId: member.organisationId,
      name: member.name,
      shareBasisPoints: member.shareBasisPoints,
      shareText: shareInWords(member.shareBasisPoints),
    })),
  };
}

function summaryOf(tender: TenderRecord, consortiumName: string): TenderSummary {
  return {
    id: tender.id,
    title: tender.title,
    service: tender.service,
    consortiumId: tender.consortiumId,
    consortiumName,
    stageText: tenderStageNames[tender.stage],
    openedOnText: longDateText(tender.openedOn),
  };
}

export async function listProcurement(options: { db: Reader; actor: Actor }): Promise<{
  consortia: (ConsortiumView & { tenders: number })[];
  tenders: TenderSummary[];
  mayRecord: boolean;
}> {
  signedInOnly(options.actor);
  const consortia = await selectConsortia(options.db);
  const tenders = await selectTenders(options.db);
  const names = new Map(consortia.map((each) => [each.id, each.name]));
  const views = [];
  for (const consortium of consortia) {
    views.push({
      ...(await consortiumViewOf(options.db, consortium)),
      tenders: tenders.filter((tender) => tender.consortiumId === consortium.id).length,
    });
  }
  return {
    consortia: views,
    tenders: tenders.map((tender) => summaryOf(tender, names.get(tender.consortiumId) ?? '')),
    mayRecord: mayRunBody(options.actor, 'london-commissioning-group'),
  };
}

export async function getConsortium(options: {
  db: Reader;
  actor: Actor;
  consortiumId: string;
}): Promise<ConsortiumView & { tenders: TenderSummary[]; mayRun: boolean }> {
  signedInOnly(options.actor);
  const consortium = await loadConsortium(options.db, options.consortiumId);
  const tenders = await selectTenders(options.db, { consortiumId: consortium.id });
  return {
    ...(await consortiumViewOf(options.db, consortium)),
    tenders: tenders.map((tender) => summaryOf(tender, consortium.name)),
    mayRun: runsConsortium(options.actor, consortium),
  };
}
