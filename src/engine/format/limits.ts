// Caps on everything a file can declare. They are checked before anything is allocated or inflated,
// so a hostile or damaged file costs at most these amounts of memory and time.

const MiB = 1024 * 1024;

export const LIMITS = {
  /** Whole file, as stored. */
  maxFileBytes: 128 * MiB,
  /** UTF-8 JSON header. */
  maxHeaderBytes: 16 * MiB,
  /** Binary blob after decompression. */
  maxBlobBytes: 128 * MiB,
  maxLayers: 8,
  /** Any input, hidden or readout width. */
  maxUnits: 4096,
  /** Classes, or regression outputs. */
  maxOutputs: 1024,
  maxItems: 100_000,
  /** Frames in one pack item. */
  maxSequenceLength: 100_000,
  /** Audio of a pack: sample rates, and samples in one item's recording (ten minutes at 48 kHz). */
  minAudioRate: 1000,
  maxAudioRate: 48_000,
  maxItemAudioSamples: 48_000 * 600,
  /** In activation LSBs: an 8-bit difference never exceeds 255, so a larger Θ means nothing. */
  maxThreshold: 255,
  /** Entries of one sigmoid/tanh table: 2 * tableInputRange * 2^tableInputFrac. */
  maxTableEntries: 1 << 20,
  /** Ids, names, class names, speakers. */
  maxNameLength: 200,
  /** Descriptions, attribution, notes. */
  maxTextLength: 20_000,
  /** Nesting of the free-form features object. */
  maxJsonDepth: 16,
  maxCurvePoints: 10_000,
  maxManifestEntries: 1000,
} as const;
