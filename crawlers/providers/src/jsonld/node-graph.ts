import { typeKey } from './schema-terms.ts';

/** Where a node was published. */
export type Syntax = 'json-ld' | 'microdata' | 'rdfa';

/** A property value: text or a number as published, a boolean, or another node (also a bare IRI reference). */
export type NodeValue = string | number | boolean | StructuredNode;

/**
 * One schema.org node of a page, whichever syntax published it: its types (schema.org local names), its
 * properties (schema.org local names, lower-cased, each with its values in document order), its IRI when it
 * has one, and its position (the order in which the page first mentions it).
 */
export class StructuredNode {
  readonly types: string[] = [];
  readonly properties = new Map<string, NodeValue[]>();

  constructor(
    /** 0-based order of first mention on the page. */
    readonly position: number,
    readonly syntax: Syntax,
    /** For logs: the JSON-LD block or syntax it came from. */
    readonly where: string,
    /** Absolute IRI (`@id`, `itemid`, RDFa `resource`/`about`); undefined for a blank node. */
    readonly iri?: string,
  ) {}

  /** Values of a schema.org property (any case). */
  values(property: string): NodeValue[] {
    return this.properties.get(property.toLowerCase()) ?? [];
  }

  /** Values of a property that are nodes. */
  nodes(property: string): StructuredNode[] {
    return this.values(property).filter((v): v is StructuredNode => v instanceof StructuredNode);
  }

  hasType(keys: ReadonlySet<string>): boolean {
    return this.types.some((t) => keys.has(typeKey(t)));
  }

  /** True for a bare reference (an IRI with nothing said about it on this page). */
  get isReference(): boolean {
    return this.types.length === 0 && this.properties.size === 0;
  }
}

/** Bounds for hostile pages: huge graphs stop growing here (and the page reports it). */
export interface GraphLimits {
  maxNodes: number;
  maxValues: number;
}

export const DEFAULT_GRAPH_LIMITS: GraphLimits = { maxNodes: 10_000, maxValues: 200_000 };

/**
 * All structured data of one page as one graph. Nodes with the same IRI are one node, whichever block or
 * syntax mentions them (a reference and its definition, an `@id` repeated); blank nodes are one node within
 * their scope (a JSON-LD block, one RDFa or microdata parse).
 */
export class NodeGraph {
  readonly nodes: StructuredNode[] = [];
  /** Set when a limit stopped the graph from growing. */
  truncated = false;
  private readonly named = new Map<string, StructuredNode>();
  private readonly blanks = new Map<string, StructuredNode>();
  private valueCount = 0;
  private reverse: Map<StructuredNode, { node: StructuredNode; property: string }[]> | undefined;

  constructor(readonly limits: GraphLimits = DEFAULT_GRAPH_LIMITS) {}

  /** The node with this IRI, created on first mention; undefined once the node limit is reached. */
  byIri(iri: string, syntax: Syntax, where: string): StructuredNode | undefined {
    return this.named.get(iri) ?? this.remember(this.named, iri, () => this.create(syntax, where, iri));
  }

  /** The blank node with this label in this scope (`json-ld 2`, `rdfa`), created on first mention. */
  blank(scope: string, label: string, syntax: Syntax, where: string): StructuredNode | undefined {
    const key = `${scope}\u0000${label}`;
    return this.blanks.get(key) ?? this.remember(this.blanks, key, () => this.create(syntax, where));
  }

  /** A new blank node that nothing else can name (a JSON-LD object without `@id`). */
  fresh(syntax: Syntax, where: string): StructuredNode | undefined {
    return this.create(syntax, where);
  }

  addType(node: StructuredNode, type: string): void {
    if (!node.types.some((t) => typeKey(t) === typeKey(type))) node.types.push(type);
  }

  addValue(node: StructuredNode, property: string, value: NodeValue): void {
    if (this.valueCount >= this.limits.maxValues) {
      this.truncated = true;
      return;
    }
    this.valueCount++;
    this.reverse = undefined;
    const key = property.toLowerCase();
    const list = node.properties.get(key);
    if (list) list.push(value);
    else node.properties.set(key, [value]);
  }

  /** Nodes that point at `node`, with the property they use (an Offer's `itemOffered`, an Event's `about`). */
  referrers(node: StructuredNode): readonly { node: StructuredNode; property: string }[] {
    if (!this.reverse) {
      this.reverse = new Map();
      for (const from of this.nodes) {
        for (const [property, values] of from.properties) {
          for (const value of values) {
            if (!(value instanceof StructuredNode) || value === from) continue;
            const list = this.reverse.get(value);
            if (list) list.push({ node: from, property });
            else this.reverse.set(value, [{ node: from, property }]);
          }
        }
      }
    }
    return this.reverse.get(node) ?? [];
  }

  private create(syntax: Syntax, where: string, iri?: string): StructuredNode | undefined {
    if (this.nodes.length >= this.limits.maxNodes) {
      this.truncated = true;
      return undefined;
    }
    const node = new StructuredNode(this.nodes.length, syntax, where, iri);
    this.nodes.push(node);
    return node;
  }

  private remember(
    map: Map<string, StructuredNode>,
    key: string,
    make: () => StructuredNode | undefined,
  ): StructuredNode | undefined {
    const node = make();
    if (node) map.set(key, node);
    return node;
  }
}
