// The process entry of the deltalab command (bin/deltalab.mjs loads this through tsx).

import { processIo } from './io';
import { main } from './main';

process.exitCode = main(process.argv.slice(2), processIo);
