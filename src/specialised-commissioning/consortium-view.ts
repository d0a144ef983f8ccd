/**
 * Read models of the specialised services consortia: the list, and one consortium with its members
 * and shares, each year's pooled budget and every member's contribution, and its services. Open to
 * everyone (how PCTs pool public money); what may be done, to the London group's secretariat.
 */
import type { Reader } from '../db/connection.ts';
import { type Actor, londonGroupSlug, mayRunBody } from '../identity/index.ts';
import { loadConsortium } from './consortium-access.ts';
import {
  selectBudgets,
  selectConsortia,
  selectMembers,
  selectServices,
} from './consortium-queries.ts';
import {
  clauses,
  contributions,
  financialYearText,
  moneyText,
  type ShareBasis,
  shareBasisText,
  shareText,
  wholeShare,
} from './consortium-rules.ts';

export async function listConsortia(options: { db: Reader; actor: Actor }) {
  const rows = await selectConsortia(options.db);
  const consortia = [];
  for (const row of rows) {
    const members = await selectMembers(options.db, row.consortium.id);
    const budgets = await selectBudgets(options.db, row.consortium.id);
    const latest = budgets.at(-1);
    consortia.push({
      id: row.consortium.id,
      name: row.consortium.name,
      lead: row.leadTitle,
      memberCount: members.length,
      latestBudget: latest
        ? { year: financialYearText(latest.startYear), amount: moneyText(latest.amountPence) }
        : null,
    });
  }
  return {
    clauses: [clauses.consortia, clauses.lead],
    consortia,
    mayManage: mayRunBody(options.actor, londonGroupSlug),
  };
}

export async function getConsortium(options: { db: Reader; actor: Actor; consortiumId: string }) {
  const { db } = options;
  const { consortium, leadTitle } = await loadConsortium(db, options.consortiumId);
  const members = await selectMembers(db, consortium.id);
  const budgets = await selectBudgets(db, consortium.id);
  const services = await selectServices(db, consortium.id);
  const shares = members.map((member) => member.shareBasisPoints);
  const years = budgets.map((budget) => ({
    startYear: budget.startYear,
    year: financialYearText(budget.startYear),
    amount: moneyText(budget.amountPence),
    contributions: contributions(budget.amountPence, shares),
  }));
  return {
    id: consortium.id,
    name: consortium.name,
    lead: leadTitle,
    establishedOn: consortium.establishedOn,
    shareBasis: shareBasisText[consortium.shareBasis as ShareBasis],
    shareBasisNote: consortium.shareBasisNote,
    clauses: [clauses.consortia, clauses.lead],
    roundingRule:
      'Each member’s contribution is the budget times its share, rounded down to the penny; the pence left over go one each to the members with the largest remainders, so the contributions add up to the budget exactly.',
    members: members.map((member, index) => ({
      name: member.name,
      share: shareText(member.shareBasisPoints),
      contributions: years.map((year) => moneyText(year.contributions[index] ?? 0)),
    })),
    totalShare: shareText(shares.reduce((sum, each) => sum + each, 0)),
    sharesComplete: shares.reduce((sum, each) => sum + each, 0) === wholeShare,
    budgets: years.map(({ startYear, year, amount }) => ({ startYear, year, amount })),
    services: services.map((service) => ({
      name: service.name,
      specification:
        service.specificationTitle !== null && service.specificationVersion !== null
          ? `${service.specificationTitle}, version ${service.specificationVersion}`
          : null,
    })),
    mayManage: mayRunBody(options.actor, londonGroupSlug),
  };
}
