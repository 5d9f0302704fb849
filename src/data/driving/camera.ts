// Camera and frame geometry shared by the renderer and the tests.
//
// 64×32 grey at 20 fps (the comma.ai rate): a small CNN over 2048 pixels costs well under a
// megaMAC a frame (the shipped one 0.36 M), so the browser can run it on every frame of a live
// drive, and at a 60° field of view the lane (3.6 m) is still 6 px wide 30 m ahead, enough to see
// where it bends. Grey, because lane geometry needs no colour and it keeps the CNN's first layer a
// third the size. Rendering costs about 0.1-0.2 ms a frame in Node (npm run bench -- driving-sim).
export const FRAME_WIDTH = 64;
export const FRAME_HEIGHT = 32;
export const FPS = 20;

/** Focal length in pixels (60° horizontal field of view), principal point and horizon row. */
export const FOCAL = 56;
export const CENTRE_X = FRAME_WIDTH / 2;
export const HORIZON = 11;
/** Camera height above the road (m). */
export const CAMERA_HEIGHT = 1.25;
