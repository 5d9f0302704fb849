// A/B profile of kernel builds (not a published benchmark): the same models, frames and thresholds
// through two or more WebAssembly builds of assembly/kernels.ts in interleaved rounds, µs per step
// medians and each build's median ratio to the first, in one process so machine load hits all alike.
// Also checks every build leaves the same h as the first (a variant that skips a phase will not).
// CLI: npx tsx tools/profile-kernels.ts [--rounds N] [a.wasm b.wasm ...]   (no files: HEAD's committed
// bytes against a fresh build of the working tree's source)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { CompiledModel } from '../src/engine/compile';
import { createKernelModel, type KernelModel } from '../src/engine/wasm/layout';
import { digitsShape, randomShape } from './bench-peers/shapes';
import { compileKernels } from './build/build-wasm';

interface Case {
  name: string;
  cm: CompiledModel;
  codes: Int8Array;
  T: number;
  dense: boolean;
  thX: number[];
  thH: number[];
}

function cases(): Case[] {
  const out: Case[] = [];
  const d = digitsShape(60);
  const join = (its: { codes: Int8Array }[]) => {
    const all = new Int8Array(its.reduce((n, it) => n + it.codes.length, 0));
    let at = 0;
    for (const it of its) {
      all.set(it.codes, at);
      at += it.codes.length;
    }
    return all;
  };
  const shapes = [
    d,
    randomShape(1, 128, 400, d.model.fixedPoint),
    randomShape(1, 256, 300, d.model.fixedPoint),
  ];
  shapes.push(randomShape(2, 128, 300, d.model.fixedPoint));
  for (const s of shapes) {
    const I = s.model.layers[0].inputSize;
    const full = join(s.items);
    out.push({
      name: `${s.name} dense`,
      cm: s.fixed,
      codes: full,
      T: full.length / I,
      dense: true,
      thX: [],
      thH: [],
    });
    for (const ds of s.deltas.slice(1)) {
      const c = join(ds.items);
      out.push({
        name: `${s.name} delta ${ds.variant}`,
        cm: s.fixed,
        codes: c,
        T: c.length / I,
        dense: false,
        thX: ds.th.thetaX,
        thH: ds.th.thetaH,
      });
    }
  }
  return out;
}

/** Frames staged, thresholds set: run(T) then reads h of the top layer. */
function prepared(km: KernelModel, c: Case) {
  const i32 = new Int32Array(km.memory.buffer);
  for (let l = 0; l < km.layers.length; l++) {
    i32[km.layers[l].header / 4 + 14] = Math.min(c.thX[l] ?? 0, 256);
    i32[km.layers[l].header / 4 + 15] = Math.min(c.thH[l] ?? 0, 256);
  }
  const need = km.free + c.codes.length;
  const have = km.memory.buffer.byteLength;
  if (need > have) km.memory.grow(Math.ceil((need - have) / 65536));
  new Int8Array(km.memory.buffer).set(c.codes, km.free);
  return {
    go: () => km.run(0, km.free, c.T, c.dense ? 1 : 0, 0, 1),
    h: () => {
      const top = km.layers[km.layers.length - 1];
      return Array.from(new Int32Array(km.memory.buffer, top.h, top.H));
    },
  };
}

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1];
}

async function main() {
  const args = process.argv.slice(2);
  const ri = args.indexOf('--rounds');
  const rounds = ri >= 0 ? Number(args.splice(ri, 2)[1]) : 15;
  let builds: { label: string; bytes: Uint8Array<ArrayBuffer> }[];
  if (args.length > 0) builds = args.map((f) => ({ label: f, bytes: new Uint8Array(readFileSync(f)) }));
  else {
    const head = execFileSync('git', ['show', 'HEAD:src/engine/wasm/kernels-wasm.ts'], { encoding: 'utf8' });
    const b64 = /'([A-Za-z0-9+/=]+)'/.exec(head)![1];
    builds = [
      { label: 'HEAD', bytes: new Uint8Array(Buffer.from(b64, 'base64')) },
      { label: 'working tree', bytes: new Uint8Array(await compileKernels()) },
    ];
  }
  const modules = builds.map((b) => new WebAssembly.Module(b.bytes));
  console.log(
    `| case | ${builds.map((b) => `${b.label} µs/step`).join(' | ')} | ${builds
      .slice(1)
      .map((b) => `${b.label} / first`)
      .join(' | ')} |`,
  );
  for (const c of cases()) {
    const runs = modules.map((m) => prepared(createKernelModel(m, c.cm), c));
    for (const r of runs) r.go();
    const ref = JSON.stringify(runs[0].h());
    const same = runs.map((r) => JSON.stringify(r.h()) === ref);
    // Repetitions so one timed call takes a few ms.
    const t0 = performance.now();
    runs[0].go();
    const reps = Math.max(1, Math.ceil(3 / Math.max(performance.now() - t0, 0.01)));
    const us: number[][] = runs.map(() => []);
    const ratio: number[][] = runs.map(() => []);
    for (let k = 0; k < rounds; k++) {
      const t: number[] = [];
      const order = runs.map((_, i) => i);
      if (k % 2) order.reverse();
      for (const i of order) {
        const a = performance.now();
        for (let r = 0; r < reps; r++) runs[i].go();
        t[i] = ((performance.now() - a) * 1000) / (reps * c.T);
      }
      t.forEach((v, i) => {
        us[i].push(v);
        ratio[i].push(v / t[0]);
      });
    }
    const cells = us.map((u, i) => `${median(u).toFixed(3)}${same[i] ? '' : ' (h differs)'}`);
    const rs = ratio.slice(1).map((r) => median(r).toFixed(3));
    console.log(`| ${c.name} | ${cells.join(' | ')} | ${rs.join(' | ')} |`);
  }
}

await main();
