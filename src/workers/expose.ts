// Puts an engine service on a Comlink endpoint: every rejection becomes a plain EngineErrorInfo
// (Comlink would strip an Error down to its message) and big typed arrays are transferred, not copied.
import * as Comlink from 'comlink';
import type { EngineService } from './engine-service';
import { toEngineErrorInfo } from './errors';
import { transferablesOf } from './transferables';

type AnyMethod = (...args: unknown[]) => unknown;

function releaseIfProxy(fn: unknown): void {
  const release = (fn as Record<symbol, unknown>)[Comlink.releaseProxy];
  if (typeof release === 'function') (release as () => void)();
}

/** Exposes every method of the service; returns the object that was exposed (for tests). */
export function exposeEngine(service: EngineService, endpoint?: Comlink.Endpoint): object {
  const api: Record<string, AnyMethod> = {};
  const proto = Object.getPrototypeOf(service) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = proto[name];
    if (name === 'constructor' || typeof method !== 'function') continue;
    api[name] = async (...args: unknown[]) => {
      try {
        const result = await (method as AnyMethod).apply(service, args);
        return typeof result === 'object' && result !== null
          ? Comlink.transfer(result, transferablesOf(result))
          : result;
      } catch (error) {
        throw toEngineErrorInfo(error);
      } finally {
        // Progress callbacks arrive as Comlink proxies, each holding a MessagePort open on the page.
        for (const arg of args) if (typeof arg === 'function') releaseIfProxy(arg);
      }
    };
  }
  Comlink.expose(api, endpoint);
  return api;
}
