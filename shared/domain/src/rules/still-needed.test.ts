import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { recommendationRequestSchema } from '../schema/recommendation.ts';
import { addMonths, stillNeeded } from './still-needed.ts';

const TODAY = '2026-11-24';

describe('stillNeeded: CMA (60 points, 10/10/10 by category, 30 AAMA-approved)', () => {
  it('needs everything when nothing is earned', () => {
    const r = stillNeeded({ credential: 'CMA', today: TODAY });
    expect(r.remaining).toEqual({ total: 60, general: 10, clinical: 10, administrative: 10, approved: 30 });
    expect(r.cprPointsRemaining).toBe(12);
    expect(r.unit).toBe('points');
  });

  it('counts points above a category minimum toward the total only', () => {
    // 40 general points meet the general minimum and give 40 of 60: 20 more, of which 10 clinical and 10 administrative.
    const r = stillNeeded({
      credential: 'CMA',
      earned: { total: 40, general: 40, approved: 40 },
      today: TODAY,
    });
    expect(r.remaining).toEqual({ total: 20, general: 0, clinical: 10, administrative: 10, approved: 0 });
  });

  it('takes the total as the sum of the categories when the summary omits it', () => {
    const r = stillNeeded({
      credential: 'CMA',
      earned: { general: 5, clinical: 12, administrative: 3 },
      today: TODAY,
    });
    expect(r.remaining).toEqual({ total: 40, general: 5, clinical: 0, administrative: 7, approved: 30 });
  });

  it('keeps two-decimal points exact (0.1 + 0.2 style sums)', () => {
    const r = stillNeeded({
      credential: 'CMA',
      activities: [
        { date: '2026-01-10', points: 0.1, category: 'general' },
        { date: '2026-01-11', points: 0.2, category: 'general' },
      ],
      cycleEnd: '2027-06-30',
      today: TODAY,
    });
    expect(r.remaining.general).toBe(9.7);
    expect(r.remaining.total).toBe(59.7);
  });

  it('caps CPR cards at 3 cards of 4 clinical points, keeping the earliest cards', () => {
    const card = (date: string) => ({ date, points: 4, kind: 'cpr-card' as const });
    const r = stillNeeded({
      credential: 'CMA',
      activities: [card('2023-05-01'), card('2021-05-01'), card('2025-05-01'), card('2024-05-01')],
      cycleEnd: '2026-12-31',
      today: TODAY,
    });
    // Cycle 2022-01-01..2026-12-31: the 2021 card is outside; of the other three all count (12 points).
    expect(r.remaining).toMatchObject({
      total: 48,
      clinical: 0,
      general: 10,
      administrative: 10,
      approved: 30,
    });
    expect(r.cprPointsRemaining).toBe(0);
    expect(r.ignoredActivities).toEqual([{ index: 1, reason: expect.stringContaining('outside the cycle') }]);
  });

  it('ignores a fourth CPR card in the cycle and counts a card at most 4 points', () => {
    const r = stillNeeded({
      credential: 'CMA',
      activities: [
        { date: '2023-01-01', points: 6, kind: 'cpr-card' },
        { date: '2023-06-01', points: 4, kind: 'cpr-card' },
        { date: '2024-01-01', points: 4, kind: 'cpr-card' },
        { date: '2025-01-01', points: 4, kind: 'cpr-card' },
      ],
      cycleEnd: '2026-12-31',
      today: TODAY,
    });
    expect(r.remaining.clinical).toBe(0);
    expect(r.remaining.total).toBe(48);
    expect(r.ignoredActivities).toEqual([{ index: 3, reason: 'only 3 CPR cards count in a cycle' }]);
  });

  it('applies the CPR cap to a summary: CPR points above 12 leave clinical and total', () => {
    const r = stillNeeded({
      credential: 'CMA',
      earned: { total: 20, clinical: 16, general: 4, cprPoints: 16 },
      today: TODAY,
    });
    // 16 CPR points, 12 count: clinical 12, total 16.
    expect(r.remaining).toMatchObject({ total: 44, clinical: 0, general: 6 });
    expect(r.cprPointsRemaining).toBe(0);
    expect(r.notes.join(' ')).toContain('4 points above that were not counted');
  });

  it('shares the CPR cap between a summary and transcript cards', () => {
    const r = stillNeeded({
      credential: 'CMA',
      earned: { total: 8, clinical: 8, cprPoints: 8 },
      activities: [
        { date: '2026-02-01', points: 4, kind: 'cpr-card' },
        { date: '2026-03-01', points: 4, kind: 'cpr-card' },
      ],
      cycleEnd: '2027-01-31',
      today: TODAY,
    });
    // 8 + 4 + 4 = 16 CPR points of which 12 count.
    expect(r.requirements.find((q) => q.id === 'clinical')?.earned).toBe(12);
    expect(r.remaining.total).toBe(48);
  });

  it('counts AAMA approval case-insensitively, as a string or a list', () => {
    const r = stillNeeded({
      credential: 'CMA',
      activities: [
        { date: '2026-01-01', points: 5, category: 'clinical', approvedBy: 'aama' },
        { date: '2026-01-02', points: 3, category: 'administrative', approvedBy: ['AMT', 'AAMA'] },
        { date: '2026-01-03', points: 2, category: 'general', approvedBy: 'AMT' },
      ],
      cycleEnd: '2027-06-30',
      today: TODAY,
    });
    expect(r.remaining).toEqual({ total: 50, general: 8, clinical: 5, administrative: 7, approved: 22 });
  });

  it('ignores activities before the cycle start and after its end, boundaries exact', () => {
    // 60 months ending 2027-06-30: the cycle runs 2022-07-01 .. 2027-06-30.
    const r = stillNeeded({
      credential: 'CMA',
      activities: [
        { date: '2022-06-30', points: 1, category: 'general' },
        { date: '2022-07-01', points: 2, category: 'general' },
        { date: '2027-06-30', points: 4, category: 'general' },
        { date: '2027-07-01', points: 8, category: 'general' },
      ],
      cycleEnd: '2027-06-30',
      today: TODAY,
    });
    expect(r.cycle).toEqual({ start: '2022-07-01', end: '2027-06-30', assumed: false });
    expect(r.remaining.general).toBe(4);
    expect(r.ignoredActivities.map((i) => i.index)).toEqual([0, 3]);
  });

  it('without a cycle end counts the 60 months up to today and says so', () => {
    const r = stillNeeded({
      credential: 'CMA',
      activities: [
        { date: '2021-11-24', points: 1, category: 'general' },
        { date: '2021-11-25', points: 2, category: 'general' },
      ],
      today: TODAY,
    });
    expect(r.cycle).toEqual({ start: '2021-11-25', end: TODAY, assumed: true });
    expect(r.remaining.general).toBe(8);
    expect(r.notes[0]).toContain('No cycle end given');
  });

  it('adds a summary and a transcript together (the summary is credit the transcript does not list)', () => {
    const r = stillNeeded({
      credential: 'CMA',
      earned: { total: 30, general: 10, clinical: 10, administrative: 10, approved: 20 },
      activities: [{ date: '2026-05-05', points: 10, category: 'clinical', approvedBy: 'AAMA' }],
      cycleEnd: '2027-01-01',
      today: TODAY,
    });
    expect(r.remaining).toEqual({ total: 20, general: 0, clinical: 0, administrative: 0, approved: 0 });
  });

  it('reports a lapsed credential more than 90 days after the cycle end', () => {
    expect(stillNeeded({ credential: 'CMA', cycleEnd: '2026-08-26', today: TODAY }).lapsed).toBe(false);
    const lapsed = stillNeeded({ credential: 'CMA', cycleEnd: '2026-08-25', today: TODAY });
    expect(lapsed.lapsed).toBe(true);
    expect(lapsed.notes.join(' ')).toContain('regained by exam');
  });

  it('refuses impossible summaries with the offending field named', () => {
    const cases: [object, string][] = [
      [{ total: 10, general: 8, clinical: 8 }, 'earned.total'],
      [{ total: 10, approved: 11 }, 'earned.approved'],
      [{ total: 20, clinical: 4, cprPoints: 8 }, 'earned.cprPoints'],
    ];
    for (const [earned, path] of cases) {
      try {
        stillNeeded({ credential: 'CMA', earned, today: TODAY });
        expect.unreachable(`accepted ${JSON.stringify(earned)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
      }
    }
  });
});

describe('stillNeeded: RMA, NCMA, CCMA', () => {
  it('RMA: 30 CCP points in 3 years, no category minimum, one point per contact hour', () => {
    const r = stillNeeded({
      credential: 'RMA',
      activities: [
        { date: '2025-03-01', hours: 6 },
        { date: '2025-04-01', points: 4, category: 'clinical' },
        { date: '2023-11-30', points: 10 },
      ],
      cycleEnd: '2026-11-30',
      today: TODAY,
    });
    expect(r.remaining).toEqual({ total: 20 });
    expect(r.cycle.start).toBe('2023-12-01');
    expect(r.ignoredActivities).toHaveLength(1);
  });

  it('NCMA: 14 hours a year', () => {
    const r = stillNeeded({ credential: 'NCMA', earned: { total: 9.5 }, today: TODAY });
    expect(r.remaining).toEqual({ total: 4.5 });
    expect(r.unit).toBe('hours');
  });

  it('CCMA: 10 credits in 2 years, 2 hours of CE = 1 credit', () => {
    const r = stillNeeded({
      credential: 'CCMA',
      activities: [
        { date: '2026-01-01', hours: 5 },
        { date: '2026-02-01', hours: 3, points: 9 },
        { date: '2026-03-01', points: 1 },
      ],
      cycleEnd: '2026-12-31',
      today: TODAY,
    });
    // 5 h → 2.5 credits; hours win over points for an hour-measured credential: 3 h → 1.5; 1 credit as given.
    expect(r.remaining).toEqual({ total: 5 });
    expect(r.unit).toBe('credits');
  });

  it('has no CPR cap outside CMA: a CPR card counts as its points', () => {
    const r = stillNeeded({
      credential: 'RMA',
      activities: [{ date: '2026-01-01', points: 8, kind: 'cpr-card' }],
      cycleEnd: '2026-12-31',
      today: TODAY,
    });
    expect(r.remaining).toEqual({ total: 22 });
    expect(r.cprPointsRemaining).toBeUndefined();
  });
});

describe('request validation: impossible input is an error, not a wrong answer', () => {
  const bad: [string, unknown][] = [
    ['negative points', { credential: 'CMA', earned: { total: -1 } }],
    ['unknown credential', { credential: 'CNA' }],
    ['Feb 30', { credential: 'CMA', cycleEnd: '2025-02-30' }],
    ['Feb 29 of a common year', { credential: 'CMA', activities: [{ date: '2025-02-29', points: 1 }] }],
    ['month 13', { credential: 'CMA', cycleEnd: '2025-13-01' }],
    ['an activity without points or hours', { credential: 'CMA', activities: [{ date: '2025-01-01' }] }],
    ['three decimals', { credential: 'CMA', earned: { general: 1.234 } }],
    ['an unknown field', { credential: 'CMA', earned: { generl: 3 } }],
    ['both credential and credentials', { credential: 'CMA', credentials: ['RMA'] }],
    ['neither', {}],
    ['NaN-like string', { credential: 'CMA', earned: { total: '5' } }],
  ];
  it.each(bad)('refuses %s', (_name, body) => {
    expect(recommendationRequestSchema.safeParse(body).success).toBe(false);
  });

  it('accepts a leap day and a transcript', () => {
    const ok = recommendationRequestSchema.safeParse({
      credential: 'CMA',
      cycleEnd: '2028-02-29',
      activities: [{ date: '2024-02-29', points: 1.5, category: 'clinical', approvedBy: 'AAMA' }],
    });
    expect(ok.success).toBe(true);
  });

  it('refuses an unknown credential in stillNeeded too', () => {
    expect(() => stillNeeded({ credential: 'XYZ' as never })).toThrow(ValidationError);
  });
});

describe('addMonths', () => {
  it('clamps to the end of shorter months and handles leap years', () => {
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonths('2027-06-30', -60)).toBe('2022-06-30');
    expect(addMonths('2026-01-15', 13)).toBe('2027-02-15');
  });
});
