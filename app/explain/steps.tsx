// The explanation's steps: one idea each, a few sentences and a live figure.
import type { ComponentType, ReactNode } from 'react';
import { ColumnsFigure } from './ColumnsFigure';
import { DiffFigure } from './DiffFigure';
import { FixedPointFigure } from './FixedPointFigure';
import { FormulaFigure } from './FormulaFigure';
import { MethodsFigure } from './MethodsFigure';
import { NeuronFigure } from './NeuronFigure';
import { YourTurnFigure } from './YourTurnFigure';

export interface ExplainStep {
  id: string;
  /** In the step list. */
  short: string;
  title: string;
  text: ReactNode;
  Figure: ComponentType;
}

export const STEPS: ExplainStep[] = [
  {
    id: 'neuron',
    short: 'One neuron',
    title: 'One neuron sends only its changes',
    text: (
      <>
        <p>
          A delta network’s neuron keeps x̂, the value it last sent. At each step it compares its new value
          with x̂: inside the band ±Θ around x̂ it sends nothing; when the value leaves the band it sends the
          change and x̂ jumps to the new value.
        </p>
        <p>
          Drag Θx. A larger Θ means fewer events (the blue marks) and a larger gap between what the neuron is
          and what the next layer believes it is. Click a cell in the lab’s network view, or change the
          fields, to watch another neuron.
        </p>
      </>
    ),
    Figure: NeuronFigure,
  },
  {
    id: 'columns',
    short: 'Saving work',
    title: 'Why it saves work: only the columns of fired units are read',
    text: (
      <>
        <p>
          A GRU step multiplies its weight matrices by the input and the previous hidden state. Written as
          columns, W·v is the sum of v’s entries times their columns. A dense GRU reads every column at every
          step.
        </p>
        <p>
          A delta GRU multiplies by the change Δv instead and adds it to an accumulator that keeps the
          previous sum, so a unit that sent nothing contributes nothing: its column is never read. Step the
          sample with → or the transport below and watch the two counters.
        </p>
      </>
    ),
    Figure: ColumnsFigure,
  },
  {
    id: 'signals',
    short: 'Real signals',
    title: 'Why real signals are cheap: they change slowly',
    text: (
      <>
        <p>
          Frames of speech are 10 ms apart, and from one frame to the next most frequency bands hardly change.
          The right image shows how much each input changed: mostly dark. Only the outlined changes exceeded
          Θx and were sent.
        </p>
        <p>
          Video is no different. Below, a simulated drive: 20 camera frames a second, each turned by a small
          CNN into the features the GRU reads. The road changes little in 50 ms, so most feature codes repeat
          exactly; at the operating point nearly all the others stay within Θx.
        </p>
        <p>
          The same holds inside the network: hidden states drift slowly, so most hidden units stay quiet too.
        </p>
      </>
    ),
    Figure: DiffFigure,
  },
  {
    id: 'formulas',
    short: 'Cost by hand',
    title: 'The cost formulas, with this step’s numbers',
    text: (
      <>
        <p>
          Each figure of the lab follows the formulas of the design document (section 3). Per layer and step,
          with I inputs, H hidden units and n<sub>x</sub>, n<sub>h</sub> the numbers that fired, the three
          gates cost 3H MACs per column read.
        </p>
        <p>
          The delta cost adds 2(I + H) for computing the changes and comparing them with Θ; the speedup is the
          sum of dense cost over the sum of delta cost. Step the sample and check a row by hand.
        </p>
      </>
    ),
    Figure: FormulaFigure,
  },
  {
    id: 'fixed-point',
    short: 'Fixed point',
    title: 'Fixed point: why Θ = 0 already skips work',
    text: (
      <>
        <p>
          The engine runs in 8-bit fixed point, Q3.4: a sign bit, three integer bits and four fraction bits,
          so values are multiples of 1/16 between −8 and 7.9375. A threshold of k LSB means k/16.
        </p>
        <p>
          In fixed point a value that did not change by at least one LSB has the very same code, and an
          unchanged code is not sent even at Θ = 0. On the digits that alone halves the work (about 2×). In
          float almost every hidden value changes a little at every step, so Θ = 0 sends nearly everything.
          Try both.
        </p>
      </>
    ),
    Figure: FixedPointFigure,
  },
  {
    id: 'training',
    short: 'Training',
    title: 'Training for sparsity moves the curve',
    text: (
      <>
        <p>
          Any GRU can be run as a delta network, but one trained for it keeps its accuracy at larger Θ, so it
          reaches a larger speedup before accuracy falls. Each curve is one model of this task swept over Θ.
        </p>
        <p>
          Click a point, or focus the chart and use the arrow keys and Enter, to run the lab at that setting.
        </p>
      </>
    ),
    Figure: MethodsFigure,
  },
  {
    id: 'your-turn',
    short: 'Your turn',
    title: 'Your turn',
    text: (
      <>
        <p>
          The lab shows all of this at once: the input, every neuron firing, one neuron up close, the
          thresholds, the cost and the trade-off. Pick a starting point.
        </p>
        <p>The explanation is one click away in the header (Explain), and a link can open it at any step.</p>
      </>
    ),
    Figure: YourTurnFigure,
  },
];
