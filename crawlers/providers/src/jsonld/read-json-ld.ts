import type { NodeGraph, StructuredNode } from './node-graph.ts';
import { schemaLocalName } from './schema-terms.ts';

type JsonObject = Record<string, unknown>;

/** Deeper nesting than this is not data anyone publishes; hostile pages stop here. */
const MAX_DEPTH = 64;

interface Task {
  object: JsonObject;
  /** The node that refers to this one, and how (`@reverse` properties point the other way). */
  from?: { node: StructuredNode; property: string; reverse: boolean };
  prefixes: ReadonlyMap<string, string>;
  depth: number;
}

/**
 * Adds one parsed JSON-LD block to the page's graph. Reads JSON-LD as pages write it rather than through a
 * full JSON-LD processor (which would fetch remote contexts and refuse most real blocks): top-level arrays,
 * `@graph`, nested nodes at any depth under any property, `@id` references (resolved against the page, one
 * node per IRI across blocks), `@reverse`, value objects, `@list`/`@set`, and context prefixes that map to
 * schema.org. Nodes are created in document order (depth first), iteratively and bounded, so nesting depth
 * or reference cycles cannot exhaust the stack.
 */
export function readJsonLdBlock(value: unknown, graph: NodeGraph, block: number, baseUrl: string): void {
  const where = `JSON-LD block ${block}`;
  const scope = `json-ld ${block}`;

  const nodeFor = (object: JsonObject): StructuredNode | undefined => {
    const id = object['@id'];
    if (typeof id !== 'string' || id.trim() === '') return graph.fresh('json-ld', where);
    const text = id.trim();
    if (text.startsWith('_:')) return graph.blank(scope, text, 'json-ld', where);
    const iri = resolve(text, baseUrl);
    return iri === undefined
      ? graph.blank(scope, text, 'json-ld', where)
      : graph.byIri(iri, 'json-ld', where);
  };

  const tasks: Task[] = [];
  /** Queues objects so that the first is read next (a stack read in document order). */
  const queue = (children: Task[]) => {
    for (let i = children.length - 1; i >= 0; i--) tasks.push(children[i]!);
  };
  const childTasks = (
    raw: unknown,
    prefixes: ReadonlyMap<string, string>,
    depth: number,
    from?: Task['from'],
  ): Task[] => {
    if (depth > MAX_DEPTH) {
      graph.truncated = true;
      return [];
    }
    return flatten(raw)
      .filter(isObject)
      .filter((object) => !('@value' in object))
      .map((object) => ({ object, from, prefixes: withContext(prefixes, object['@context']), depth }));
  };

  queue(childTasks(value, new Map(), 0));
  while (tasks.length > 0) {
    const { object, from, prefixes, depth } = tasks.pop()!;
    const children: Task[] = [];
    const container = Object.keys(object).every((k) => k === '@context' || k === '@graph');
    const node = container ? undefined : nodeFor(object);
    if (node && from) {
      if (from.reverse) graph.addValue(node, from.property, from.node);
      else graph.addValue(from.node, from.property, node);
    }
    for (const [key, raw] of Object.entries(object)) {
      if (key === '@graph') {
        // A graph's members are nodes of the page, not values of the node that holds them.
        children.push(...childTasks(raw, prefixes, depth + 1));
        continue;
      }
      if (node === undefined) continue;
      if (key === '@type') {
        for (const type of flatten(raw)) {
          const local = typeof type === 'string' ? schemaLocalName(type, prefixes) : undefined;
          if (local !== undefined) graph.addType(node, local);
        }
        continue;
      }
      if (key === '@reverse' && isObject(raw)) {
        for (const [reverseKey, reverseValue] of Object.entries(raw)) {
          const property = schemaLocalName(reverseKey, prefixes);
          if (property === undefined) continue;
          children.push(...childTasks(reverseValue, prefixes, depth + 1, { node, property, reverse: true }));
        }
        continue;
      }
      if (key.startsWith('@')) continue;
      const property = schemaLocalName(key, prefixes);
      if (property === undefined) continue;
      for (const entry of flatten(raw)) {
        const literal = isObject(entry) && '@value' in entry ? entry['@value'] : entry;
        if (typeof literal === 'string' || typeof literal === 'number' || typeof literal === 'boolean')
          graph.addValue(node, property, literal);
      }
      children.push(...childTasks(raw, prefixes, depth + 1, { node, property, reverse: false }));
    }
    queue(children);
  }
}

/** Arrays (nested too) and `@list` / `@set` objects as their members, bounded. */
function flatten(value: unknown): unknown[] {
  const out: unknown[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0 && out.length < 100_000) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    } else if (isObject(item) && ('@list' in item || '@set' in item)) {
      stack.push(item['@list'] ?? item['@set']);
    } else if (item !== null && item !== undefined) {
      out.push(item);
    }
  }
  return out;
}

/** Prefixes a block's `@context` defines (`{"s": "https://schema.org/"}`); remote contexts are never fetched. */
function withContext(prefixes: ReadonlyMap<string, string>, context: unknown): ReadonlyMap<string, string> {
  const objects = flatten(context).filter(isObject);
  if (objects.length === 0) return prefixes;
  const next = new Map(prefixes);
  for (const object of objects) {
    for (const [key, value] of Object.entries(object)) {
      const iri = typeof value === 'string' ? value : isObject(value) ? value['@id'] : undefined;
      if (typeof iri === 'string' && !key.startsWith('@')) next.set(key.toLowerCase(), iri);
    }
  }
  return next;
}

function resolve(iri: string, base: string): string | undefined {
  try {
    return new URL(iri, base).href;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
