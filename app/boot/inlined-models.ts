// Answers fetch() for the models folder from files inlined at build time (gzip, base64), so the
// engine client reads and validates them exactly as it reads the served files. Every other request
// goes to the real fetch untouched.

import inlined from 'virtual:deltalab-inlined-models';
import { gunzipSync } from 'fflate';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return gunzipSync(bytes) as Uint8Array<ArrayBuffer>;
}

function contentType(path: string): string {
  return path.endsWith('.json') ? 'application/json' : 'application/octet-stream';
}

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return new URL(input, window.location.href).href;
  return input instanceof URL ? input.href : input.url;
}

export function serveInlinedModels(base: string): void {
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = requestUrl(input);
    if (!url.startsWith(base)) return realFetch(input, init);
    const path = decodeURIComponent(url.slice(base.length).replace(/[?#].*$/, ''));
    const data = Object.hasOwn(inlined, path) ? inlined[path] : undefined;
    if (data === undefined) {
      return Promise.resolve(new Response(`${path} is not in this file`, { status: 404 }));
    }
    return Promise.resolve(new Response(bytesOf(data), { headers: { 'content-type': contentType(path) } }));
  };
}
