/**
 * Unicode simple case folding as Go's `(?i)` applies it: every code point
 * joined with the ones it upper- or lower-cases to (k, K and the Kelvin sign
 * U+212A form one orbit). JavaScript's `i` flag cannot be switched on for
 * part of a pattern (Node 20 has no `(?i:...)`), so a Go pattern whose case
 * rule changes midway is compiled with the orbits spelled out.
 */
let orbits: Map<number, number[]> | undefined;

function build(): Map<number, number[]> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  const union = (a: number, b: number) => {
    if (a === b) return;
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const cp of casedCodePoints()) {
    const c = String.fromCodePoint(cp);
    for (const other of [c.toLowerCase(), c.toUpperCase()]) {
      const o = other.codePointAt(0)!;
      // A mapping to several characters (ß -> SS) is not a simple fold.
      if (String.fromCodePoint(o) === other) union(cp, o);
    }
  }
  const groups = new Map<number, number[]>();
  for (const cp of parent.keys()) {
    const r = find(cp);
    const g = groups.get(r) ?? [];
    g.push(cp);
    groups.set(r, g);
  }
  const out = new Map<number, number[]>();
  for (const g of groups.values()) if (g.length > 1) for (const cp of g) out.set(cp, g);
  return out;
}

/** The Unicode blocks that hold every cased letter (Latin to Adlam); the rest have no case. */
const CASED_BLOCKS: [number, number][] = [
  [0x0000, 0x058f], [0x10a0, 0x10ff], [0x13a0, 0x13ff], [0x1c80, 0x1cbf], [0x1d00, 0x1fff], [0x2100, 0x218f],
  [0x24b0, 0x24ef], [0x2c00, 0x2d2f], [0xa640, 0xa69f], [0xa720, 0xa7ff], [0xab70, 0xabbf], [0xfb00, 0xfb4f],
  [0xff20, 0xff5f], [0x10400, 0x104ff], [0x10570, 0x105bf], [0x10c80, 0x10cff], [0x118a0, 0x118ff],
  [0x16e40, 0x16e9f], [0x1e900, 0x1e95f],
];

function* casedCodePoints(): Generator<number> {
  for (const [lo, hi] of CASED_BLOCKS) for (let cp = lo; cp <= hi; cp++) yield cp;
}

/** The code points that match `cp` case-insensitively, itself included. */
export function caseOrbit(cp: number): number[] {
  orbits ??= build();
  return orbits.get(cp) ?? [cp];
}

/** Add to `ranges` the case variants of every code point they hold. */
export function foldRanges(ranges: [number, number][]): [number, number][] {
  orbits ??= build();
  const out = [...ranges];
  for (const [cp, orbit] of orbits) {
    if (ranges.some(([lo, hi]) => cp >= lo && cp <= hi)) for (const o of orbit) out.push([o, o]);
  }
  return out;
}
