import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkRagChange,
  countActions,
  cycleProblem,
  dependencyCycle,
  isLateAt,
  lateFirst,
  ownerLevelOf,
  ragAsAt,
} from './programme-rules.ts';
import { monthTicks, timelineRange, timelineSvg, todayInRange, xOf } from './timeline-rules.ts';

describe('2008 Healthcare for London: "priority and sequencing" — no project may wait for itself', () => {
  const titles: Record<string, string> = {
    pilot: 'Polyclinics pilot',
    rollOut: 'Polyclinic roll-out',
    evaluation: 'Pilot evaluation',
  };
  const edges = [
    { projectId: 'rollOut', dependsOnProjectId: 'pilot' },
    { projectId: 'evaluation', dependsOnProjectId: 'rollOut' },
  ];

  it('finds the cycle a new dependency closes and names it in words', () => {
    const cycle = dependencyCycle(edges, 'pilot', 'evaluation');
    expect(cycle).toEqual(['pilot', 'evaluation', 'rollOut', 'pilot']);
    expect(cycleProblem(cycle!, (id) => titles[id]!).message).toContain(
      'Polyclinics pilot → Pilot evaluation → Polyclinic roll-out → Polyclinics pilot',
    );
  });

  it('finds the two-project cycle of the brief', () => {
    const cycle = dependencyCycle([edges[0]!], 'pilot', 'rollOut');
    expect(cycleProblem(cycle!, (id) => titles[id]!).message).toContain(
      'Polyclinics pilot → Polyclinic roll-out → Polyclinics pilot',
    );
  });

  it('refuses a project depending on itself', () => {
    const cycle = dependencyCycle([], 'pilot', 'pilot');
    expect(cycleProblem(cycle!, (id) => titles[id]!).message).toBe(
      'A project cannot depend on itself (Polyclinics pilot → Polyclinics pilot).',
    );
  });

  it('accepts a dependency that closes no cycle (a diamond is not a cycle)', () => {
    expect(dependencyCycle(edges, 'evaluation', 'pilot')).toBeNull();
    expect(dependencyCycle([], 'a', 'b')).toBeNull();
  });

  it('property: adding only the edges it accepts never leaves a cycle, and every cycle it reports is real', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...nodes), fc.constantFrom(...nodes)), { maxLength: 25 }),
        (candidates) => {
          const accepted: { projectId: string; dependsOnProjectId: string }[] = [];
          for (const [from, to] of candidates) {
            const cycle = dependencyCycle(accepted, from, to);
            if (cycle) {
              // A reported cycle starts and ends at the project and follows edges (the new one first).
              expect(cycle[0]).toBe(from);
              expect(cycle.at(-1)).toBe(from);
              expect(cycle[1]).toBe(to);
              const all = [...accepted, { projectId: from, dependsOnProjectId: to }];
              for (let index = 0; index < cycle.length - 1; index += 1) {
                expect(
                  all.some(
                    (edge) =>
                      edge.projectId === cycle[index] &&
                      edge.dependsOnProjectId === cycle[index + 1],
                  ),
                ).toBe(true);
              }
            } else accepted.push({ projectId: from, dependsOnProjectId: to });
          }
          // The accepted graph is acyclic: a topological order exists.
          const remaining = new Set(nodes);
          let progressed = true;
          while (progressed) {
            progressed = false;
            for (const node of [...remaining]) {
              const waits = accepted.some(
                (edge) => edge.projectId === node && remaining.has(edge.dependsOnProjectId),
              );
              if (!waits) {
                remaining.delete(node);
                progressed = true;
              }
            }
          }
          expect(remaining.size).toBe(0);
        },
      ),
    );
  });
});

