import { describe, expect, it } from 'vitest';
import { durationText, memberPriceText, pricePerPointText, priceText } from './course-text.ts';
import { locale } from './i18n.ts';

const en = locale('en');
const es = locale('es');

describe('priceText', () => {
  it('shows a US price in dollars, and zero as free', () => {
    expect(priceText(en, { priceCents: 1995 })).toEqual({ main: '$19.95', known: true });
    expect(priceText(en, { priceCents: 0 })).toEqual({ main: 'Free', known: true });
  });

  it('shows a foreign price in its own currency, marked as such, never as dollars', () => {
    const gbp = priceText(en, { listedPrice: { amount: 395, currency: 'GBP' } });
    expect(gbp).toEqual({ main: '£395.00', note: '(price in GBP)', known: false });
    expect(priceText(en, { listedPrice: { amount: 12_000, currency: 'INR' } }).main).toBe('₹12,000.00');
    const spanish = priceText(es, { listedPrice: { amount: 49.5, currency: 'EUR' } });
    expect(spanish.note).toBe('(precio en EUR)');
    expect(spanish.main).not.toContain('$');
    expect(spanish.main).toMatch(/49[.,]50/);
  });

  it('says "Price not listed" when neither is published', () => {
    expect(priceText(en, {})).toEqual({ main: 'Price not listed', known: false });
    expect(priceText(es, {}).main).toBe('Precio no publicado');
  });
});

describe('memberPriceText', () => {
  it('shows a member price below the price, or as the only US price, and nothing otherwise', () => {
    expect(memberPriceText(en, { priceCents: 6000, memberPriceCents: 3000 })).toBe('$30.00 for members');
    expect(memberPriceText(en, { priceCents: 2500, memberPriceCents: 0 })).toBe('Free for members');
    expect(memberPriceText(en, { memberPriceCents: 1500 })).toBe('$15.00 for members');
    expect(memberPriceText(en, { priceCents: 2500, memberPriceCents: 2500 })).toBeNull();
    expect(memberPriceText(en, { priceCents: 2500 })).toBeNull();
    expect(memberPriceText(en, {})).toBeNull();
  });
});

describe('pricePerPointText', () => {
  it('divides only known values: no price or no points gives no figure', () => {
    const credits = [
      { category: 'general' as const, points: 2 },
      { category: 'clinical' as const, points: 2 },
    ];
    expect(pricePerPointText(en, { priceCents: 1995, credits })).toBe('$4.99 per point');
    expect(pricePerPointText(en, { credits })).toBeNull();
    expect(pricePerPointText(en, { priceCents: 1995, credits: [] })).toBeNull();
  });
});

describe('durationText', () => {
  it('puts an ISO 8601 calendar length in words, apart from contact hours', () => {
    expect(durationText(en, 'P12W')).toBe('runs 12 weeks');
    expect(durationText(en, 'P1Y6M')).toBe('runs 1 year, 6 months');
    expect(durationText(en, 'P1D')).toBe('runs 1 day');
    expect(durationText(en, 'PT1H30M')).toBe('runs 1 hour, 30 minutes');
    expect(durationText(en, 'P1,5W')).toBe('runs 1.5 weeks');
    expect(durationText(es, 'P3M')).toBe('dura 3 meses');
  });

  it('gives nothing for an absent, empty or unreadable length', () => {
    expect(durationText(en, undefined)).toBeNull();
    expect(durationText(en, 'P')).toBeNull();
    expect(durationText(en, 'P0W')).toBeNull();
    expect(durationText(en, '12 weeks')).toBeNull();
  });
});
