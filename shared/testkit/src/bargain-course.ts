import type { Bundle, Course } from '@ceu/domain';

/**
 * A catalog changed so that a recommendation must change: the courses of a plan leave it, and one CMA
 * course that covers every category for $1 arrives (a copy of a clinicalearn course, so it is eligible
 * wherever that one is). Tests of catalog versions ask whether an answer came from before or after.
 */
export function withBargainCourse(
  catalog: { courses: readonly Course[]; bundles: readonly Bundle[] },
  plannedIds: ReadonlySet<string>,
): { courses: Course[]; bundles: Bundle[]; bargain: Course } {
  const bargain: Course = {
    ...catalog.courses.find((c) => c.provider === 'clinicalearn' && c.acceptedFor.includes('CMA'))!,
    id: 'clinicalearn:bargain',
    title: 'Everything Medical Assistants Need',
    priceCents: 100,
    hours: 30,
    credits: [
      { category: 'general', points: 10 },
      { category: 'clinical', points: 10 },
      { category: 'administrative', points: 10 },
    ],
    approvedBy: ['AAMA'],
    bundleIds: [],
  };
  return {
    courses: [...catalog.courses.filter((c) => !plannedIds.has(c.id)), bargain],
    bundles: [...catalog.bundles],
    bargain,
  };
}
