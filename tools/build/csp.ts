// The Content-Security-Policy written into every built page as a <meta> tag: nothing may be loaded
// from, or sent to, anywhere but the page's own origin. Static hosts rarely let a project set headers,
// so the policy travels inside the HTML. frame-ancestors cannot be set from a <meta> tag (browsers
// ignore it there), which suits the embeddable views: any page may frame the lab.
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

export interface CspSources {
  /** Hashes ('sha256-…') of inline scripts: the single-file build inlines its bundle. */
  scriptHashes?: string[];
}

export function contentSecurityPolicy({ scriptHashes = [] }: CspSources = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // 'wasm-unsafe-eval' lets the engine compile its WebAssembly kernels (src/engine/wasm) and nothing
    // else: no eval() of JavaScript. Blob: workers of the single file inherit this policy.
    'script-src': ["'self'", "'wasm-unsafe-eval'", ...scriptHashes.map((h) => `'${h}'`)],
    // Inline <style> in the single file; style attributes that React and D3 set.
    'style-src': ["'self'", "'unsafe-inline'"],
    // Canvases export PNGs and the trace as blob: and data: URLs.
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    // fetch() of the shipped models, packs and curves: same origin only.
    'connect-src': ["'self'"],
    // The engine workers: a file of the build, or a blob: URL in the single file.
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

const CHARSET = /<meta charset="[^"]*"\s*\/?>/i;
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The 'sha256-…' source of every inline script of an HTML page, as a CSP would hash it. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    if (match[1].length === 0) continue;
    hashes.add(`sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}`);
  }
  return [...hashes];
}

/** The page with its CSP <meta> right after the charset (before anything it governs), hashing inline scripts. */
export function withCsp(html: string): string {
  const policy = contentSecurityPolicy({ scriptHashes: inlineScriptHashes(html) });
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  const anchor = CHARSET.test(html) ? CHARSET : /<head>/i;
  if (!anchor.test(html)) throw new Error('CSP: the page has no <head>');
  return html.replace(anchor, (found) => `${found}\n    ${meta}`);
}

/**
 * Adds the policy to every HTML page of a build, after every other plugin has finished with it
 * (the single-file build inlines scripts in its own last step, so place this plugin after that one).
 * Build only: the dev server injects inline scripts of its own.
 */
export function cspPlugin(): Plugin {
  return {
    name: 'deltalab:csp',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
          const source =
            typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
          file.source = withCsp(source);
        }
      },
    },
  };
}
