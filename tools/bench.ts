// `npm run bench`: runs every benchmark section in turn (or those named on the command line, e.g.
// `npm run bench -- engine`). Each section prints its rows and writes its own results file and its
// section of BENCHMARKS.md. Add a section by appending to SECTIONS.
import { runCnnDeltaSection } from './bench-cnn-delta';
import { runCnnTrainSection } from './bench-cnn-train';
import { runDrivingSimSection } from './bench-driving-sim';
import { runDrivingViewSection } from './bench-driving-view';
import { runEngineSection } from './bench-engine';
import { runPeersSection } from './bench-peers';
import { runWorkersSection } from './bench-workers';

interface Section {
  name: string;
  run: () => Promise<unknown>;
}

const SECTIONS: Section[] = [
  { name: 'engine', run: () => runEngineSection() },
  { name: 'workers', run: () => runWorkersSection() },
  { name: 'driving-sim', run: () => runDrivingSimSection() },
  { name: 'cnn-train', run: () => runCnnTrainSection() },
  { name: 'peers', run: () => runPeersSection() },
  { name: 'cnn-delta', run: () => runCnnDeltaSection() },
  { name: 'driving-view', run: () => runDrivingViewSection([]) },
];

const wanted = process.argv.slice(2);
for (const s of SECTIONS) {
  if (wanted.length > 0 && !wanted.includes(s.name)) continue;
  console.log(`== ${s.name} ==`);
  await s.run();
}
