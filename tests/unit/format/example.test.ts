// The committed built-in example (npm run make:example) must stay readable and consistent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel, decodePack, parseManifest } from '../../../src/engine/format/index';

const dir = 'public/models';
const read = (file: string) => readFileSync(join(dir, file));

describe('built-in example', () => {
  const manifest = parseManifest(JSON.parse(read('manifest.json').toString('utf8')));
  const entry = manifest.models.find((m) => m.id === 'example-tiny')!;
  const packEntry = manifest.packs.find((p) => p.id === entry.pack)!;
  const model = decodeModel(read(entry.file));
  const pack = decodePack(read(packEntry.file));

  it('is listed in the manifest as an example with its pack and no curve', () => {
    expect(entry).toMatchObject({ task: 'example', method: 'example', pack: 'example-pack' });
    expect(entry.curve).toBeUndefined();
    expect(packEntry.task).toBe('example');
  });

  it('has the promised shape and honest provenance', () => {
    expect(model.layers.map((l) => [l.inputSize, l.hiddenSize])).toEqual([[40, 64]]);
    expect(model.provenance.dataset).toMatch(/random weights/);
    expect(pack.provenance.dataset).toMatch(/synthetic/);
  });

  it('its pack fits the model: input size, activation format, classes, features', () => {
    expect(pack.inputSize).toBe(model.layers[0].inputSize);
    expect(pack.activation).toEqual(model.fixedPoint.activation);
    expect(pack.task).toEqual(model.task);
    expect(pack.features).toEqual(model.features);
    expect(pack.items.length).toBeGreaterThanOrEqual(24);
    for (const it of pack.items) expect(it.length).toBeGreaterThanOrEqual(40);
  });
});
