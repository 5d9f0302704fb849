// fast-check generators of valid models and sample packs of random small shapes, for the format tests.
import fc from 'fast-check';
import { adpcmBytes } from '../../../src/engine/audio/ima-adpcm';
import { LIMITS } from '../../../src/engine/format/limits';
import type {
  FixedPointSpec,
  Model,
  Provenance,
  SampleItem,
  SamplePack,
  TaskMeta,
} from '../../../src/engine/types';

const dim = fc.integer({ min: 1, max: 6 });
const text = fc.string({ unit: 'binary', maxLength: 24 });
/** JSON cannot tell -0 from 0, so generated numbers that go through the header avoid -0. */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
/** Free-form JSON as a reader would see it (JSON round trip normalizes -0 and drops undefined). */
const json = fc
  .dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 })
  .map((v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>);

const floats = (n: number) =>
  fc.float32Array({ minLength: n, maxLength: n, noNaN: true, noDefaultInfinity: true });

export const fixedPointArb: fc.Arbitrary<FixedPointSpec> = fc
  .record({
    intBits: fc.integer({ min: 0, max: 7 }),
    weightBits: fc.constantFrom(8 as const, 16 as const),
    weightFrac: fc.integer({ min: 0, max: 8 }),
    accumulatorBits: fc.integer({ min: 16, max: 32 }),
    rounding: fc.constantFrom('nearest' as const, 'floor' as const),
    gateFrac: fc.integer({ min: 1, max: 16 }),
    tableInputFrac: fc.integer({ min: 0, max: 10 }),
    tableInputRange: fc.integer({ min: 1, max: 16 }),
  })
  .map(({ intBits, ...rest }) => ({ activation: { intBits, fracBits: 7 - intBits }, ...rest }));

const provenanceArb: fc.Arbitrary<Provenance> = fc.record(
  {
    dataset: text,
    trainingMethod: text,
    seed: fc.integer(),
    license: text,
    attribution: text,
    createdBy: text,
    metrics: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), finite, { maxKeys: 3 }),
    notes: text,
  },
  { requiredKeys: ['dataset', 'trainingMethod', 'seed', 'license', 'attribution', 'createdBy'] },
);

const taskArb = (outputs: number): fc.Arbitrary<TaskMeta> => {
  const regression = fc.record({
    kind: fc.constant('regression' as const),
    units: text,
    outputNames: fc.array(text, { minLength: outputs, maxLength: outputs }),
  });
  if (outputs < 2) return regression;
  const classification = fc
    .array(text, { minLength: outputs, maxLength: outputs })
    .map((classNames) => ({ kind: 'classification' as const, classNames }));
  return fc.oneof(classification, regression);
};

export const modelArb: fc.Arbitrary<Model> = fc
  .record({
    inputSize: dim,
    hidden: fc.array(dim, { minLength: 1, maxLength: 3 }),
    mlp: fc.option(dim, { nil: undefined }),
    outputs: fc.integer({ min: 1, max: 5 }),
  })
  .chain(({ inputSize, hidden, mlp, outputs }) => {
    let i = inputSize;
    const layers = hidden.map((h) => {
      const l = fc.record({
        inputSize: fc.constant(i),
        hiddenSize: fc.constant(h),
        wIh: floats(3 * h * i),
        wHh: floats(3 * h * h),
        bIh: floats(3 * h),
        bHh: floats(3 * h),
      });
      i = h;
      return l;
    });
    const dense = (inSize: number, outSize: number) =>
      fc.record({
        inSize: fc.constant(inSize),
        outSize: fc.constant(outSize),
        weight: floats(inSize * outSize),
        bias: floats(outSize),
      });
    const top = hidden[hidden.length - 1];
    const readout =
      mlp === undefined
        ? fc.tuple(dense(top, outputs)).map((ls) => ({ kind: 'linear' as const, layers: ls }))
        : fc.tuple(dense(top, mlp), dense(mlp, outputs)).map((ls) => ({ kind: 'mlp' as const, layers: ls }));
    const thetas = fc.array(fc.integer({ min: 0, max: 255 }), {
      minLength: hidden.length,
      maxLength: hidden.length,
    });
    return fc.record({
      name: text,
      description: text,
      layers: fc.tuple(...layers),
      readout,
      fixedPoint: fixedPointArb,
      trainedThresholds: fc.record({ thetaX: thetas, thetaH: thetas }),
      task: taskArb(outputs),
      outputAt: fc.constantFrom('last' as const, 'every' as const),
      features: json,
      provenance: provenanceArb,
    });
  });

export const packArb: fc.Arbitrary<SamplePack> = fc
  .record({
    inputSize: dim,
    lengths: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }),
    outputs: fc.integer({ min: 1, max: 4 }),
    intBits: fc.integer({ min: 0, max: 7 }),
  })
  .chain(({ inputSize, lengths, outputs, intBits }) => {
    const frameCount = lengths.reduce((a, b) => a + b, 0);
    return taskArb(outputs).chain((task) => {
      const classes = task.kind === 'classification' ? task.classNames.length : 0;
      const items = fc.tuple(
        ...lengths.map((length, k) =>
          fc.record(
            {
              id: fc.constant(`item-${k}`),
              offset: fc.constant(lengths.slice(0, k).reduce((a, b) => a + b, 0)),
              length: fc.constant(length),
              label: classes ? fc.integer({ min: 0, max: classes - 1 }) : fc.constant(-1),
              speaker: text,
              take: fc.nat(),
            },
            { requiredKeys: ['id', 'offset', 'length', 'label'] },
          ),
        ),
      ) as fc.Arbitrary<SampleItem[]>;
      const base = fc.record({
        name: text,
        task: fc.constant(task),
        activation: fc.constant({ intBits, fracBits: 7 - intBits }),
        inputSize: fc.constant(inputSize),
        features: json,
        items,
        frames: fc.int8Array({ minLength: frameCount * inputSize, maxLength: frameCount * inputSize }),
        provenance: provenanceArb,
      });
      const withTargets: fc.Arbitrary<SamplePack> =
        task.kind === 'classification'
          ? base
          : fc
              .tuple(base, floats(frameCount * task.outputNames.length))
              .map(([p, targets]) => ({ ...p, targets }));
      return fc.tuple(withTargets, fc.option(audioArb(lengths.length), { nil: undefined })).map(([p, a]) => {
        if (!a) return p;
        const items = p.items.map((it, k) => (a.ranges[k] ? { ...it, audio: a.ranges[k] } : it));
        return { ...p, items, audio: a.audio };
      });
    });
  });

/** Audio for some of `count` items: random ADPCM bytes (any bytes decode), streams back to back. */
function audioArb(count: number) {
  return fc
    .record({
      sampleRate: fc.integer({ min: LIMITS.minAudioRate, max: LIMITS.maxAudioRate }),
      samplesPerFrame: fc.integer({ min: 1, max: 400 }),
      samples: fc.array(fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }), {
        minLength: count,
        maxLength: count,
      }),
      slack: fc.integer({ min: 0, max: 3 }),
    })
    .chain(({ sampleRate, samplesPerFrame, samples, slack }) => {
      let offset = 0;
      const ranges = samples.map((n) => {
        if (n === undefined) return undefined;
        const r = { offset, samples: n };
        offset += adpcmBytes(n);
        return r;
      });
      const size = offset + slack;
      return fc.uint8Array({ minLength: size, maxLength: size }).map((data) => ({
        ranges,
        audio: { encoding: 'ima-adpcm' as const, sampleRate, samplesPerFrame, data },
      }));
    });
}