describe('2008 Healthcare for London: "actions to be undertaken at London, sector and PCT level"; "action teams, accountable to LCG"', () => {
  it('a body organised in one sector is that sector’s group; one across London is London', () => {
    expect(
      ownerLevelOf({
        kind: 'body',
        title: 'North Central London Local Commissioning Group',
        sectorIds: ['north-central'],
      }),
    ).toEqual({ ok: true, level: 'sector', sectorId: 'north-central' });
    expect(
      ownerLevelOf({
        kind: 'body',
        title: 'London Commissioning Group',
        sectorIds: ['north-west', 'north-central', 'north-east', 'south-east', 'south-west'],
      }),
    ).toEqual({ ok: true, level: 'london', sectorId: null });
  });

  it('a PCT is a PCT in its sector; NHS London is London; an action team is one', () => {
    expect(
      ownerLevelOf({
        kind: 'organisation',
        name: 'Camden PCT',
        type: 'primary-care-trust',
        sectorId: 'north-central',
      }),
    ).toEqual({ ok: true, level: 'pct', sectorId: 'north-central' });
    expect(
      ownerLevelOf({
        kind: 'organisation',
        name: 'NHS London',
        type: 'strategic-health-authority',
        sectorId: null,
      }),
    ).toEqual({ ok: true, level: 'london', sectorId: null });
    expect(ownerLevelOf({ kind: 'action-team', name: 'Stroke action team' })).toEqual({
      ok: true,
      level: 'action-team',
      sectorId: null,
    });
  });

  it.each([
    ['University College London Hospitals NHS Foundation Trust', 'foundation-trust'],
    ['London Councils', 'local-authority'],
    ["Mayor's Office", 'mayors-office'],
    ['London Commissioning Business Service', 'business-service'],
  ])('refuses %s, naming the rule', (name, type) => {
    const decision = ownerLevelOf({ kind: 'organisation', name, type, sectorId: null });
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.problem.field).toBe('owner');
      expect(decision.problem.message).toContain(
        `${name} cannot own a Healthcare for London action`,
      );
      expect(decision.problem.message).toContain('2008 Healthcare for London');
    }
  });
});

describe('2008 Healthcare for London: "ensure that it remains on track" — RAG changes and lateness', () => {
  const base = {
    current: 'green' as const,
    to: 'red' as const,
    changedOn: '2009-01-10',
    today: '2026-11-23',
    what: 'action' as const,
  };

  it('refuses a RAG change without a reason, or a blank one', () => {
    for (const reason of ['', '   ', '\n']) {
      expect(checkRagChange({ ...base, reason }).map((problem) => problem.field)).toEqual([
        'reason',
      ]);
    }
    expect(checkRagChange({ ...base, reason: 'Board deferred the case.' })).toEqual([]);
  });

  it('refuses no change, a change after completion, and a change dated after today', () => {
    expect(checkRagChange({ ...base, to: 'green', reason: 'x' })[0]?.message).toBe(
      'The action is already Green; choose a different status.',
    );
    expect(checkRagChange({ ...base, reason: 'x', completedOn: '2009-01-01' })[0]?.field).toBe(
      'rag',
    );
    expect(checkRagChange({ ...base, reason: 'x', changedOn: '2026-11-24' })[0]?.field).toBe(
      'changedOn',
    );
  });

  it('an action is late after its due day until it is completed', () => {
    expect(isLateAt({ dueOn: '2009-03-31', completedOn: null }, '2009-03-31')).toBe(false);
    expect(isLateAt({ dueOn: '2009-03-31', completedOn: null }, '2009-04-01')).toBe(true);
    expect(isLateAt({ dueOn: '2009-03-31', completedOn: '2009-04-20' }, '2009-04-10')).toBe(true);
    expect(isLateAt({ dueOn: '2009-03-31', completedOn: '2009-04-20' }, '2009-04-20')).toBe(false);
  });

  it('reads the status on a date from the history; null before the first', () => {
    const history = [
      { changedOn: '2008-04-01', toRag: 'green' as const, recordedAt: new Date(1) },
      { changedOn: '2008-07-15', toRag: 'amber' as const, recordedAt: new Date(2) },
      { changedOn: '2008-07-15', toRag: 'red' as const, recordedAt: new Date(3) },
    ];
    expect(ragAsAt(history, '2008-03-31')).toBeNull();
    expect(ragAsAt(history, '2008-07-14')).toBe('green');
    expect(ragAsAt(history, '2008-07-15')).toBe('red');
  });

  it('counts open actions by RAG, completed and late, and lists late first', () => {
    const actions = [
      { title: 'B', rag: 'red' as const, dueOn: '2009-01-01', completedOn: null },
      { title: 'A', rag: 'green' as const, dueOn: '2010-01-01', completedOn: null },
      { title: 'C', rag: 'amber' as const, dueOn: '2008-06-01', completedOn: '2008-05-01' },
    ];
    expect(countActions(actions, '2009-06-01')).toEqual({
      red: 1,
      amber: 0,
      green: 1,
      completed: 1,
      late: 1,
      total: 3,
    });
    expect(lateFirst(actions, '2009-06-01').map((action) => action.title)).toEqual(['B', 'A', 'C']);
  });
});

