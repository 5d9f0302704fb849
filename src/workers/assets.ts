// Fetches the shipped files next to manifest.json (same origin, relative URLs, no network beyond
// the page's own server) and validates the JSON ones before anything else sees them.
import { parseCurve, parseManifest, parseOperatingPoint } from '../engine/format';
import type { CurvePoint, OperatingPoint } from '../engine/types';
import type { Manifest } from './api';
import { EngineError } from './errors';

async function get(url: URL): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new EngineError('not-found', `could not fetch ${url.pathname}: ${String(error)}`);
  }
  if (!response.ok) throw new EngineError('not-found', `${url.pathname}: HTTP ${response.status}`);
  return response;
}

async function getJson(url: URL): Promise<unknown> {
  const text = await (await get(url)).text();
  try {
    return JSON.parse(text);
  } catch {
    throw new EngineError('format', `${url.pathname} is not JSON`);
  }
}

/** Runs a format parser, turning its FormatError into an EngineError of kind 'format'. */
function validated<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new EngineError('format', message);
  }
}

export class Assets {
  readonly manifestUrl: URL;

  constructor(manifestUrl: string, base: string) {
    this.manifestUrl = new URL(manifestUrl, base);
  }

  /** A path from the manifest, resolved against the manifest's own URL. */
  resolve(path: string): URL {
    return new URL(path, this.manifestUrl);
  }

  async manifest(): Promise<Manifest> {
    const json = await getJson(this.manifestUrl);
    return validated(() => parseManifest(json));
  }

  async bytes(path: string): Promise<ArrayBuffer> {
    return (await get(this.resolve(path))).arrayBuffer();
  }

  async curve(path: string): Promise<CurvePoint[]> {
    const json = await getJson(this.resolve(path));
    return validated(() => parseCurve(json));
  }

  async operatingPoint(path: string): Promise<OperatingPoint | null> {
    const json = await getJson(this.resolve(path));
    return validated(() => parseOperatingPoint(json));
  }
}
