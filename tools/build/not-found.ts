// The page a mistyped deep link lands on, instead of a blank page: 404.html at the root of the build,
// which GitHub Pages, Netlify, Cloudflare Pages and the preview server (below) serve for unknown paths.
// The build lives at an unknown sub-path, so the page finds the lab by asking each parent folder of
// the address for the lab's model list and links to the first that has one.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

const FIND_LAB = `
(async () => {
  const link = document.getElementById('lab-link');
  const parts = location.pathname.split('/').slice(0, -1);
  for (let n = parts.length; n >= 1; n--) {
    const folder = parts.slice(0, n).join('/') + '/';
    try {
      const r = await fetch(folder + 'models/manifest.json', { cache: 'no-store' });
      // Some servers answer every path with a page: only a JSON answer is the lab's model list.
      if (r.ok && (r.headers.get('content-type') || '').includes('json')) { link.href = folder; link.textContent = 'Open the lab at ' + folder; return; }
    } catch {}
  }
})();`;

export const NOT_FOUND_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <link rel="icon" href="data:," />
    <title>Page not found · DeltaLab</title>
    <style>
      html { background: #0b0f14; color: #d8e0ea; font: 16px/1.5 system-ui, sans-serif; color-scheme: dark; }
      main { max-width: 36em; margin: 12vh auto; padding: 0 1.5em; }
      h1 { color: #ff9628; font-size: 1.6em; }
      a { color: #3caaff; font-size: 1.15em; }
      code { color: #ffd6a8; }
    </style>
  </head>
  <body>
    <main>
      <h1>DeltaLab: there is no page here</h1>
      <p>This address does not point at anything in the lab. Perhaps the link was cut short or mistyped.</p>
      <p><a id="lab-link" href="/" data-testid="lab-link">Open the lab</a></p>
      <p>Shared lab links look like <code>…/#model=digits-delta&amp;item=3</code>: everything after the lab's folder follows a <code>#</code>.</p>
    </main>
    <script>${FIND_LAB}</script>
  </body>
</html>
`;

/** Whether the preview server has something to serve for this path (as Vite's own fallback decides). */
function servable(outDir: string, pathname: string): boolean {
  const file = resolve(join(outDir, pathname));
  if (file !== outDir && !file.startsWith(outDir + sep)) return false;
  if (existsSync(file)) return statSync(file).isFile() || existsSync(join(file, 'index.html'));
  return existsSync(`${file}.html`);
}

export function notFoundPage(): Plugin {
  return {
    name: 'deltalab:not-found',
    // No `apply: 'build'`: the preview server needs the middleware (generateBundle runs in builds only).
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '404.html', source: NOT_FOUND_HTML });
    },
    // The preview server would otherwise answer an unknown page with the lab's index.html, whose
    // relative script paths then fail from the wrong folder: a blank page.
    configurePreviewServer(server) {
      const outDir = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use((req, res, next) => {
        const html = req.headers.accept?.includes('text/html');
        if ((req.method !== 'GET' && req.method !== 'HEAD') || !html || !req.url) return next();
        let pathname: string;
        try {
          pathname = decodeURIComponent(new URL(req.url, 'http://preview').pathname);
        } catch {
          return next();
        }
        const page = join(outDir, '404.html');
        if (servable(outDir, pathname) || !existsSync(page)) return next();
        res.statusCode = 404;
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(readFileSync(page));
      });
    },
  };
}
