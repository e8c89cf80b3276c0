import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.ts';

describe('parseDuration', () => {
  it.each([
    ['PT6H', 6],
    ['PT90M', 1.5],
    ['PT1H30M', 1.5],
    ['PT45M', 0.75],
    ['P0DT0H45M', 0.75],
    ['PT1.5H', 1.5],
    ['PT2,5H', 2.5],
    ['PT20M', 0.33],
    ['PT3600S', 1],
    ['pt2h', 2],
    [' PT13H ', 13],
    ['6 hours', 6],
    ['1.5 hrs', 1.5],
    ['90 minutes', 1.5],
    ['2 h 30 min', 2.5],
    ['4 Hrs.', 4],
  ])('%j is %d contact hours', (value, hours) => {
    expect(parseDuration(value)).toEqual({ kind: 'hours', hours });
  });

  it.each([
    ['P2D', 'P2D'],
    ['P12W', 'P12W'],
    ['P3M', 'P3M'],
    ['P9M', 'P9M'],
    ['P1Y', 'P1Y'],
    ['P1DT2H', 'P1DT2H'],
    ['p1w', 'P1W'],
  ])('%j is a calendar length, never hours', (value, iso) => {
    expect(parseDuration(value)).toEqual({ kind: 'calendar', iso });
  });

  it.each([
    ['PT12W'],
    ['PT6H/week'],
    ['P1200H'],
    ['P5M3H'],
    ['PT'],
    ['P'],
    ['PT0H'],
    ['PT10S'],
    ['about an hour'],
    ['6 months'],
    ['2-3 hours'],
    ['2024-01-01/2024-02-01'],
    [''],
  ])('%j says nothing usable', (value) => {
    expect(parseDuration(value)).toEqual({ kind: 'none' });
  });
});
