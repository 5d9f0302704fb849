// An ONNX model quantized to the activation format a user chose: a named Qm.f, or "auto", which is
// calibrated on their data when data is given and otherwise the file's own format (a DeltaLab
// export) or Q3.4. The lab's worker and the deltalab CLI both import ONNX through here.

import { calibrateActivationReport } from '../dataset/calibrate';
import { type DataSources, readRawSet } from '../dataset/import';
import { FormatError } from '../format/errors';
import { decodeModel, encodeModel } from '../format/model';
import { DEFAULT_FIXED_POINT } from '../random-model';
import type { Model, QFormat } from '../types';
import { type OnnxImportOptions, readOnnx } from './import';

export type ActivationChoice = 'auto' | QFormat;

/** How the format was arrived at. */
export type ActivationSource = 'chosen' | 'calibrated' | 'file' | 'default';

export interface ActivationDecision {
  activation: QFormat;
  source: ActivationSource;
  /** With source 'calibrated': the calibration data's real values, and those beyond the format's range. */
  clipped?: number;
  values?: number;
}

export interface QuantizeOptions extends Pick<OnnxImportOptions, 'fallbackName'> {
  choice: ActivationChoice;
  /** Data to calibrate "auto" on (features, and labels for a features .npy). */
  calibrate?: DataSources;
}

/** Parses "Q3.4" or "3.4" (m + f = 7); null for anything else. */
export function parseQFormat(text: string): QFormat | null {
  const m = /^Q?(\d)\.(\d)$/i.exec(text.trim());
  if (!m || Number(m[1]) + Number(m[2]) !== 7) return null;
  return { intBits: Number(m[1]), fracBits: Number(m[2]) };
}

export function qFormatText(q: QFormat): string {
  return `Q${q.intBits}.${q.fracBits}`;
}

/**
 * The model with another activation format, through the model format's checks again. A log-mel
 * feature spec quantizes to that format too, so recordings are featurized into the codes the model
 * now reads. A CNN front end fixes the format (its features are the GRU's input codes).
 */
function withActivation(model: Model, activation: QFormat): Model {
  const own = model.fixedPoint.activation;
  if (own.intBits === activation.intBits && own.fracBits === activation.fracBits) return model;
  if (model.cnn) {
    throw new FormatError(
      'unsupported',
      `a model with a CNN front end reads its features in ${qFormatText(own)}, the format its CNN writes: ${qFormatText(activation)} cannot be chosen`,
    );
  }
  const f = model.features as { activation?: unknown };
  return decodeModel(
    encodeModel({
      ...model,
      fixedPoint: { ...model.fixedPoint, activation },
      features:
        f.activation && typeof f.activation === 'object' ? { ...model.features, activation } : model.features,
    }),
  );
}

export function importOnnxQuantized(
  bytes: Uint8Array | ArrayBuffer,
  opts: QuantizeOptions,
): { model: Model; decision: ActivationDecision } {
  const { model, ownFixedPoint } = readOnnx(bytes, { fallbackName: opts.fallbackName });
  if (opts.choice !== 'auto') {
    return {
      model: withActivation(model, opts.choice),
      decision: { activation: opts.choice, source: 'chosen' },
    };
  }
  // A CNN's features are codes already, in the format its CNN writes: nothing to calibrate.
  if (opts.calibrate && !model.cnn) {
    const set = readRawSet(opts.calibrate, model.task);
    const inputs = model.layers[0].inputSize;
    if (set.features !== inputs) {
      throw new FormatError(
        'inconsistent',
        `the data has ${set.features} features per frame, the model takes ${inputs}`,
      );
    }
    const report = calibrateActivationReport(set);
    // int8 data is already in activation codes: there is nothing to calibrate on.
    if (report) {
      return {
        model: withActivation(model, report.activation),
        decision: { source: 'calibrated', ...report },
      };
    }
  }
  if (ownFixedPoint) return { model, decision: { activation: model.fixedPoint.activation, source: 'file' } };
  const activation = DEFAULT_FIXED_POINT.activation;
  return { model: withActivation(model, activation), decision: { activation, source: 'default' } };
}
