// The model list, loaded models and packs, shipped curves, and the actions that choose among them.
import type { Thresholds } from '../../src/engine/types';
import { type EngineClient, MAX_USER_FILE_BYTES, type ManifestModel } from '../../src/workers/api';
import { formatBytes } from '../format/units';
import { decodeShare } from '../url/share-codec';
import type { ShareState } from '../url/share-schema';
import { DEFAULT_METHOD, DEFAULT_TASK } from './constants';
import { demoViewOf } from './demo-slice';
import { errorText } from './engine-errors';
import { fitThresholds, uniformThresholds } from './threshold-limits';
import type { CatalogActions, CatalogSlice, LabState, NeuronRef, Slice } from './types';

function defaultModel(models: ManifestModel[], task?: string): ManifestModel | undefined {
  const wanted = task && models.some((m) => m.task === task) ? task : DEFAULT_TASK;
  const inTask = models.filter((m) => m.task === wanted);
  if (inTask.length === 0) return models[0];
  return inTask.find((m) => m.method === DEFAULT_METHOD) ?? inTask[0];
}

function fitNeuron(n: NeuronRef | undefined, s: LabState): NeuronRef | null {
  const info = s.modelId ? s.models[s.modelId] : undefined;
  const layer = n && info ? info.layers[n.layer] : undefined;
  if (!n || !layer) return null;
  return n.index < (n.kind === 'x' ? layer.inputSize : layer.hiddenSize) ? n : null;
}

const MODEL_FILE = /\.(dlm|onnx)$/i;
const DATA_FILE = /\.(dlp|npz|npy|csv)$/i;
/** A recording: played through the current model as a sample (app/voice). */
const WAV_FILE = /\.(wav|wave)$/i;
/** A labels .npy dropped beside a features .npy: y.npy, labels.npy, train_labels.npy, ... */
const LABELS_FILE = /(^|[^a-z0-9])(y|labels?|targets?)\.npy$/i;

function fileId(name: string): string {
  const base = name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]/g, '-');
  return `dropped-${base}`.slice(0, 100);
}

