import type { CredentialId, RecommendationRequest, RequirementId } from '@ceu/domain';
import { CREDENTIAL_RULES, requestedCredentials, stillNeededFor } from '@ceu/domain';
import { toHundredths } from './course-index.ts';

/** One requirement of one requested credential, as the solver sees it. */
export interface RequirementDim {
  /** `total`, … for one credential; `CMA.total`, … when several are planned. */
  id: string;
  credential: CredentialId;
  requirement: RequirementId;
  label: string;
  /** Position of the requirement in its credential's rule (and in a class's value vector). */
  ruleIndex: number;
  /** Still needed, hundredths. */
  needH: number;
  /** CPR-card points count toward this requirement at most this much (hundredths); Infinity when uncapped. */
  cprCapH: number;
}

export interface RequirementModel {
  credentials: CredentialId[];
  dims: RequirementDim[];
  /** Requirement id → points still needed, as the answer reports it. */
  remaining: Record<string, number>;
  notes: string[];
}

/**
 * What each requested credential still needs, from `stillNeeded()` (summary and/or transcript), turned
 * into requirement dimensions in hundredths. CPR cards are capped at what `cprPointsRemaining` leaves.
 */
export function buildRequirements(
  request: RecommendationRequest,
  today: string | undefined,
): RequirementModel {
  const credentials = requestedCredentials(request);
  const several = credentials.length > 1;
  const dims: RequirementDim[] = [];
  const remaining: Record<string, number> = {};
  const notes: string[] = [];
  for (const credential of credentials) {
    const needed = stillNeededFor(request, credential, today);
    const rule = CREDENTIAL_RULES[credential];
    const capH =
      rule.cprCards && needed.cprPointsRemaining !== undefined
        ? toHundredths(needed.cprPointsRemaining)
        : Infinity;
    for (const note of needed.notes) notes.push(several ? `${credential}: ${note}` : note);
    rule.requirements.forEach((r, ruleIndex) => {
      const status = needed.requirements.find((s) => s.id === r.id);
      const id = several ? `${credential}.${r.id}` : r.id;
      const needH = toHundredths(status?.remaining ?? r.min);
      remaining[id] = needH / 100;
      dims.push({
        id,
        credential,
        requirement: r.id,
        label: several ? `${credential} ${r.label}` : r.label,
        ruleIndex,
        needH,
        cprCapH: capH,
      });
    });
  }
  return { credentials, dims, remaining, notes };
}
