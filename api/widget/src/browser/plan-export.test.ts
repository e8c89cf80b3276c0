import { describe, expect, it } from 'vitest';
import type { Recommendation } from '@ceu/domain';
import { csvCell, foldLine, icsText, planToCsv, planToIcs, scheduleSteps } from './plan-export.ts';

const rec: Recommendation = {
  credential: 'CMA',
  feasible: true,
  remaining: { total: 4 },
  plan: {
    steps: [
      {
        courseId: 'ace:1',
        title: '=HYPERLINK("http://evil"), Cardiology; part 1',
        provider: 'ace',
        url: 'https://ace.example/1',
        costCents: 0,
        hours: 2,
        credits: [{ category: 'clinical', points: 2 }],
        via: 'bundle:ace:membership',
        why: 'Clinical points, free with the membership.\nSecond line.',
      },
      {
        courseId: 'relias:2',
        title: 'Phlebotomy Basics',
        provider: 'relias',
        url: 'javascript:alert(1)',
        costCents: 1500,
        hours: 1,
        credits: [{ category: 'general', points: 1 }],
        via: 'purchase',
        why: 'Cheapest general point.',
      },
    ],
    bundles: [{ id: 'ace:membership', title: 'ACE Annual Membership', priceCents: 2995 }],
    totalCostCents: 4495,
    totalHours: 3,
    coverage: [{ requirement: 'total', remaining: 3, planned: 3 }],
  },
  optimal: true,
  costProven: true,
  lowerBoundCents: 4495,
  leftOut: { courses: 0, noCredits: 0, noHours: 0, noUsPrice: 0 },
};

describe('planToCsv', () => {
  it('writes one row per step and bundle, quoted, with formulas neutralised', () => {
    const csv = planToCsv(rec);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 2 + 1);
    expect(lines[0]).toBe('"step","title","provider","how","cost_usd","hours","points","url","why"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil""), Cardiology; part 1"`);
    expect(lines[2]).toContain('"15.00"');
    expect(lines[3]).toContain('"ACE Annual Membership"');
    expect(csvCell('-1+1')).toBe(`"'-1+1"`);
    expect(csvCell(-1)).toBe('"-1"');
  });

  it('leaves a figure the answer lacks empty, never NaN, undefined or a made-up 0', () => {
    // The contract plans only courses with hours; an answer from a server that breaks it still exports cleanly.
    const step = rec.plan.steps[1]!;
    const partial = { ...step, hours: undefined } as unknown as Recommendation['plan']['steps'][number];
    const csv = planToCsv({ ...rec, plan: { ...rec.plan, steps: [partial] } });
    const row = csv.split('\r\n')[1] ?? '';
    expect(row.split(',').slice(4, 6)).toEqual(['"15.00"', '""']);
    expect(csv).not.toMatch(/NaN|undefined/);
  });
});

describe('planToIcs', () => {
  it('has one event with one reminder per step, escaped and folded', () => {
    const ics = planToIcs(rec, {
      now: new Date('2026-01-10T12:00:00Z'),
      cycleEnd: '2026-03-01',
      reminder: (t) => `Next: ${t}`,
    });
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics.match(/BEGIN:VALARM/g)).toHaveLength(2);
    expect(ics).toContain('DTSTART;VALUE=DATE:20260111');
    expect(ics).toContain('URL:https://ace.example/1');
    expect(ics).not.toContain('javascript:');
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:1. =HYPERLINK("http://evil")\\, Cardiology\\; part 1');
    expect(unfolded).toContain(
      'DESCRIPTION:Clinical points\\, free with the membership.\\nSecond line.\\nhttps://ace.example/1',
    );
  });

  it('spreads steps before the cycle end, or weekly without one', () => {
    const start = new Date('2026-01-01T08:00:00Z');
    const spread = scheduleSteps(3, start, '2026-03-01').map((d) => d.toISOString().slice(0, 10));
    expect(spread[0]).toBe('2026-01-02');
    expect(spread[2]! <= '2026-02-22').toBe(true);
    expect(scheduleSteps(2, start).map((d) => d.toISOString().slice(0, 10))).toEqual([
      '2026-01-02',
      '2026-01-09',
    ]);
  });

  it('escapes per RFC 5545 and folds long lines without splitting characters', () => {
    expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });
});
