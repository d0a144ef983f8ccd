/**
 * Read model: one tender as the page and the API show it — its consortium and the 75% rule fixed
 * at inception, the specification version it buys to, its stage and dated steps, the bids with
 * their prices and evaluation scores, the recommendation, each time the award was put to the
 * consortium with the question's result and its explanation (weighted and unweighted), and the
 * procurement decisions register. Signed-in readers only.
 */
import type { Database } from '../db/connection.ts';
import { getProposal } from '../decisions/index.ts';
import type { Actor } from '../identity/index.ts';
import { londonDateAndTime, selectMeetingsAwaitingNotice } from '../meetings/index.ts';
import { longDateText } from '../shared/long-date.ts';
import { type ConsortiumView, consortiumViewOf } from './consortium-view.ts';
import { loadTender, runsConsortium, signedInOnly } from './procurement-access.ts';
import {
  selectAwardQuestions,
  selectBids,
  selectSpecificationVersionLabel,
  selectTenderSteps,
} from './procurement-queries.ts';
import {
  moneyInWords,
  rankBids,
  scoreMaxima,
  type TenderStage,
  tenderStageNames,
} from './procurement-rules.ts';
import { type RegisterView, registerOf } from './register-view.ts';

export interface AwardQuestionView {
  id: string;
  proposalId: string;
  meetingId: string;
  meetingTitle: string;
  bidProvider: string;
  putOn: string;
  putOnText: string;
  questionStatus: string;
  outcome: 'carried' | 'not-carried' | 'withdrawn' | null;
  outcomeText: string | null;
  summary: string | null;
  lines: string[];
}

export interface TenderView {
  id: string;
  title: string;
  service: string;
  consortium: ConsortiumView;
  specificationVersion: { id: string; label: string };
  stage: TenderStage;
  stageText: string;
  openedOn: string;
  openedOnText: string;
  steps: {
    stage: string;
    stageText: string;
    happenedOn: string;
    happenedOnText: string;
    note: string;
    recordedBy: string;
  }[];
  bids: {
    id: string;
    providerOrganisationId: string;
    provider: string;
    pricePence: number;
    priceText: string;
    receivedOn: string;
    receivedOnText: string;
    qualityScore: number | null;
    priceScore: number | null;
    totalScore: number | null;
    recommended: boolean;
    awarded: boolean;
  }[];
  scoreMaxima: { quality: number; price: number };
  evaluation: {
    recommendedBidId: string;
    recommendedProvider: string;
    reason: string;
    evaluatedOn: string;
    evaluatedOnText: string;
  } | null;
  award: {
    bidId: string;
    provider: string;
    priceText: string;
    awardedOn: string;
    awardedOnText: string;
  } | null;
  awardQuestions: AwardQuestionView[];
  register: RegisterView;
  mayRun: boolean;
  /** For the secretariat: the body's coming meetings whose notice has not gone out. */
  meetingChoices: { id: string; label: string }[];
}

export async function getTender(options: {
  db: Database;
  actor: Actor;
  tenderId: string;
  now: Date;
}): Promise<TenderView> {
  const { db, actor } = options;
  signedInOnly(actor);
  const { tender, consortium } = await loadTender(db, options.tenderId);
  const consortiumView = await consortiumViewOf(db, consortium);
  const version = await selectSpecificationVersionLabel(db, tender.specificationVersionId);
  const bids = await selectBids(db, tender.id);
  const ranked = rankBids(
    bids
      .filter((bid) => bid.qualityScore !== null && bid.priceScore !== null)
      .map((bid) => ({
        ...bid,
        bidId: bid.id,
        qualityScore: bid.qualityScore ?? 0,
        priceScore: bid.priceScore ?? 0,
      })),
  );
  const order = new Map(ranked.map((bid, index) => [bid.id, index]));
  const sortedBids = [...bids].sort(
    (a, b) => (order.get(a.id) ?? bids.length) - (order.get(b.id) ?? bids.length),
  );
  const steps = await selectTenderSteps(db, tender.id);
  const questions = await selectAwardQuestions(db, tender.id);
  const awardQuestions: AwardQuestionView[] = [];
  for (const question of questions) {
    const proposal = await getProposal({ db, actor, proposalId: question.proposalId });
    awardQuestions.push({
      id: question.id,
      proposalId: question.proposalId,
      meetingId: question.meetingId,
      meetingTitle: proposal.meeting.title,
      bidProvider:
        bids.find((bid) => bid.id === question.bidId)?.providerName ?? 'the recommended bidder',
      putOn: question.putOn,
      putOnText: longDateText(question.putOn),
      questionStatus: proposal.status,
      outcome: question.outcome,
      outcomeText: proposal.outcomeText,
      summary: proposal.result?.summary ?? null,
      lines: proposal.result?.lines ?? [],
    });
  }
  const byId = new Map(bids.map((bid) => [bid.id, bid]));
  const recommended = tender.recommendedBidId ? byId.get(tender.recommendedBidId) : undefined;
  const awarded = tender.awardedBidId ? byId.get(tender.awardedBidId) : undefined;
  const mayRun = runsConsortium(actor, consortium);
  const meetingChoices =
    mayRun && tender.stage === 'evaluated'
      ? (await selectMeetingsAwaitingNotice(db, consortium.bodyId, options.now)).map((meeting) => ({
          id: meeting.id,
          label: `${meeting.title}, ${londonDateAndTime(meeting.startsAt)}`,
        }))
      : [];
  return {
    id: tender.id,
    title: tender.title,
    service: tender.service,
    consortium: consortiumView,
    specificationVersion: {
      id: tender.specificationVersionId,
      label: version ? `${version.title}, version ${version.version}` : 'A specification version',
    },
    stage: tender.stage,
    stageText: tenderStageNames[tender.stage],
    openedOn: tender.openedOn,
    openedOnText: longDateText(tender.openedOn),
    steps: steps.map((step) => ({
      ...step,
      stageText: tenderStageNames[step.stage as TenderStage] ?? step.stage,
      happenedOnText: longDateText(step.happenedOn),
    })),
    bids: sortedBids.map((bid) => ({
      id: bid.id,
      providerOrganisationId: bid.providerOrganisationId,
      provider: bid.providerName,
      pricePence: bid.pricePence,
      priceText: moneyInWords(bid.pricePence),
      receivedOn: bid.receivedOn,
      receivedOnText: longDateText(bid.receivedOn),
      qualityScore: bid.qualityScore,
      priceScore: bid.priceScore,
      totalScore: bid.totalScore,
      recommended: bid.id === tender.recommendedBidId,
      awarded: bid.id === tender.awardedBidId,
    })),
    scoreMaxima: { ...scoreMaxima },
    evaluation:
      recommended && tender.recommendationReason && tender.evaluatedOn
        ? {
            recommendedBidId: recommended.id,
            recommendedProvider: recommended.providerName,
            reason: tender.recommendationReason,
            evaluatedOn: tender.evaluatedOn,
            evaluatedOnText: longDateText(tender.evaluatedOn),
          }
        : null,
    award:
      awarded && tender.awardedOn
        ? {
            bidId: awarded.id,
            provider: awarded.providerName,
            priceText: moneyInWords(awarded.pricePence),
            awardedOn: tender.awardedOn,
            awardedOnText: longDateText(tender.awardedOn),
          }
        : null,
    awardQuestions,
    register: await registerOf(db, tender.id),
    mayRun,
    meetingChoices,
  };
}
