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
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
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
