import { describe, expect, it } from 'vitest';
import { parseDate, parseTranscript } from './transcript.ts';

describe('parseTranscript', () => {
  it('reads the documented line format', () => {
    const { activities, problems } = parseTranscript('2025-03-01, 2 clinical AAMA, Phlebotomy Basics');
    expect(problems).toEqual([]);
    expect(activities).toEqual([
      { date: '2025-03-01', points: 2, category: 'clinical', approvedBy: 'AAMA', title: 'Phlebotomy Basics' },
    ]);
  });

  it('accepts tabs, US dates, hours, several bodies, commas in titles and blank lines', () => {
    const text =
      '\n3/15/2025\t1.5 hours admin\tCoding, Billing and You\n2025-04-02; 4 clinical cpr; CPR card\n2025-05-01, 2 general AAMA AMT, Ethics';
    const { activities, problems } = parseTranscript(text);
    expect(problems).toEqual([]);
    expect(activities).toEqual([
      { date: '2025-03-15', hours: 1.5, category: 'administrative', title: 'Coding, Billing and You' },
      { date: '2025-04-02', points: 4, category: 'clinical', kind: 'cpr-card', title: 'CPR card' },
      { date: '2025-05-01', points: 2, category: 'general', approvedBy: ['AAMA', 'AMT'], title: 'Ethics' },
    ]);
  });

  it('reports the lines it cannot read instead of guessing', () => {
    const { activities, problems } = parseTranscript(
      'yesterday, 2 clinical\n2025-02-30, 1 general\n2025-03-01, two clinical\n2025-03-01, -1 general\n2025-03-02, 1',
    );
    expect(problems).toEqual([
      { line: 1, reason: 'date' },
      { line: 2, reason: 'date' },
      { line: 3, reason: 'points' },
      { line: 4, reason: 'points' },
    ]);
    expect(activities).toEqual([{ date: '2025-03-02', points: 1 }]);
  });

  it('parses only real calendar days', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2025-02-29')).toBeNull();
    expect(parseDate('12/31/2025')).toBe('2025-12-31');
    expect(parseDate('31/12/2025')).toBeNull();
  });
});
