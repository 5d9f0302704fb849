// Comlink ships the Node adapter's types as node-adapter.d.ts, which TypeScript does not pair with the .mjs file.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
