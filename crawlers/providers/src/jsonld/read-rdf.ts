import { MicrodataRdfParser } from 'microdata-rdf-streaming-parser';
import { RdfaParser } from 'rdfa-streaming-parser';
import type { NodeGraph, StructuredNode, Syntax } from './node-graph.ts';
import { schemaLocalName } from './schema-terms.ts';

/** The parts of an RDF/JS quad read here. */
interface Term {
  termType: string;
  value: string;
}
interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
}

/** The stream side of both parsers (their typings name readable-stream's Transform, whose types are not installed). */
interface QuadStream {
  on(event: 'data', listener: (quad: Quad) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  write(chunk: string): unknown;
  end(): unknown;
}

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** Quads beyond this are not read (the graph's own limits usually stop a hostile page first). */
const MAX_QUADS = 200_000;

/**
 * Adds a page's microdata or RDFa to its graph, through parsers that implement the W3C specifications and
 * pass their test suites (rubensworks' `microdata-rdf-streaming-parser` and `rdfa-streaming-parser`):
 * itemref, itemid, nested items and the value rules (`a`/`link` → resolved `href`, `meta` → `content`,
 * `time` → `datetime`, …) for microdata; `vocab`, `prefix` (and the initial context's `schema:`), `typeof`,
 * `property`, `rel`, `resource`/`about`, `content`, `<base>` for RDFa 1.1 and RDFa Lite. Their RDF quads
 * become the same nodes JSON-LD gives. Resolves to a problem message when the parser gave up.
 */
export async function readRdfSyntax(
  syntax: Exclude<Syntax, 'json-ld'>,
  html: string,
  baseUrl: string,
  graph: NodeGraph,
): Promise<string | undefined> {
  const parser = (syntax === 'microdata'
    ? new MicrodataRdfParser({ baseIRI: baseUrl })
    : new RdfaParser({ baseIRI: baseUrl, contentType: 'text/html' })) as unknown as QuadStream;
  const where = syntax === 'microdata' ? 'microdata' : 'RDFa';
  let quads = 0;
  const nodeOf = (term: Term): StructuredNode | undefined => {
    if (term.termType === 'NamedNode') return graph.byIri(term.value, syntax, where);
    if (term.termType === 'BlankNode') return graph.blank(syntax, term.value, syntax, where);
    return undefined;
  };
  const add = (quad: Quad) => {
    if (++quads > MAX_QUADS) {
      graph.truncated = true;
      return;
    }
    const predicate = quad.predicate.value;
    if (predicate === RDF_TYPE) {
      const type = quad.object.termType === 'NamedNode' ? schemaLocalName(quad.object.value) : undefined;
      const subject = type === undefined ? undefined : nodeOf(quad.subject);
      if (subject && type) graph.addType(subject, type);
      return;
    }
    // Only full schema.org IRIs: a bare word here would be another vocabulary's term.
    const property = /^https?:\/\//i.test(predicate) ? schemaLocalName(predicate) : undefined;
    if (property === undefined) return;
    const subject = nodeOf(quad.subject);
    if (!subject) return;
    if (quad.object.termType === 'Literal') graph.addValue(subject, property, quad.object.value);
    else {
      const object = nodeOf(quad.object);
      if (object) graph.addValue(subject, property, object);
    }
  };
  return new Promise((resolve) => {
    parser.on('data', add);
    parser.on('error', (error: Error) => resolve(`${where} could not be read: ${error.message}`));
    parser.on('end', () => resolve(undefined));
    try {
      parser.write(html);
      parser.end();
    } catch (error) {
      resolve(`${where} could not be read: ${(error as Error).message}`);
    }
  });
}