export function createCatalogSlice(client: EngineClient): Slice<CatalogSlice & CatalogActions> {
  return (set, get) => {
    let selectToken = 0;
    /** A model dropped alone that fits no loaded samples: the next data dropped alone is read for it. */
    let awaitingData: { id: string; name: string; file: string } | null = null;
    /** NumPy/CSV data dropped alone that the current model could not read: the next model dropped alone gets it. */
    let pendingData: { data: { name: string; bytes: ArrayBuffer }; labels?: ArrayBuffer } | null = null;
    const busy = (catalogMessage: string) => set({ catalogStatus: 'loading', catalogMessage });

    const loadCurves = (task: string) => {
      for (const entry of get().modelEntries) {
        if (entry.task !== task || !entry.curve || get().shippedCurves[entry.id]) continue;
        client
          .shippedCurve(entry)
          .then((points) => set({ shippedCurves: { ...get().shippedCurves, [entry.id]: points } }))
          .catch((e) => get().notify('warning', `Curve of ${entry.label} not shown: ${errorText(e)}`));
      }
    };

    /** The entry's validation-chosen operating point, fetched once; a report that cannot be read only warns. */
    const operatingPoint = async (entry: ManifestModel) => {
      const known = get().operatingPoints[entry.id];
      if (known || !entry.report) return known ?? null;
      try {
        const op = await client.shippedOperatingPoint(entry);
        if (op) set({ operatingPoints: { ...get().operatingPoints, [entry.id]: op } });
        return op;
      } catch (e) {
        get().notify('warning', `Operating point of ${entry.label} not known: ${errorText(e)}`);
        return null;
      }
    };

    const selectModel: CatalogActions['selectModel'] = async (modelId, keep = {}) => {
      const token = ++selectToken;
      const entry = get().modelEntries.find((m) => m.id === modelId);
      if (!entry) {
        get().notify('error', `Model "${modelId}" is not in the model list.`);
        return;
      }
      try {
        busy(`Loading ${entry.label}…`);
        const info = get().models[modelId] ?? (await client.loadModel({ entry }));
        set({ models: { ...get().models, [modelId]: info } });
        const packEntry = get().manifest?.packs.find((p) => p.id === entry.pack);
        if (!get().packs[entry.pack] && !packEntry) throw new Error(`sample pack "${entry.pack}" is missing`);
        if (packEntry && !get().packs[entry.pack]) busy(`Loading samples ${packEntry.label}…`);
        const pack = get().packs[entry.pack] ?? (await client.loadPack({ entry: packEntry! }));
        const op = await operatingPoint(entry);
        if (token !== selectToken) return;
        const samePack = get().packId === entry.pack;
        const item = keep.itemIndex ?? (samePack ? get().itemIndex : 0);
        set({
          packs: { ...get().packs, [pack.id]: pack },
          task: entry.task,
          modelId,
          packId: pack.id,
          itemIndex: item < pack.items.length ? item : 0,
          // Θ stays when switching between models of one task, so they can be compared at the same
          // setting; a new task (or a setting the model cannot take) starts at the model's operating point.
          thresholds:
            fitThresholds(keep.uniform ? uniformThresholds(keep.uniform, info) : keep.thresholds, info) ??
            (entry.task === get().task ? fitThresholds(get().thresholds, info) : null) ??
            (op ? uniformThresholds(op, info) : info.trainedThresholds),
          trace: samePack && keep.itemIndex === undefined ? get().trace : null,
          evaluation: null,
          catalogStatus: 'ready',
          catalogMessage: '',
        });
        set({ neuron: fitNeuron(get().neuron ?? undefined, get()) });
        loadCurves(entry.task);
      } catch (e) {
        if (token !== selectToken) return;
        set({ catalogStatus: 'error', catalogMessage: '' });
        get().notify('error', `Could not load ${entry.label}: ${errorText(e)}`);
      }
    };

    const failed = (name: string, e: unknown) => {
      set({ catalogStatus: get().modelId ? 'ready' : 'error', catalogMessage: '' });
      get().notify('error', `Could not load ${name}: ${errorText(e)}`);
    };

    /**
     * A dropped model (an ONNX one quantized as activationChoice says). Unless its data comes with it,
     * it becomes current on the current pack if it fits, else it waits for its data (awaitingData).
     */
    const loadModelFile = async (f: { name: string; bytes: ArrayBuffer }, withData: boolean) => {
      const id = fileId(f.name);
      try {
        busy(`Loading ${f.name}…`);
        const info = await client.loadModel({ id, bytes: f.bytes, activation: get().activationChoice });
        set({ models: { ...get().models, [id]: info } });
        if (withData) {
          // Listed now, with its own data as its pack once that is read (loadDataFile).
          addDroppedModel(id, info.name, f.name, get().packId ?? '');
          return id;
        }
        const s = get();
        const pack = s.packId ? s.packs[s.packId] : undefined;
        const inputs = info.layers[0]?.inputSize;
        const q = (f: { intBits: number; fracBits: number }) => `Q${f.intBits}.${f.fracBits}`;
        const own = q(info.fixedPoint.activation);
        // The samples' codes must be in the model's format too (a .dlp is stored as codes).
        const codes = pack?.activation ? q(pack.activation) : own;
        if (!pack || pack.inputSize !== inputs || codes !== own) {
          awaitingData = { id, name: info.name, file: f.name };
          set({ catalogStatus: s.modelId ? 'ready' : 'error', catalogMessage: '' });
          get().notify(
            'info',
            `${f.name} is loaded: it takes ${inputs} inputs per frame in ${own}, the current samples have ${pack ? `${pack.inputSize} in ${codes}` : 'none'}. Drop or open its data (.npy, .npz, .csv) to see its curve.`,
          );
          return undefined;
        }
        addDroppedModel(id, info.name, f.name, pack.id);
        await selectModel(id);
        return id;
      } catch (e) {
        failed(f.name, e);
        return undefined;
      }
    };

    /** The name and file of a dropped model's list entry. */
    const droppedEntry = (id: string) => {
      const entry = get().modelEntries.find((m) => m.id === id);
      return { name: get().models[id]?.name ?? id, file: entry?.file ?? id };
    };

    const addDroppedModel = (id: string, name: string, file: string, pack: string) => {
      const entry: ManifestModel = {
        id,
        task: get().task ?? 'dropped',
        method: `${name} (dropped)`,
        label: `${name} (dropped)`,
        file,
        pack,
      };
      set({ modelEntries: [...get().modelEntries.filter((m) => m.id !== id), entry] });
    };

    /**
     * Dropped data: a .dlp as it is, NumPy/CSV read by the worker for `modelId` (an ONNX model on
     * auto is calibrated on it first). False when it could not be read.
     */
    const loadDataFile = async (
      f: { name: string; bytes: ArrayBuffer },
      modelId: string | null,
      labels: ArrayBuffer | undefined,
    ) => {
      const id = fileId(f.name);
      try {
        busy(`Loading ${f.name}…`);
        // NumPy/CSV data is read for the model (an ONNX one calibrated on it); a .dlp as it is.
        const { model: info, pack } =
          modelId && !/\.dlp$/i.test(f.name)
            ? await get().readDataFor(modelId, id, { name: f.name, data: f.bytes, labels })
            : {
                model: modelId ? get().models[modelId] : undefined,
                pack: await client.loadPack({ id, bytes: f.bytes, forModel: modelId ?? undefined, labels }),
              };
        if (!info || info.layers[0]?.inputSize !== pack.inputSize) {
          throw new Error('its input size does not match the model');
        }
        set({
          models: { ...get().models, [info.id]: info },
          packs: { ...get().packs, [id]: pack },
          ...(info.id === get().modelId && { packId: id, itemIndex: 0, position: 0, trace: null }),
        });
        if (modelId && modelId !== get().modelId) {
          set({ modelEntries: get().modelEntries.map((m) => (m.id === modelId ? { ...m, pack: id } : m)) });
          await selectModel(modelId);
          return true;
        }
        set({
          packId: id,
          itemIndex: 0,
          position: 0,
          trace: null,
          catalogStatus: 'ready',
          catalogMessage: '',
        });
        return true;
      } catch (e) {
        failed(f.name, e);
        return false;
      }
    };

    const applyView = (share: ShareState) => {
      const view: Partial<LabState> = {};
      if (share.mode) view.mode = share.mode;
      if (share.pres !== undefined) view.presentation = share.pres;
      if (share.layers !== undefined) view.perLayer = share.layers;
      if (share.speed !== undefined) view.speed = share.speed;
      if (share.explain !== undefined) view.explainStep = share.explain;
      set({ ...view, ...demoViewOf(share) });
    };

    return {
      manifest: null,
      modelEntries: [],
      models: {},
      packs: {},
      shippedCurves: {},
      operatingPoints: {},
      catalogStatus: 'idle',
      catalogMessage: '',

      init: async (hash) => {
        const { state: share, problems } = decodeShare(hash);
        busy('Loading the model list…');
        let manifest: Awaited<ReturnType<EngineClient['manifest']>>;
        try {
          manifest = await client.manifest();
        } catch (e) {
          set({ catalogStatus: 'error', catalogMessage: '' });
          get().notify('error', `Could not load the model list: ${errorText(e)}`);
          return;
        }
        set({ manifest, modelEntries: [...manifest.models] });
        if (manifest.models.length === 0) {
          set({ catalogStatus: 'error', catalogMessage: '' });
          get().notify('error', 'The model list (models/manifest.json) lists no models.');
          return;
        }
        applyView(share);
        let entry = share.model ? manifest.models.find((m) => m.id === share.model) : undefined;
        if (share.model && !entry) problems.push(`model "${share.model}" is not in the model list`);
        if (share.task && !manifest.models.some((m) => m.task === share.task)) {
          problems.push(`task "${share.task}" is not in the model list`);
        }
        entry ??= defaultModel(manifest.models, share.task);
        const wanted: Thresholds | undefined =
          share.tx && share.th ? { thetaX: share.tx, thetaH: share.th } : undefined;
        if ((share.tx === undefined) !== (share.th === undefined))
          problems.push('thresholds need both tx and th');
        await selectModel(entry!.id, { thresholds: wanted, itemIndex: share.item });
        const s = get();
        const info = s.modelId ? s.models[s.modelId] : undefined;
        if (info && wanted && !fitThresholds(wanted, info))
          problems.push("thresholds do not fit this model's layers");
        if (s.packId && share.item !== undefined && share.item !== s.itemIndex) {
          problems.push(`sample ${share.item} is not in the pack`);
        }
        if (share.neuron) {
          const n = fitNeuron(share.neuron, s);
          if (!n) problems.push('the selected neuron does not exist in this model');
          set({ neuron: n });
        }
        if (problems.length > 0) {
          get().notify('warning', `Parts of the link were ignored (defaults used): ${problems.join('; ')}.`);
        }
      },

      selectTask: async (task) => {
        const entry = defaultModel(get().modelEntries, task);
        if (entry) await selectModel(entry.id);
      },

      selectModel,

      openFile: (file) => get().openFiles([file]),

      openFiles: async (files) => {
        const read: { name: string; bytes: ArrayBuffer }[] = [];
        for (const file of files) {
          if (file.size > MAX_USER_FILE_BYTES) {
            // Reading first would hold the whole file in memory and freeze the page for seconds.
            get().notify(
              'error',
              `${file.name}: ${formatBytes(file.size)} is over the ${formatBytes(MAX_USER_FILE_BYTES)} limit for a file; nothing was read.`,
            );
            continue;
          }
          try {
            read.push({ name: file.name, bytes: await file.arrayBuffer() });
          } catch (e) {
            get().notify('error', `${file.name}: could not be read (${errorText(e)}).`);
          }
        }
        if (read.length > 0) await get().loadFiles(read);
      },

      loadFile: (name, bytes) => get().loadFiles([{ name, bytes }]),

      loadFiles: async (files) => {
        for (const f of files) {
          if (!MODEL_FILE.test(f.name) && !DATA_FILE.test(f.name) && !WAV_FILE.test(f.name)) {
            get().notify(
              'warning',
              `${f.name}: drop a model (.dlm, .onnx), data (.dlp, .npz, .npy, .csv) or a recording (.wav).`,
            );
          }
        }
        const models = files.filter((f) => MODEL_FILE.test(f.name));
        let data = files.filter((f) => DATA_FILE.test(f.name));
        // Two .npy files: features and labels (the parsing is the worker's; this only pairs names).
        const npys = data.filter((f) => /\.npy$/i.test(f.name));
        const labels = npys.length === 2 ? npys.find((f) => LABELS_FILE.test(f.name)) : undefined;
        if (labels) data = data.filter((f) => f !== labels);
        // Either order: a model alone takes data that waited for a model, data alone a model that waited for data.
        let labelBytes = labels?.bytes;
        if (models.length === 1 && data.length === 0 && pendingData) {
          data = [pendingData.data];
          labelBytes = pendingData.labels;
          get().notify('info', `${pendingData.data.name} is read for ${models[0].name}.`);
        }
        pendingData = null;
        // Data dropped with one model is read for that model, which need not fit the current pack.
        const withData = models.length === 1 && data.length > 0;
        if (models.length > 0) awaitingData = null;
        let forModel: string | undefined;
        for (const f of models) forModel = (await loadModelFile(f, withData)) ?? forModel;
        if (withData && !forModel) return;
        const waiting = models.length === 0 && data.length > 0 ? awaitingData : null;
        if (data.length > 0) awaitingData = null;
        if (waiting) addDroppedModel(waiting.id, waiting.name, waiting.file, get().packId ?? '');
        const owner = withData ? { id: forModel!, ...droppedEntry(forModel!) } : waiting;
        let read = 0;
        for (const f of data) {
          const ok = await loadDataFile(f, owner?.id ?? get().modelId, labelBytes);
          if (ok) read++;
          else if (!owner && data.length === 1 && !/\.dlp$/i.test(f.name)) {
            pendingData = { data: f, labels: labelBytes };
            get().notify(
              'info',
              `${f.name} is kept: drop or open a model next and it is read for that model.`,
            );
          }
        }
        if (owner && read === 0) {
          // Not listed without data it can run on; it waits for the next data dropped alone.
          set({ modelEntries: get().modelEntries.filter((m) => m.id !== owner.id) });
          awaitingData = owner;
        }
        // A recording alone changes no model or pack: no new curve for it.
        const wav = files.filter((f) => WAV_FILE.test(f.name)).at(-1);
        const onlyWav = wav !== undefined && models.length + data.length === 0;
        if (get().modelId && get().packId && get().catalogStatus === 'ready' && !onlyWav)
          void get().runSweep();
        // After any model of the same drop, so the recording runs through it.
        if (wav) await get().openRecording(wav.name, wav.bytes);
      },
    };
  };
}
