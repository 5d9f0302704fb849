// The driving CNN's default size (why: see the comment on DEFAULT_CNN_ARCH).
import type { CnnArch } from './cnn-net';

/**
 * 64x32 grey in, three strided convolutions and a dense layer to 32 features:
 *   conv 5x5/2, 8 ch  -> 8x16x32   (a 5x5 first kernel sees a lane marking's slant at this scale)
 *   conv 3x3/2, 16 ch -> 16x8x16
 *   conv 3x3/2, 24 ch -> 24x4x8
 *   dense 768 -> 32 features (the GRU's input; small so its 3H·I input cost stays low)
 * About 0.37 M MACs a frame (cnnCostPerFrame): 7.4 M MAC/s at 20 fps, a few ms a second in a browser,
 * and cheap enough to train on tens of thousands of frames on 2 CPU cores. Strides instead of pooling
 * save three quarters of each layer's MACs.
 */
export const DEFAULT_CNN_ARCH: CnnArch = {
  width: 64,
  height: 32,
  layers: [
    { kind: 'conv', kernel: 5, stride: 2, pad: 2, channels: 8 },
    { kind: 'conv', kernel: 3, stride: 2, pad: 1, channels: 16 },
    { kind: 'conv', kernel: 3, stride: 2, pad: 1, channels: 24 },
    { kind: 'dense', size: 32 },
  ],
};
