// Generates the synthesized spoken-digit set (espeak-ng; measurement only, never training).
// Usage: npx tsx tools/make-synth-digits.ts [--out .tmp/synth-digits] [--configs 40] [--seed 7]
import { parseArgs } from 'node:util';
import { generateSynthDigits, SYNTH_DEFAULTS } from './train/synth';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: SYNTH_DEFAULTS.dir },
    configs: { type: 'string', default: String(SYNTH_DEFAULTS.configs) },
    seed: { type: 'string', default: String(SYNTH_DEFAULTS.seed) },
  },
});
const configs = generateSynthDigits(values.out, Number(values.configs), Number(values.seed));
console.log(`wrote ${configs.length * 10} recordings (${configs.length} voices) to ${values.out}`);