describe('the timeline’s layout maths and SVG', () => {
  it('runs from the first of the first month to the first of the month after the last date', () => {
    expect(timelineRange(['2008-04-15', '2009-09-30', '2008-06-01'])).toEqual({
      from: '2008-04-01',
      to: '2009-10-01',
    });
    expect(timelineRange(['2008-12-05'])).toEqual({ from: '2008-12-01', to: '2009-01-01' });
    expect(timelineRange([])).toBeNull();
  });

  it('places dates proportionally and clamps outside the range', () => {
    const range = { from: '2008-01-01', to: '2008-01-11' };
    expect(xOf('2008-01-01', range, 100, 500)).toBe(100);
    expect(xOf('2008-01-06', range, 100, 500)).toBe(350);
    expect(xOf('2008-01-11', range, 100, 500)).toBe(600);
    expect(xOf('2007-01-01', range, 100, 500)).toBe(100);
    expect(xOf('2026-01-01', range, 100, 500)).toBe(600);
  });

  it('labels every month within a year, every quarter beyond', () => {
    const short = monthTicks({ from: '2008-04-01', to: '2008-07-01' });
    expect(short.map((tick) => tick.label)).toEqual([
      'Apr 2008',
      'May 2008',
      'Jun 2008',
      'Jul 2008',
    ]);
    const long = monthTicks({ from: '2008-04-01', to: '2009-10-01' });
    expect(long.filter((tick) => tick.label).map((tick) => tick.label)).toEqual([
      'Apr 2008',
      'Jul 2008',
      'Oct 2008',
      'Jan 2009',
      'Apr 2009',
      'Jul 2009',
      'Oct 2009',
    ]);
  });

  it('draws lanes, bars with their RAG in words, milestones, arrows and today, with no style attribute', () => {
    const lanes = [
      {
        title: '1. Polyclinics',
        projects: [
          {
            id: 'p1',
            title: 'Polyclinics pilot',
            startsOn: '2008-04-01',
            dueOn: '2009-03-31',
            rag: 'amber' as const,
            milestones: [{ title: 'First pilot opens', dueOn: '2008-12-01', achievedOn: null }],
            dependsOn: [],
          },
          {
            id: 'p2',
            title: 'Polyclinic roll-out <b>',
            startsOn: '2009-04-01',
            dueOn: '2010-03-31',
            rag: 'red' as const,
            milestones: [],
            dependsOn: ['p1'],
          },
        ],
      },
    ];
    const svg = timelineSvg({
      id: 'timeline',
      title: 'Timeline of Healthcare for London',
      lanes,
      today: '2009-06-01',
      describe: 'Two projects.',
    });
    expect(svg).toContain('role="img" aria-labelledby="timeline-title timeline-desc"');
    expect(svg).toContain('<title id="timeline-title">Timeline of Healthcare for London</title>');
    expect(svg).toContain('>Amber</text>');
    expect(svg).toContain('>Red</text>');
    expect(svg).toContain('Milestone: First pilot opens');
    expect(svg).toContain('marker-end="url(#timeline-arrow)"');
    expect(svg).toContain('>Today</text>');
    expect(svg).toContain('Polyclinic roll-out &lt;b&gt;');
    expect(svg).not.toContain('style=');
    expect(svg).not.toContain('<script');
    expect(todayInRange(lanes, '2026-11-23')).toBe('after');
    expect(
      timelineSvg({ id: 't', title: 'x', lanes, today: '2026-11-23', describe: '' }),
    ).not.toContain('>Today</text>');
  });
});
