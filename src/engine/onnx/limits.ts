// Caps on an imported ONNX file, checked before and while decoding so that a hostile file costs at
// most about its own size in memory. Weights are further held to the model format's LIMITS.
import { LIMITS } from '../format/limits';

export const ONNX_LIMITS = {
  /** Whole file; the weights of the largest model DeltaLab takes fit well inside. */
  maxFileBytes: LIMITS.maxFileBytes,
  /** Decoded messages (nodes, attributes, tensors, dims...) in the whole file. */
  maxMessages: 200_000,
  /** Fields of all messages: bounds the elements of unpacked repeated numbers. */
  maxFields: 4_000_000,
  /** Graph nodes, initializers, graph inputs and outputs. */
  maxNodes: 10_000,
  /** Elements of one tensor. */
  maxTensorElements: 64 * 1024 * 1024,
  /** Dims of one tensor. */
  maxRank: 8,
} as const;
