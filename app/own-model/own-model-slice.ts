// Your own ONNX model's activation format: the one chosen, or auto (calibrated on the data dropped
// for it, else the file's own or Q3.4). The worker quantizes and calibrates (src/engine/onnx/quantize.ts,
// the code the deltalab CLI runs); this slice asks for it, keeps the calibration data per model, and
// has the live curve computed again on the new codes.
import type { ActivationChoice, EngineClient, ModelSourceOptions, PackInfo } from '../../src/workers/api';
import { errorText } from '../store/engine-errors';
import type { Slice, Status } from '../store/types';

export type CalibrationData = NonNullable<ModelSourceOptions['calibrate']>;

export interface OwnModelSlice {
  /** The format a newly dropped ONNX model gets; each model then keeps its own choice. */
  activationChoice: ActivationChoice;
  quantizeStatus: Status;
  /** The current (ONNX) model quantized again as `choice` says; its live curve follows. */
  setActivation(choice: ActivationChoice): Promise<void>;
  /**
   * Data dropped for an ONNX model: calibrates it there when its choice is auto (a chosen format
   * stays). False, with the reason shown, when the data cannot be read for the model.
   */
  calibrateOn(modelId: string, data: CalibrationData): Promise<boolean>;
}

export function createOwnModelSlice(client: EngineClient): Slice<OwnModelSlice> {
  return (set, get) => {
    /** The data each model was last given, for auto after a chosen format. */
    const dataOf = new Map<string, CalibrationData>();

    const requantize = async (modelId: string, options: ModelSourceOptions) => {
      if (get().sweepModelId === modelId) get().cancelSweep();
      set({ quantizeStatus: 'loading' });
      const { model, packs } = await client.requantizeModel(modelId, options);
      const byId: Record<string, PackInfo> = { ...get().packs };
      for (const p of packs) byId[p.id] = p;
      const { [modelId]: _old, ...liveCurves } = get().liveCurves;
      set({
        models: { ...get().models, [modelId]: model },
        packs: byId,
        liveCurves,
        quantizeStatus: 'ready',
      });
    };

    return {
      activationChoice: 'auto',
      quantizeStatus: 'idle',

      setActivation: async (choice) => {
        const modelId = get().modelId;
        const info = modelId ? get().models[modelId] : undefined;
        if (!modelId || !info?.quantization) return;
        set({ activationChoice: choice });
        try {
          await requantize(modelId, {
            activation: choice,
            calibrate: choice === 'auto' ? dataOf.get(modelId) : undefined,
          });
          if (get().modelId === modelId && get().packId) void get().runSweep();
        } catch (e) {
          set({ quantizeStatus: 'error' });
          get().notify('error', `Could not quantize ${info.name}: ${errorText(e)}`);
        }
      },

      calibrateOn: async (modelId, data) => {
        const q = get().models[modelId]?.quantization;
        if (!q) return true;
        try {
          if (q.choice === 'auto') await requantize(modelId, { activation: 'auto', calibrate: data });
          dataOf.set(modelId, data);
          return true;
        } catch (e) {
          set({ quantizeStatus: 'error' });
          get().notify('error', `Could not load ${data.name}: ${errorText(e)}`);
          return false;
        }
      },
    };
  };
}
