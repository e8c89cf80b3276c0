import { describe, expect, it } from 'vitest';
import { currencyCode, parseMoney } from './parse-price.ts';

describe('parseMoney', () => {
  it.each([
    [[29.95, 'USD'], { amount: 29.95, currency: 'USD' }],
    [['29.95', ' usd '], { amount: 29.95, currency: 'USD' }],
    [['$1,299.00'], { amount: 1299, currency: 'USD' }],
    [['US$ 15'], { amount: 15, currency: 'USD' }],
    [['15 USD', 'USD'], { amount: 15, currency: 'USD' }],
    [['€20'], { amount: 20, currency: 'EUR' }],
    [['£395.00'], { amount: 395, currency: 'GBP' }],
    [['R$ 2500.00'], { amount: 2500, currency: 'BRL' }],
    [['C$40'], { amount: 40, currency: 'CAD' }],
    [['12000', 'INR'], { amount: 12000, currency: 'INR' }],
    [[230719.4, 'INR'], { amount: 230719.4, currency: 'INR' }],
    [['99.00', 'US Dollars'], { amount: 99, currency: 'USD' }],
    [['$ 500', 'MXN'], { amount: 500, currency: 'MXN' }],
    [['¥5,000', 'JPY'], { amount: 5000, currency: 'JPY' }],
    [['1200 kr', 'SEK'], { amount: 1200, currency: 'SEK' }],
    [['Free'], { amount: 0 }],
    [['0'], { amount: 0 }],
    [['1299'], { amount: 1299 }],
  ])('%j → %j', ([value, currency], money) => {
    expect(parseMoney(value, currency)).toEqual(money);
  });

  it.each([
    [['[Precio]', 'UYU']],
    [['€12', 'USD']],
    [['US$12', 'CAD']],
    [['12-20']],
    [['1.234']],
    [['1,29']],
    [['XX$ 5']],
    [['¥1000']],
    [[-5]],
    [[Number.NaN]],
    [[null]],
    [[{}]],
    [['on request']],
  ])('%j is no price', ([value, currency]) => {
    expect(parseMoney(value, currency)).toBeUndefined();
  });
});

describe('currencyCode', () => {
  it('knows ISO 4217 codes in any case and symbols of one currency only', () => {
    expect(currencyCode('eur')).toBe('EUR');
    expect(currencyCode('$')).toBe('USD');
    expect(currencyCode('us$')).toBe('USD');
    expect(currencyCode('₹')).toBe('INR');
    expect(currencyCode('ABC')).toBeUndefined();
    expect(currencyCode('¥')).toBeUndefined();
    expect(currencyCode('Rs.')).toBeUndefined();
    expect(currencyCode(undefined)).toBeUndefined();
  });
});
