#!/usr/bin/env node
// The deltalab command: runs tools/cli (TypeScript) through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../tools/cli/run.ts');
