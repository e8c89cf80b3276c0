import type { CredentialId } from '../schema/course.ts';
import { CREDENTIAL_IDS } from '../schema/course.ts';
import type { EarnedSummary, RecommendationRequest } from '../schema/recommendation.ts';
import { stillNeeded } from './still-needed.ts';

/**
 * How a recommendation request reads: which credentials it plans for, and for each what `stillNeeded()`
 * says from its summary (one for all, or one per credential), transcript and cycle end. The solver's model
 * and the independent plan checker both start here, so they cannot read one request two ways.
 */
export function requestedCredentials(request: RecommendationRequest): CredentialId[] {
  return request.credentials ?? (request.credential ? [request.credential] : []);
}

/** `stillNeeded()` for one credential of a request. */
export function stillNeededFor(
  request: RecommendationRequest,
  credential: CredentialId,
  today: string | undefined,
): ReturnType<typeof stillNeeded> {
  const earned = request.earned
    ? isPerCredential(request.earned)
      ? request.earned[credential]
      : request.earned
    : undefined;
  const cycleEnd = typeof request.cycleEnd === 'string' ? request.cycleEnd : request.cycleEnd?.[credential];
  return stillNeeded({
    credential,
    ...(earned ? { earned } : {}),
    ...(request.activities ? { activities: request.activities } : {}),
    ...(cycleEnd ? { cycleEnd } : {}),
    ...(today ? { today } : {}),
  });
}

/** `earned` given per credential (`{ CMA: {...}, RMA: {...} }`) rather than one summary for all. */
function isPerCredential(
  earned: NonNullable<RecommendationRequest['earned']>,
): earned is Partial<Record<CredentialId, EarnedSummary>> {
  return Object.keys(earned).some((k) => (CREDENTIAL_IDS as readonly string[]).includes(k));
}
