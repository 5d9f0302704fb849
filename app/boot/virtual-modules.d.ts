/// <reference types="vite-plugin-pwa/vanillajs" />
// The models folder's files inlined by tools/build/inline-models.ts: path → gzip bytes as base64.
declare module 'virtual:deltalab-inlined-models' {
  const files: Record<string, string>;
  export default files;
}

// virtual:pwa-register (app/boot/offline.ts) is declared by vite-plugin-pwa's types referenced above.
