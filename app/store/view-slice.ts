// View options: presentation mode, per-layer sliders, the neuron up close, help, motion.
import type { Slice, ViewSlice } from './types';

export const createViewSlice: Slice<ViewSlice> = (set) => ({
  presentation: false,
  perLayer: false,
  neuron: null,
  helpOpen: false,
  motion: true,
  setPresentation: (presentation) => set({ presentation }),
  setPerLayer: (perLayer) => set({ perLayer }),
  selectNeuron: (neuron) => set({ neuron }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setMotion: (motion) => set(motion ? { motion } : { motion, playing: false }),
});
