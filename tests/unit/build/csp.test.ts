// The built pages' Content-Security-Policy: the hashes it writes for inline scripts are the ones a
// browser computes, and the policy names no outside source.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes, withCsp } from '../../../tools/build/csp';

const sha = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

describe('content security policy', () => {
  it('allows connections and scripts from the page itself only', () => {
    const policy = contentSecurityPolicy();
    expect(policy).toMatch(/(^|; )connect-src 'self'(;|$)/);
    expect(policy).toMatch(/(^|; )script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(policy).toMatch(/(^|; )default-src 'self'(;|$)/);
    expect(policy).not.toMatch(/https?:|\*|'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  });

  it('hashes exactly the inline scripts, not those loaded by src', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1 }).filter((s) => !s.includes('</script')),
          { maxLength: 4 },
        ),
        (codes) => {
          const html = `<head><script src="./a.js"></script>${codes.map((c) => `<script type="module">${c}</script>`).join('')}</head>`;
          expect(inlineScriptHashes(html).sort()).toEqual([...new Set(codes.map(sha))].sort());
        },
      ),
      { seed: 12, numRuns: 100 },
    );
  });

  it('puts the policy after the charset, with the hashes of the page it is in', () => {
    const html =
      '<html><head>\n<meta charset="UTF-8" />\n<title>t</title><script>go()</script></head></html>';
    const out = withCsp(html);
    expect(out.indexOf('charset')).toBeLessThan(out.indexOf('Content-Security-Policy'));
    expect(out).toContain(`'${sha('go()')}'`);
    expect(() => withCsp('<html><body></body></html>')).toThrow(/no <head>/);
  });
});
