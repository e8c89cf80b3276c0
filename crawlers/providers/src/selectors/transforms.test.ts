import { describe, expect, it } from 'vitest';
import { readCeus, readDuration, readLabel, readMoney, readNumber, readTerm } from './transforms.ts';

const value = <T>(reading: { ok: true; value: T } | { ok: false; reason: string }) =>
  reading.ok ? reading.value : `✗ ${reading.reason}`;

describe('selector transforms', () => {
  it('number: the first number, thousands separators dropped', () => {
    expect(value(readNumber('Only 1,299.50 left'))).toBe(1299.5);
    expect(value(readNumber('2.5'))).toBe(2.5);
    expect(value(readNumber('none'))).toMatch(/^✗ no number/);
  });

  it('money: US dollars to cents, another currency as published, Free, and no guessing', () => {
    expect(value(readMoney('Price: $29.95'))).toEqual({ priceCents: 2995 });
    expect(value(readMoney('$1,050'))).toEqual({ priceCents: 105_000 });
    expect(value(readMoney('Price 15 USD'))).toEqual({ priceCents: 1500 });
    expect(value(readMoney('Price: Free'))).toEqual({ priceCents: 0 });
    expect(value(readMoney('£19.00'))).toEqual({ listedPrice: { amount: 19, currency: 'GBP' } });
    expect(value(readMoney('EUR 20'))).toEqual({ listedPrice: { amount: 20, currency: 'EUR' } });
    // An amount without a currency is a price only when the configuration names the currency.
    expect(value(readMoney('29.95'))).toMatch(/^✗ no currency/);
    expect(value(readMoney('29.95', 'USD'))).toEqual({ priceCents: 2995 });
    // A symbol several currencies share, other than $, is no price.
    expect(value(readMoney('¥500'))).toMatch(/^✗/);
    expect(value(readMoney('Call us'))).toMatch(/^✗ no price/);
  });

  it('duration: contact hours from ISO or words, never from days or weeks', () => {
    expect(value(readDuration('2.5 contact hours'))).toEqual({ hours: 2.5 });
    expect(value(readDuration('Contact hours: 3'))).toEqual({ hours: 3 });
    expect(value(readDuration('90 minutes'))).toEqual({ hours: 1.5 });
    expect(value(readDuration('1 hr 30 min'))).toEqual({ hours: 1.5 });
    expect(value(readDuration('PT1H30M'))).toEqual({ hours: 1.5 });
    expect(value(readDuration('Length: PT45M'))).toEqual({ hours: 0.75 });
    expect(value(readDuration('P6W'))).toEqual({ duration: 'P6W' });
    expect(value(readDuration('6 weeks'))).toMatch(/calendar, not contact hours/);
    expect(value(readDuration('3 days'))).toMatch(/calendar/);
    expect(value(readDuration('self-paced'))).toMatch(/^✗ no hours/);
  });

  it('ceus: points from "1.5 CEUs" and its variants', () => {
    expect(value(readCeus('1.5 CEUs'))).toBe(1.5);
    expect(value(readCeus('Earn 2.0 clinical CEUs today'))).toBe(2);
    expect(value(readCeus('CE credits: 3'))).toBe(3);
    expect(value(readCeus('2.5 contact hours, 1 CEU'))).toBe(1);
    expect(value(readCeus('2.5 contact hours'))).toMatch(/^✗ no CEUs/);
  });

  it('label map: any case, trimmed; a label not in the map is no value', () => {
    const map = { map: { 'Self-paced': 'self-study', Webinar: 'live-webinar' } };
    expect(value(readLabel('  self-PACED ', map))).toBe('self-study');
    expect(value(readLabel('Workshop', map))).toMatch(/not in the map/);
  });

  it('term: a bundle price line in months, never guessed', () => {
    expect(value(readTerm('$29.95 / year'))).toBe(12);
    expect(value(readTerm('$99 per annum'))).toBe(12);
    expect(value(readTerm('Annual plan'))).toBe(12);
    expect(value(readTerm('$49.00 / 6 months'))).toBe(6);
    expect(value(readTerm('2-year access'))).toBe(24);
    expect(value(readTerm('$9.99 monthly'))).toBe(1);
    expect(value(readTerm('$29.95'))).toMatch(/^✗ no term/);
    expect(value(readTerm('Must be completed within six months of purchase.'))).toBe(6);
    expect(value(readTerm('Access for one year'))).toBe(12);
    expect(value(readTerm('someone months'))).toMatch(/^✗/);
  });
});
