// The models folder's files inlined by tools/build/inline-models.ts: path → gzip bytes as base64.
declare module 'virtual:deltalab-inlined-models' {
  const files: Record<string, string>;
  export default files;
}
