import { describe, expect, it } from 'vitest';
import { parseJsonLdBlock } from './parse-json-ld-block.ts';

const read = (text: string) => {
  const result = parseJsonLdBlock(text);
  return result.kind === 'read' ? { value: result.value, how: result.how } : result;
};

describe('parseJsonLdBlock', () => {
  it('reads strict JSON as is', () => {
    expect(read(' {"@type":"Course","name":"A"} ')).toEqual({
      value: { '@type': 'Course', name: 'A' },
      how: 'json',
    });
    expect(read('\uFEFF[{"name":"A"}]')).toEqual({ value: [{ name: 'A' }], how: 'json' });
  });

  it('repairs what hand-written blocks contain: comments, trailing commas, single quotes, unquoted keys', () => {
    const block = `{
      // Google's sample carries comments like this one
      "@type": 'Course', /* and this */
      name: "Phlebotomy",
      "offers": [{ "price": 10, },],
    }`;
    expect(read(block)).toEqual({
      value: { '@type': 'Course', name: 'Phlebotomy', offers: [{ price: 10 }] },
      how: 'repaired',
    });
    expect(read('{"name": "A"\n"url": "/a"}')).toMatchObject({ value: { name: 'A', url: '/a' } });
  });

  it('unwraps HTML comment and CDATA wrappers', () => {
    expect(read('<!-- {"name":"A"} -->')).toEqual({ value: { name: 'A' }, how: 'json' });
    expect(read('<![CDATA[ {"name":"A"} ]]>')).toEqual({ value: { name: 'A' }, how: 'json' });
    expect(read('//<![CDATA[\n{"name":"A"}\n//]]>')).toEqual({ value: { name: 'A' }, how: 'json' });
    expect(read('/*<![CDATA[*/ {"name":"A"} /*]]>*/')).toEqual({ value: { name: 'A' }, how: 'json' });
  });

  it('decodes a block whose text is HTML-entity-encoded', () => {
    expect(
      read('{&quot;@type&quot;: &quot;Course&quot;, &quot;name&quot;: &quot;Law &amp;amp; Ethics&quot;}'),
    ).toEqual({
      value: { '@type': 'Course', name: 'Law &amp; Ethics' },
      how: 'decoded',
    });
  });

  it('never completes a block cut short, and says why it failed', () => {
    for (const cut of [
      '{"@type":"Course","name":',
      '{ "@type": "Course", "name": "Broken, "url": }',
      '[{"a":1}',
    ]) {
      expect(parseJsonLdBlock(cut)).toEqual({ kind: 'unreadable', reason: expect.any(String) });
    }
    expect(parseJsonLdBlock('not json at all')).toMatchObject({ kind: 'unreadable' });
    expect(parseJsonLdBlock('{"a": 1} /* unclosed comment')).toMatchObject({ kind: 'unreadable' });
  });

  it('treats an empty block as nothing published', () => {
    expect(parseJsonLdBlock('  \n ')).toEqual({ kind: 'empty' });
    expect(parseJsonLdBlock('<!-- -->')).toEqual({ kind: 'empty' });
  });
});
