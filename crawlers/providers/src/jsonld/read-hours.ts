import { courseDurationSchema } from '@ceu/domain';
import type { StructuredNode } from './node-graph.ts';
import { firstText } from './node-text.ts';
import { parseDuration, type DurationReading } from './parse-duration.ts';

/** The catalog holds at most 1000 contact hours; a larger figure (a degree's total) would reject the whole course. */
const MAX_HOURS = 1000;

export interface HoursReading {
  /** Contact hours. */
  hours?: number;
  /** The course's own calendar length (`P12W`), ISO 8601. */
  duration?: string;
}

/**
 * Contact hours from the course's own `timeRequired` (or a `courseWorkload` published on the course), else
 * from its instances' `courseWorkload` (or `timeRequired`) when every instance that states hours states the
 * same; instances that disagree leave hours unknown, since which one a person takes is open. A session's
 * length (`courseSchedule.duration`) and syllabus sections are never read. A calendar length is kept as
 * `duration` only when it is the course's own. More hours than the catalog holds are left unknown, so the
 * course stays searchable.
 */
export function readHours(course: StructuredNode, instances: StructuredNode[]): HoursReading {
  const own = readings(course, ['timeRequired', 'courseWorkload']);
  const reading: HoursReading = {};
  const ownHours = own.find((r) => r.kind === 'hours');
  if (ownHours) reading.hours = ownHours.hours;
  else {
    const stated = new Set<number>();
    for (const instance of instances) {
      const hours = readings(instance, ['courseWorkload', 'timeRequired']).find((r) => r.kind === 'hours');
      if (hours) stated.add(hours.hours);
    }
    if (stated.size === 1) reading.hours = [...stated][0]!;
  }
  const calendar = own.find((r) => r.kind === 'calendar');
  if (calendar && courseDurationSchema.safeParse(calendar.iso).success) reading.duration = calendar.iso;
  return reading;
}

function readings(node: StructuredNode, properties: string[]) {
  return properties
    .flatMap((property) => node.values(property).map((value) => firstText([value])))
    .filter((text): text is string => text !== undefined)
    .map(parseDuration)
    .filter((r): r is Exclude<DurationReading, { kind: 'none' }> => r.kind !== 'none')
    .filter((r) => r.kind !== 'hours' || r.hours <= MAX_HOURS);
}
