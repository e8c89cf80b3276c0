import { z } from 'zod';
import { bundleSchema, type Bundle } from './bundle.ts';
import { courseSchema, type Course } from './course.ts';
import { providerSchema, type Provider } from './provider.ts';

/**
 * The catalog file of snapshots, `ceu import`, `ceu export` and `--catalog`.
 * `providers` is optional: a catalog without it names providers by id only.
 */
export const catalogSchema = z
  .object({
    courses: z.array(courseSchema).max(500_000),
    bundles: z.array(bundleSchema).max(10_000).default([]),
    providers: z.array(providerSchema).max(1_000).optional(),
  })
  .superRefine((catalog, ctx) => {
    const bundleIds = new Set<string>();
    for (const [i, bundle] of catalog.bundles.entries()) {
      if (bundleIds.has(bundle.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['bundles', i, 'id'],
          message: `duplicate bundle id "${bundle.id}"`,
        });
      }
      bundleIds.add(bundle.id);
    }
    const courseIds = new Set<string>();
    for (const [i, course] of catalog.courses.entries()) {
      if (courseIds.has(course.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['courses', i, 'id'],
          message: `duplicate course id "${course.id}"`,
        });
      }
      courseIds.add(course.id);
      for (const [j, bundleId] of course.bundleIds.entries()) {
        if (!bundleIds.has(bundleId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['courses', i, 'bundleIds', j],
            message: `unknown bundle "${bundleId}" (not in this file's bundles)`,
          });
        }
      }
    }
    const providerIds = new Set<string>();
    for (const [i, provider] of (catalog.providers ?? []).entries()) {
      if (providerIds.has(provider.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['providers', i, 'id'],
          message: `duplicate provider "${provider.id}"`,
        });
      }
      providerIds.add(provider.id);
    }
  });

export interface Catalog {
  courses: Course[];
  bundles: Bundle[];
  providers?: Provider[];
}
