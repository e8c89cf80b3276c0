import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from './dom.ts';

describe('safeHttpUrl', () => {
  it('lets only absolute http(s) URLs become links', () => {
    expect(safeHttpUrl('https://ace.example/c/1')).toBe('https://ace.example/c/1');
    expect(safeHttpUrl('http://x.example')).toBe('http://x.example/');
    for (const bad of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'data:text/html,<b>',
      '/relative',
      'ftp://x',
      '',
      null,
      42,
      `https://x.example/${'a'.repeat(3000)}`,
    ]) {
      expect(safeHttpUrl(bad)).toBeNull();
    }
  });
});
