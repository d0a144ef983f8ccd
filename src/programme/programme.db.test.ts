import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import {
  programmeActions,
  programmeProjectDependencies,
  programmeRagChanges,
} from '../db/schema/programme.ts';
import { organisations } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';
import { programmeAsAt, programmeInPeriod, seedDemoProgramme } from './index.ts';

// The test clock is 2026-11-23 (fixedNow). Quoted: 2008 "Key responsibilities → Healthcare for
// London" and "Accountabilities".
const lcg = 'london-commissioning-group';

let database: DatabaseHandle;
let app: App;
type Headers = { authorization: string } | { cookie: string };
let office: Headers;
let secretariat: Headers;
let areaSecretariat: Headers;
let member: Headers;
let chair: Headers;
let publicAccount: Headers;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  office = { cookie: (await signInThroughForm(app, 'programme@demo.invalid')).cookies };
  secretariat = await bearerFor(app, 'secretariat');
  areaSecretariat = await bearerFor(app, 'areaSecretariat');
  member = await bearerFor(app, 'member');
  chair = await bearerFor(app, 'chair');
  publicAccount = await bearerFor(app, 'public');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (url: string, payload: object, headers: Headers = office) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
const get = (url: string) => app.inject(`/api/v1${url}`);

async function programmeAudit(): Promise<number> {
  const [row] = await database.db
    .select({ events: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'programme.%'));
  return row?.events ?? 0;
}
async function rows() {
  const [actions] = await database.db.select({ n: count() }).from(programmeActions);
  const [changes] = await database.db.select({ n: count() }).from(programmeRagChanges);
  const [dependencies] = await database.db
    .select({ n: count() })
    .from(programmeProjectDependencies);
  return {
    actions: actions?.n,
    changes: changes?.n,
    dependencies: dependencies?.n,
    audit: await programmeAudit(),
  };
}

async function organisationId(name: string): Promise<string> {
  const [found] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, name));
  if (!found) throw new Error(`no organisation ${name}`);
  return found.id;
}

