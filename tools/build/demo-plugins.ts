// The build's plugins for running the lab anywhere (issue 12): offline app, unknown-path page, CSP.
import type { PluginOption } from 'vite';
import { cspPlugin } from './csp';
import { notFoundPage } from './not-found';
import { offlineApp } from './pwa';

export function demoPlugins(): PluginOption[] {
  return [offlineApp(), notFoundPage(), cspPlugin()];
}
