// Types for snappyjs (pure JavaScript snappy, block format), which ships none. It returns the
// kind of buffer it was given: a Uint8Array for a Uint8Array.
declare module 'snappyjs' {
  export function compress<T extends Uint8Array | ArrayBuffer>(uncompressed: T): T;
  export function uncompress<T extends Uint8Array | ArrayBuffer>(compressed: T, maxLength?: number): T;
}
