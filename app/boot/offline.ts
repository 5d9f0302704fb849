// The installable offline app: registers the service worker that the build generates
// (tools/build/pwa.ts). Only the lab's page registers it; the single-file build has none to register
// and swaps this module for offline.single.ts.
import { registerSW } from 'virtual:pwa-register';

export function installOffline(): void {
  registerSW({ immediate: true });
}
