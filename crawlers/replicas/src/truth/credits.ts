import type { Category, Credit } from '@ceu/domain';
import type { SeededRandom } from '../random.ts';

/** Points in one or two content areas adding up to `total` (two decimals at most). */
export function splitCredits(
  rng: SeededRandom,
  total: number,
  primary: Category,
  secondChance: number,
): Credit[] {
  const others = (['general', 'clinical', 'administrative'] as const).filter((c) => c !== primary);
  if (total >= 1 && rng.chance(secondChance)) {
    const quarters = Math.round(total * 4);
    const secondQuarters = rng.int(1, Math.max(1, Math.floor(quarters / 2)));
    return [
      { category: primary, points: (quarters - secondQuarters) / 4 },
      { category: rng.pick(others), points: secondQuarters / 4 },
    ];
  }
  return [{ category: primary, points: total }];
}