describe('2008 Healthcare for London: "developing a delivery programme, including the priority and sequencing of the different elements and determination of the actions to be undertaken at London, sector and PCT level"', () => {
  let programmeId: string;
  let workstreamId: string;
  let pilot: string;
  let rollOut: string;
  let evaluation: string;
  let teamId: string;
  let pctAction: string;

  it('the programme office starts a programme, a workstream, projects in sequence and an action team, each audited', async () => {
    const before = await programmeAudit();
    const created = await post(`/bodies/${lcg}/programmes`, { title: 'Test programme' });
    expect(created.statusCode, created.body).toBe(201);
    programmeId = created.json().programmeId;
    const workstream = await post(`/programmes/${programmeId}/workstreams`, {
      title: 'Polyclinics',
      priority: 1,
    });
    expect(workstream.statusCode, workstream.body).toBe(201);
    workstreamId = workstream.json().workstreamId;
    const project = (title: string, sequence: number, startsOn: string, dueOn: string) =>
      post(`/programme/workstreams/${workstreamId}/projects`, {
        title,
        priority: 1,
        sequence,
        startsOn,
        dueOn,
      });
    pilot = (await project('Polyclinics pilot', 1, '2026-01-05', '2026-06-30')).json().projectId;
    rollOut = (await project('Polyclinic roll-out', 2, '2026-07-01', '2027-03-31')).json()
      .projectId;
    evaluation = (await project('Pilot evaluation', 3, '2026-05-01', '2026-08-31')).json()
      .projectId;
    const team = await post(`/programmes/${programmeId}/action-teams`, {
      name: 'Polyclinics action team',
      remit: 'Take the polyclinic model forward.',
    });
    expect(team.statusCode, team.body).toBe(201);
    teamId = team.json().actionTeamId;
    expect(await programmeAudit()).toBe(before + 6);
  });

  it('refuses a project due before it starts, nothing written', async () => {
    const before = await rows();
    const refused = await post(`/programme/workstreams/${workstreamId}/projects`, {
      title: 'Backwards',
      priority: 1,
      sequence: 4,
      startsOn: '2026-05-01',
      dueOn: '2026-04-01',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('dueOn');
    expect(await rows()).toEqual(before);
  });

  it('records dependencies and refuses one that would make a cycle, naming it in words; nothing written', async () => {
    expect(
      (
        await post(`/programme/projects/${rollOut}/dependencies`, {
          dependsOnProjectId: evaluation,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await post(`/programme/projects/${evaluation}/dependencies`, { dependsOnProjectId: pilot }))
        .statusCode,
    ).toBe(201);
    const before = await rows();
    const cycle = await post(`/programme/projects/${pilot}/dependencies`, {
      dependsOnProjectId: rollOut,
    });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().errors[0]).toMatchObject({ field: 'dependsOnProjectId' });
    expect(cycle.json().errors[0].message).toContain(
      'Polyclinics pilot → Polyclinic roll-out → Pilot evaluation → Polyclinics pilot',
    );
    const itself = await post(`/programme/projects/${pilot}/dependencies`, {
      dependsOnProjectId: pilot,
    });
    expect(itself.statusCode).toBe(409);
    expect(itself.json().errors[0].message).toContain('cannot depend on itself');
    expect(await rows()).toEqual(before);
    const page = (await get(`/programme/projects/${rollOut}`)).json();
    expect(page.project.after).toEqual([{ id: evaluation, title: 'Pilot evaluation' }]);
  });

  it('adds actions at London, sector and PCT level and by an action team; the level follows the owner', async () => {
    const camden = await organisationId('Camden PCT');
    const nhsLondon = await organisationId('NHS London');
    const owners = [
      [`body:${lcg}`, 'london', null],
      [`organisation:${nhsLondon}`, 'london', null],
      ['body:north-central-local-commissioning-group', 'sector', 'north-central'],
      [`organisation:${camden}`, 'pct', 'north-central'],
      [`action-team:${teamId}`, 'action-team', null],
    ] as const;
    for (const [owner, level, sector] of owners) {
      const added = await post(`/programme/projects/${pilot}/actions`, {
        title: `Action owned at ${level}`,
        owner,
        dueOn: '2026-03-31',
      });
      expect(added.statusCode, added.body).toBe(201);
      const action = (await get(`/programme/actions/${added.json().actionId}`)).json().action;
      expect(action.owner.level).toBe(level);
      expect(action.sector?.id ?? null).toBe(sector);
      if (level === 'pct') pctAction = added.json().actionId;
    }
  });

  it('refuses an action owned by a provider or a partner, naming the rule; nothing written', async () => {
    const councils = await organisationId('London Councils');
    const before = await rows();
    const refused = await post(`/programme/projects/${pilot}/actions`, {
      title: 'Owned by a partner',
      owner: `organisation:${councils}`,
      dueOn: '2026-03-31',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('owner');
    expect(refused.json().errors[0].message).toContain('London Councils cannot own');
    expect(refused.json().errors[0].message).toContain('2008 Healthcare for London');
    expect(await rows()).toEqual(before);
  });

  it('refuses a RAG change without a reason; nothing written', async () => {
    const before = await rows();
    const refused = await post(`/programme/actions/${pctAction}/rag`, {
      rag: 'red',
      reason: '   ',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('reason');
    expect(await rows()).toEqual(before);
  });

  it('moves an action to red with its reason; the history shows it newest first, audited', async () => {
    const before = await programmeAudit();
    const moved = await post(`/programme/actions/${pctAction}/rag`, {
      rag: 'red',
      reason: 'Board deferred the business case.',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const page = (await get(`/programme/actions/${pctAction}`)).json();
    expect(page.action).toMatchObject({ rag: 'red', late: true });
    expect(page.history[0]).toMatchObject({
      kind: 'change',
      from: 'green',
      to: 'red',
      reason: 'Board deferred the business case.',
      changedOn: '2026-11-23',
    });
    expect(page.history.at(-1)).toMatchObject({ kind: 'set', to: 'green' });
    const html = await app.inject({ url: `/programme/actions/${pctAction}`, headers: office });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Change status');
    expect(html.body).toContain('Red — late or at risk against its milestone');
    expect(await programmeAudit()).toBe(before + 1);
  });

  it('shows it late and red in the roll-ups, by sector and by PCT, and on the PCT’s page', async () => {
    const rollUp = (await get(`/programmes/${programmeId}/roll-up`)).json();
    const northCentral = rollUp.bySector.find(
      (row: { key: string }) => row.key === 'north-central',
    );
    expect(northCentral.counts).toMatchObject({ red: 1, late: 2, total: 2 });
    const camden = rollUp.byPct.find((row: { title: string }) => row.title === 'Camden PCT');
    expect(camden).toMatchObject({ href: '/programme/pcts/5K7', counts: { red: 1, late: 1 } });
    expect(camden.late[0].id).toBe(pctAction);
    const pct = (await get('/programme/pcts/5K7')).json();
    expect(pct.rule.clause).toBe('2008 Accountabilities');
    const actions = pct.programmes.flatMap((each: { actions: { id: string }[] }) => each.actions);
    expect(actions.map((action: { id: string }) => action.id)).toContain(pctAction);
  });

  it('completes an action (a change of its own), after which its status no longer changes', async () => {
    const completed = await post(`/programme/actions/${pctAction}/completion`, {
      completedOn: '2026-11-20',
    });
    expect(completed.statusCode, completed.body).toBe(400);
    // Not before the last status recorded (23 November): completing it that day is accepted.
    const done = await post(`/programme/actions/${pctAction}/completion`, {
      completedOn: '2026-11-23',
      note: 'Opened.',
    });
    expect(done.statusCode, done.body).toBe(200);
    const page = (await get(`/programme/actions/${pctAction}`)).json();
    expect(page.action).toMatchObject({ completedOn: '2026-11-23', late: false });
    expect(page.history[0]).toMatchObject({ kind: 'completed', reason: 'Opened.' });
    const again = await post(`/programme/actions/${pctAction}/rag`, {
      rag: 'green',
      reason: 'Done.',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0].field).toBe('rag');
  });

  it('adds milestones and records one achieved', async () => {
    const added = await post(`/programme/projects/${pilot}/milestones`, {
      title: 'First pilot opens',
      dueOn: '2026-03-01',
    });
    expect(added.statusCode, added.body).toBe(201);
    const achieved = await post(`/programme/milestones/${added.json().milestoneId}/achieved`, {
      achievedOn: '2026-03-02',
    });
    expect(achieved.statusCode, achieved.body).toBe(200);
    const page = (await get(`/programme/projects/${pilot}`)).json();
    expect(page.project.milestones[0]).toMatchObject({
      title: 'First pilot opens',
      achievedOn: '2026-03-02',
    });
  });

  it('refuses everyone but the body’s programme office, its secretariat and administrators; nothing written', async () => {
    const before = await rows();
    for (const headers of [member, chair, publicAccount, areaSecretariat]) {
      const refused = await post(
        `/programme/projects/${pilot}/actions`,
        {
          title: 'Not mine to add',
          owner: `body:${lcg}`,
          dueOn: '2026-03-31',
        },
        headers,
      );
      expect(refused.statusCode).toBe(403);
      const rag = await post(
        `/programme/projects/${pilot}/rag`,
        { rag: 'amber', reason: 'x' },
        headers,
      );
      expect(rag.statusCode).toBe(403);
    }
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/v1/programmes/${programmeId}/workstreams`,
      payload: { title: 'x', priority: 1 },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await rows()).toEqual(before);
    const allowed = await post(
      `/programme/projects/${pilot}/rag`,
      { rag: 'amber', reason: 'Estates late.' },
      secretariat,
    );
    expect(allowed.statusCode, allowed.body).toBe(200);
  });

  it('the pages’ forms: a refused action or RAG change shows the error linked to its field, values kept, nothing written', async () => {
    const cookie = (office as { cookie: string }).cookie;
    const form = async (url: string, fields: Record<string, string>) => {
      const page = await app.inject({ url, headers: { cookie } });
      const cookies = cookieHeader(page.headers['set-cookie'], cookie);
      return app.inject({
        method: 'POST',
        url,
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
      });
    };
    const councils = await organisationId('London Councils');
    const before = await rows();
    const refused = await form(`/programme/projects/${pilot}/actions`, {
      title: 'Owned by a partner',
      owner: `organisation:${councils}`,
      'dueOn[day]': '31',
      'dueOn[month]': '3',
      'dueOn[year]': '2026',
      rag: 'green',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#owner"');
    expect(refused.body).toContain('London Councils cannot own a Healthcare for London action');
    expect(refused.body).toContain('value="Owned by a partner"');
    const noReason = await form(`/programme/projects/${pilot}/rag`, { rag: 'red', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    const noStatus = await form(`/programme/projects/${pilot}/rag`, { reason: 'Slipping.' });
    expect(noStatus.body).toContain('href="#newRag"');
    expect(await rows()).toEqual(before);
    const moved = await form(`/programme/projects/${pilot}/rag`, {
      rag: 'red',
      reason: 'Estates not ready.',
    });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe(`/programme/projects/${pilot}?changed=rag`);
    const organisationPage = await app.inject(
      `/organisations/${await organisationId('Camden PCT')}`,
    );
    expect(organisationPage.body).toContain('href="/programme/pcts/5K7"');
  });

  it('keeps the programme office out of the body’s other business', async () => {
    const meeting = await post(`/bodies/${lcg}/joint-reviews`, {
      title: 'x',
      category: 'service-development',
    });
    expect(meeting.statusCode).toBe(403);
  });

  it('draws the timeline as SVG with a title and a text alternative, public to read', async () => {
    const page = (await get(`/programmes/${programmeId}`)).json();
    expect(page.timeline.svg).toContain('role="img"');
    expect(page.timeline.svg).toContain(
      '<title id="timeline-title">Timeline of Test programme</title>',
    );
    expect(page.timeline.svg).toContain('Polyclinics pilot');
    expect(page.timeline.today).toBe('within');
    expect(page.timeline.svg).not.toContain('style=');
    const html = await app.inject(`/programmes/${programmeId}`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('The timeline as a table');
  });
});

describe('the demo programme and its state as at a date (what the progress update is made from)', () => {
  let programmeId: string;

  beforeAll(async () => {
    const created = await seedDemoProgramme({
      db: database.db,
      context: { actor: 'seed', now: fixedNow },
    });
    expect(created).toBeGreaterThan(15);
    expect(
      await seedDemoProgramme({ db: database.db, context: { actor: 'seed', now: fixedNow } }),
    ).toBe(0);
    const list = (await get(`/bodies/${lcg}/programmes`)).json();
    programmeId = list.items.find(
      (item: { title: string }) => item.title === 'Healthcare for London',
    ).id;
  });

  it('has stroke, trauma and polyclinics workstreams, most actions completed and a few late', async () => {
    const programme = (await get(`/programmes/${programmeId}`)).json();
    expect(programme.workstreams.map((each: { title: string }) => each.title)).toEqual([
      'Stroke',
      'Major trauma',
      'Polyclinics',
      'Urgent care',
    ]);
    expect(programme.counts.completed).toBeGreaterThan(programme.counts.late);
    expect(programme.late.map((action: { title: string }) => action.title)).toContain(
      'Transfer stroke activity to the designated unit',
    );
    expect(programme.timeline.today).toBe('after');
  });

  it('gives each project’s RAG on a date from its history', async () => {
    const july = await programmeAsAt({ db: database.db, programmeId, asAt: '2009-07-31' });
    const rag = (title: string) => july.projects.find((project) => project.title === title)?.rag;
    expect(rag('Hyper-acute stroke units go live')).toBe('red');
    expect(rag('Polyclinics pilot')).toBe('amber');
    expect(rag('Urgent care centres at A&E')).toBe('green');
    const early = await programmeAsAt({ db: database.db, programmeId, asAt: '2008-03-01' });
    expect(early.projects.every((project) => project.rag === null)).toBe(true);
    const viaApi = (await get(`/programmes/${programmeId}/as-at?asAt=2008-08-01`)).json();
    expect(
      viaApi.projects.find((p: { title: string }) => p.title === 'Stroke unit designation').rag,
    ).toBe('amber');
  });

  it('lists actions completed in a period and those late at its end', async () => {
    const quarter = await programmeInPeriod({
      db: database.db,
      programmeId,
      from: '2009-01-01',
      to: '2009-03-31',
    });
    expect(quarter.completed.map((action) => action.title).sort()).toEqual([
      'Agree the sector stroke pathway with acute trusts',
      'Agree the stroke tariff with providers',
      'Approve the trauma network business case',
      'Open a polyclinic pilot in Tower Hamlets',
      'Open the Brent polyclinic pilot',
    ]);
    // Due on the last day of the quarter is not yet late on it.
    expect(quarter.lateAtEnd.map((action) => action.title)).not.toContain(
      'Take the polyclinic business case to the board',
    );
    const next = await programmeInPeriod({
      db: database.db,
      programmeId,
      from: '2009-04-01',
      to: '2009-06-30',
    });
    expect(next.lateAtEnd.map((action) => action.title)).toEqual([
      'Take the polyclinic business case to the board',
    ]);
    expect(quarter.ragChanges.some((change) => change.reason.includes('Islington'))).toBe(true);
    const backwards = await get(`/programmes/${programmeId}/period?from=2009-04-01&to=2009-03-31`);
    expect(backwards.statusCode).toBe(400);
  });
});
