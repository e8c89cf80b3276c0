import type { z } from 'zod';
import type { bundleSchema, courseSchema } from '@ceu/domain';

/** Records as accepted before validation: what adapters produce and normalisation checks. */
export type CourseInput = z.input<typeof courseSchema>;
export type BundleInput = z.input<typeof bundleSchema>;
