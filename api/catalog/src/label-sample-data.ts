import type { PlanStep, Recommendation } from '@ceu/domain';

export type LabelledRecommendation = Omit<Recommendation, 'plan'> & {
  plan: Omit<Recommendation['plan'], 'steps'> & { steps: (PlanStep & { sampleData?: true })[] };
  /** True when any step comes from the bundled sample catalog rather than crawled data. */
  sampleData: boolean;
};

/**
 * Marks the plan steps that come from sample data, so a person never takes a sample course for a real one.
 * The API and `ceu recommend` answer with the same labels.
 */
export function labelSampleData(
  answer: Recommendation,
  sampleProviders: ReadonlySet<string>,
): LabelledRecommendation {
  const steps = answer.plan.steps.map((step) =>
    sampleProviders.has(step.provider) ? { ...step, sampleData: true as const } : step,
  );
  return {
    ...answer,
    plan: { ...answer.plan, steps },
    sampleData: steps.some((step) => 'sampleData' in step),
  };
}
