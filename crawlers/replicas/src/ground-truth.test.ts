import { catalogSchema, serializeCatalog } from '@ceu/domain';
import { describe, expect, it } from 'vitest';
import { groundTruth, sampleCatalog } from './ground-truth.ts';
import { PUBLIC_BASE_URLS } from './site-paths.ts';

const BASE = 'http://127.0.0.1:4100';

describe('ground truth', () => {
  const truth = groundTruth({ baseUrl: BASE });
  const of = (provider: string) => truth.courses.filter((c) => c.provider === provider);

  it('is a valid catalog, the same for the same seed and different for another', () => {
    expect(() => catalogSchema.parse(truth)).not.toThrow();
    expect(serializeCatalog(groundTruth({ baseUrl: BASE }))).toBe(serializeCatalog(truth));
    expect(serializeCatalog(groundTruth({ baseUrl: BASE, seed: 7 }))).not.toBe(serializeCatalog(truth));
    expect(() => groundTruth({ baseUrl: BASE, seed: 1.5 })).toThrow(/seed/);
  });

  it('has sizes like the real sites', () => {
    expect(of('ace').length).toBe(120);
    expect(of('aama').length).toBeGreaterThanOrEqual(140);
    expect(of('aama').length).toBeLessThanOrEqual(160);
    expect(of('relias').length).toBeGreaterThanOrEqual(200);
    expect(of('relias').length).toBeLessThanOrEqual(400);
    expect(truth.providers?.map((p) => p.id)).toEqual(['aama', 'ace', 'relias']);
  });

  it('contains the example titles of the domain brief', () => {
    const titles = new Set(truth.courses.map((c) => c.title));
    for (const title of [
      'The Role of Medical Assistants in Neurology',
      'The Role of Medical Assistants in Gastroenterology',
      'The Role of Medical Assistants in Cardiology',
      'The Role of Medical Assistants in Radiography',
      'The Role of Medical Assistants in Emergency and First Aid Situations',
      'Medical Assistants in Front Offices',
      'Medical Assistants in Clinics',
      'Electronic Health Record Technology',
      'Fundamentals of Pharmacology',
      'Medical Ethics for the Medical Assistant',
      'Basic Medical Terminology',
      'Phlebotomy Basics',
      'Patient Care',
      'Quality Improvement',
      "The Medical Assistant's Role in Team-Based Care Delivery",
      'Resident Rights Essentials',
    ]) {
      expect(titles, title).toContain(title);
    }
  });

  it('writes text that survives an HTML round trip: trimmed, single-spaced, no markup', () => {
    for (const c of truth.courses) {
      for (const text of [c.title, c.description ?? '', c.location ?? '']) {
        expect(text).toBe(text.replace(/\s+/g, ' ').trim());
        expect(text).not.toMatch(/[<>]/);
      }
      expect(c.url.startsWith(`${BASE}/${c.provider}/`)).toBe(true);
      // Accredited courses carry one point per contact hour; non-accredited ones carry none.
      if (c.credits.length > 0) expect(c.credits.reduce((s, x) => s + x.points, 0)).toBeCloseTo(c.hours, 6);
    }
  });

  it('follows each provider’s facts', () => {
    for (const c of of('ace')) {
      expect(c.approvedBy).toEqual(['AAMA']);
      expect(c.bundleIds).toEqual(['ace:membership']);
      expect(c.acceptedFor).toEqual(['CMA', 'RMA', 'CCMA']);
    }
    expect(truth.bundles.find((b) => b.id === 'ace:membership')).toMatchObject({
      priceCents: 2995,
      months: 12,
    });
    expect(truth.bundles.find((b) => b.id === 'relias:all-access')).toMatchObject({ priceCents: 24900 });
    const relias = of('relias');
    expect(relias.every((c) => c.priceCents >= 1500 && c.priceCents <= 6000)).toBe(true);
    expect(relias.some((c) => c.approvedBy.length === 0)).toBe(true);
    expect(relias.some((c) => c.approvedBy.length > 0)).toBe(true);
    expect(relias.some((c) => c.kind === 'cpr-card')).toBe(true);
    const aama = of('aama');
    expect(aama.every((c) => c.approvedBy.includes('AAMA') && c.memberPriceCents !== undefined)).toBe(true);
    for (const c of aama.filter((x) => x.format === 'self-study')) {
      expect(c.completeWithinMonths).toBe(6);
      expect(c.memberPriceCents! * 2).toBe(c.priceCents);
    }
    const conference = aama.find((c) => c.format === 'conference');
    expect(conference?.date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(conference?.location).toBeTruthy();
    expect(aama.filter((c) => c.format === 'article-quiz').length).toBeGreaterThan(50);
    expect(truth.courses.some((c) => c.credits.length === 2)).toBe(true);
    expect(truth.courses.some((c) => c.credits.some((x) => !Number.isInteger(x.points)))).toBe(true);
  });

  it('gives the sample catalog the providers’ public URLs', () => {
    const sample = sampleCatalog();
    expect(sample.courses.length).toBe(truth.courses.length);
    for (const c of sample.courses) {
      expect(c.url.startsWith(PUBLIC_BASE_URLS[c.provider as keyof typeof PUBLIC_BASE_URLS])).toBe(true);
    }
    expect(serializeCatalog(sampleCatalog())).toBe(serializeCatalog(sample));
  });
});
