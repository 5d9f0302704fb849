// Your own ONNX model's activation format: the one chosen, or auto (calibrated on the data dropped
// for it, else the file's own or Q3.4). The worker quantizes and calibrates (src/engine/onnx/quantize.ts,
// the code the deltalab CLI runs); this slice asks for it, keeps the calibration data per model, and
// has the live curve computed again on the new codes.
import type {
  ActivationChoice,
  EngineClient,
  ModelInfo,
  ModelSourceOptions,
  PackInfo,
} from '../../src/workers/api';
import { errorText } from '../store/engine-errors';
import type { Slice, Status } from '../store/types';
import { qText } from './quantization-text';

export type CalibrationData = NonNullable<ModelSourceOptions['calibrate']>;

export interface OwnModelSlice {
  /** The format a newly dropped ONNX model gets; each model then keeps its own choice. */
  activationChoice: ActivationChoice;
  quantizeStatus: Status;
  /** The current (ONNX) model quantized again as `choice` says; its live curve follows. */
  setActivation(choice: ActivationChoice): Promise<void>;
  /**
   * NumPy/CSV data dropped for a model, read into pack `packId`; an ONNX model on auto is first
   * calibrated on it (a chosen format stays). Gives the model's info and the pack for the caller
   * to apply in one step, so the model in its new format never meets its old samples. If the pack
   * cannot be built the model goes back to its previous quantization, and the error is thrown.
   */
  readDataFor(
    modelId: string,
    packId: string,
    data: CalibrationData,
  ): Promise<{ model: ModelInfo; pack: PackInfo }>;
}

export function createOwnModelSlice(client: EngineClient): Slice<OwnModelSlice> {
  return (set, get) => {
    /** The data each model was last given, for auto after a chosen format. */
    const dataOf = new Map<string, CalibrationData>();

    /** Quantizes in the workers and applies the packs rebuilt there; the model's info is the caller's to apply. */
    const requantize = async (modelId: string, options: ModelSourceOptions) => {
      if (get().sweepModelId === modelId) get().cancelSweep();
      set({ quantizeStatus: 'loading' });
      const { model, packs } = await client.requantizeModel(modelId, options);
      const byId: Record<string, PackInfo> = { ...get().packs };
      for (const p of packs) byId[p.id] = p;
      const { [modelId]: _old, ...liveCurves } = get().liveCurves;
      set({ packs: byId, liveCurves, quantizeStatus: 'ready' });
      return model;
    };

    return {
      activationChoice: 'auto',
      quantizeStatus: 'idle',

      setActivation: async (choice) => {
        const modelId = get().modelId;
        const info = modelId ? get().models[modelId] : undefined;
        if (!modelId || !info?.quantization) return;
        // A .dlp holds codes in its own format: only real values (NumPy/CSV) can be quantized again.
        const packId = get().packId;
        if (!packId || !get().packs[packId]?.quantized) {
          get().notify(
            'warning',
            `${info.name} runs on samples stored as codes in ${qText(info.fixedPoint.activation)}; drop or open its data (.npy, .npz, .csv) to choose another format.`,
          );
          return;
        }
        set({ activationChoice: choice });
        try {
          const model = await requantize(modelId, {
            activation: choice,
            calibrate: choice === 'auto' ? dataOf.get(modelId) : undefined,
          });
          // Its current pack was rebuilt with it in the workers: the page now sees both at once.
          set({ models: { ...get().models, [modelId]: model } });
          if (get().modelId === modelId && get().packId) void get().runSweep();
        } catch (e) {
          set({ quantizeStatus: 'error' });
          get().notify('error', `Could not quantize ${info.name}: ${errorText(e)}`);
        }
      },

      readDataFor: async (modelId, packId, data) => {
        const info = get().models[modelId];
        const read = () =>
          client.loadPack({ id: packId, bytes: data.data, forModel: modelId, labels: data.labels });
        if (info?.quantization?.choice !== 'auto') return { model: info, pack: await read() };
        const before = dataOf.get(modelId);
        const model = await requantize(modelId, { activation: 'auto', calibrate: data });
        try {
          const pack = await read();
          dataOf.set(modelId, data);
          return { model, pack };
        } catch (e) {
          await requantize(modelId, { activation: 'auto', calibrate: before }).catch(() => {});
          throw e;
        }
      },
    };
  };
}
