/**
 * A keyed 32-bit mixing hash (murmur3's finaliser over the key and the input): enough to make a
 * redaction mapping unguessable without the key, which the caller draws at random. Not a
 * cryptographic primitive; see docs/security.md for what redaction does and does not promise.
 */

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes `parts` (numbers and strings) under `key`. @example keyedHash('k', [1, 'a']) !== keyedHash('k', [1, 'b']) */
export function keyedHash(key: string, parts: readonly (number | string)[]): number {
  let h = 0x9747b28c;
  const feed = (x: number) => {
    h = mix((h ^ x) + 0x9e3779b9 + (h << 6) + (h >>> 2));
  };
  for (let i = 0; i < key.length; i++) feed(key.charCodeAt(i));
  feed(0xffff);
  for (const p of parts) {
    if (typeof p === 'number') feed(p >>> 0);
    else for (let i = 0; i < p.length; i++) feed(p.charCodeAt(i));
    feed(0x1f);
  }
  return h;
}
