// The shareable part of the lab's state and the zod schemas that validate it when read from a link.
import { z } from 'zod';
import { HEAR_MODES } from '../connected/connected-slice';
import { DRIVE_MODES } from '../driving/driving-slice';
import { EXPLAIN_STEPS } from '../explain/explain-slice';
import { SPEEDS } from '../store/constants';
import { EMBED_VIEWS, HIDEABLE_CONTROLS, MAX_IDLE_S } from '../store/demo-options';

const ID = /^[A-Za-z0-9._-]{1,100}$/;
/** Upper bounds that no real model reaches; the loaded model narrows them further. */
export const MAX_LAYERS = 16;
export const MAX_THETA = 1024;
export const MAX_ITEM = 999_999;
export const MAX_NEURON = 99_999;

const idSchema = z.string().regex(ID);
const thetaList = z.array(z.number().int().min(0).max(MAX_THETA)).min(1).max(MAX_LAYERS);
const hideList = z
  .array(z.enum(HIDEABLE_CONTROLS))
  .min(1)
  .max(HIDEABLE_CONTROLS.length)
  .refine((l) => new Set(l).size === l.length, 'a control is named twice');

export const shareStateSchema = z
  .object({
    task: idSchema,
    model: idSchema,
    item: z.number().int().min(0).max(MAX_ITEM),
    tx: thetaList,
    th: thetaList,
    mode: z.enum(['float', 'fixed']),
    pres: z.boolean(),
    layers: z.boolean(),
    neuron: z.object({
      layer: z
        .number()
        .int()
        .min(0)
        .max(MAX_LAYERS - 1),
      kind: z.enum(['x', 'h']),
      index: z.number().int().min(0).max(MAX_NEURON),
    }),
    speed: z.union(SPEEDS.map((s) => z.literal(s))),
    kiosk: z.boolean(),
    idle: z.number().int().min(1).max(MAX_IDLE_S),
    loop: z.boolean(),
    view: z.enum(EMBED_VIEWS),
    hide: hideList,
    /** Driving: the recorded clip or the live road. */
    drive: z.enum(DRIVE_MODES),
    /** Connected digits: one string frame by frame, or always-on listening. */
    hear: z.enum(HEAR_MODES),
    /** The guided explanation, open at this step. */
    explain: z.number().int().min(1).max(EXPLAIN_STEPS),
  })
  .partial()
  .strict();

export type ShareState = z.infer<typeof shareStateSchema>;
export type ShareKey = keyof ShareState;

const int = (max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/)
    .transform(Number)
    .pipe(z.number().int().max(max));
const list = z
  .string()
  .regex(/^\d{1,4}(,\d{1,4}){0,15}$/)
  .transform((s) => s.split(',').map(Number))
  .pipe(thetaList);
const flag = z.enum(['0', '1']).transform((s) => s === '1');

/** How each URL parameter's text becomes a field value; a parameter that fails is dropped. */
export const paramSchemas: { [K in ShareKey]-?: z.ZodType<NonNullable<ShareState[K]>, string> } = {
  task: idSchema,
  model: idSchema,
  item: int(MAX_ITEM),
  tx: list,
  th: list,
  mode: z.enum(['float', 'fixed']),
  pres: flag,
  layers: flag,
  neuron: z
    .string()
    .regex(/^\d{1,2}:[xh]:\d{1,5}$/)
    .transform((s) => {
      const [layer, kind, index] = s.split(':');
      return { layer: Number(layer), kind: kind as 'x' | 'h', index: Number(index) };
    })
    .pipe(shareStateSchema.shape.neuron.unwrap()),
  speed: z
    .string()
    .regex(/^\d(\.\d{1,2})?$/)
    .transform(Number)
    .pipe(shareStateSchema.shape.speed.unwrap()),
  kiosk: flag,
  idle: int(MAX_IDLE_S).pipe(shareStateSchema.shape.idle.unwrap()),
  loop: flag,
  view: z.enum(EMBED_VIEWS),
  hide: z
    .string()
    .regex(/^[a-z]{1,12}(,[a-z]{1,12}){0,15}$/)
    .transform((s) => s.split(','))
    .pipe(hideList),
  drive: z.enum(DRIVE_MODES),
  hear: z.enum(HEAR_MODES),
  explain: int(EXPLAIN_STEPS).pipe(shareStateSchema.shape.explain.unwrap()),
};
