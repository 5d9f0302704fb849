// The simulated driving data: a seeded road simulator (identical in Node and the browser) and
// clips recorded from it. Everything here is simulated; no real driving video is involved.
export { FPS, FRAME_HEIGHT, FRAME_WIDTH } from './camera';
export { clipDigest, type DrivingClip, renderClip } from './clip';
export { LANE_CENTRE, LANE_WIDTH, ROAD_HALF_WIDTH } from './road';
export { type SeedSplit, seedSplit, TEST_SEEDS, TRAIN_SEEDS, VALIDATION_SEEDS } from './seeds';
export { RoadSimulator, type SimulatorStep } from './simulator';
export { MAX_STEERING_DEG, STEERING_RATIO } from './vehicle';
