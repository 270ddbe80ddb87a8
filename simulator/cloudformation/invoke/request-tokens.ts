/**
 * Deterministic UUIDs (version 4 layout) from a seed, so that clientRequestTokens and stack ids are the same on
 * every run and golden outputs stay stable. Not for anything secret.
 */
export type UuidSource = () => string;

/** A UUID generator seeded by a string (e.g. the stack name): same seed, same sequence. */
export function seededUuids(seed: string): UuidSource {
  // FNV-1a of the seed, then a mulberry32 stream: small, fast, and good enough for unique-looking ids.
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => {
    const hex = [next32(), next32(), next32(), next32()].map((n) => n.toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}
