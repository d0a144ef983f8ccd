/**
 * Demo data: the London group's progress updates for each quarter of 2008/09 and its annual
 * report for 2008/09, and each sector group's 2008/09 annual report to its PCT Boards (2006 §110),
 * generated from the record through the use case, each dated a fortnight after its period ended,
 * and distributed to the boards — all but the London group's last quarter, which the programme
 * office has generated and not yet sent, so the page shows both states.
 */
import type { Database } from '../db/connection.ts';
import { type Actor, londonGroupSlug } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { distributeReport } from './distribute-report.ts';
import { generateReport } from './generate-report.ts';
import { hasAnyReport } from './report-queries.ts';
import type { ReportKind } from './report-rules.ts';

const seedProgrammeOffice: Actor = {
  kind: 'account',
  accountId: 'seed',
  email: 'seed@demo.invalid',
  displayName: 'The London group’s programme office (demo)',
  personId: null,
  isAdministrator: true,
  bodyRoles: [],
  authenticatedBy: 'session',
};

const sectorGroups = ['north-west', 'north-central', 'north-east', 'south-east', 'south-west'].map(
  (sector) => `${sector}-local-commissioning-group`,
);

const demoReports: {
  slug: string;
  kind: ReportKind;
  from: string;
  to: string;
  distribute: boolean;
}[] = [
  {
    slug: londonGroupSlug,
    kind: 'progress-update',
    from: '2008-04-01',
    to: '2008-06-30',
    distribute: true,
  },
  {
    slug: londonGroupSlug,
    kind: 'progress-update',
    from: '2008-07-01',
    to: '2008-09-30',
    distribute: true,
  },
  {
    slug: londonGroupSlug,
    kind: 'progress-update',
    from: '2008-10-01',
    to: '2008-12-31',
    distribute: true,
  },
  {
    slug: londonGroupSlug,
    kind: 'annual-report',
    from: '2008-04-01',
    to: '2009-03-31',
    distribute: true,
  },
  {
    slug: londonGroupSlug,
    kind: 'progress-update',
    from: '2009-01-01',
    to: '2009-03-31',
    distribute: false,
  },
  // 2006 §110: each sector group's annual report "for submission to each PCT Board" of its sector.
  ...sectorGroups.map((slug) => ({
    slug,
    kind: 'annual-report' as const,
    from: '2008-04-01',
    to: '2009-03-31',
    distribute: true,
  })),
];

/** A fortnight after a date, at 10:00 London (UTC in April to October is an hour behind; near enough). */
function fortnightAfter(date: string): Date {
  return new Date(Date.parse(`${date}T10:00:00Z`) + 14 * 86_400_000);
}

export async function seedDemoReports(options: {
  db: Database;
  context: ActionContext;
  publicUrl?: string;
}): Promise<number> {
  const { db, context } = options;
  // Seeded once: a second run (or a database that already has reports) adds nothing.
  if (await hasAnyReport(db)) return 0;
  let made = 0;
  for (const report of demoReports) {
    const at = fortnightAfter(report.to);
    const dated: ActionContext = { ...context, now: at < context.now ? at : context.now };
    const { reportId } = await generateReport({
      db,
      context: dated,
      actor: seedProgrammeOffice,
      slug: report.slug,
      kind: report.kind,
      periodFrom: report.from,
      periodTo: report.to,
    });
    if (report.distribute) {
      await distributeReport({
        db,
        context: { ...dated, now: new Date(dated.now.getTime() + 3_600_000) },
        actor: seedProgrammeOffice,
        reportId,
        publicUrl: options.publicUrl ?? 'http://localhost:3000',
      });
    }
    made += 1;
  }
  return made;
}
