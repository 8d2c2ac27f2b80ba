/**
 * Pure helpers that turn the repository's shape files into the small offline basemap the web app ships
 * (build.ts writes it; see README there). Coordinates are GeoJSON [lon, lat].
 */

export type Position = [number, number];
export type Ring = Position[];
export type Polygon = Ring[];
export type Bbox = readonly [west: number, south: number, east: number, north: number];

const roundTo = (value: number, decimals: number) => {
  const k = 10 ** decimals;
  return Math.round(value * k) / k;
};

/** Rounds every position and drops the repeats that rounding makes; null when fewer than 4 remain. */
export function roundRing(ring: readonly (readonly number[])[], decimals: number): Ring | null {
  const out: Ring = [];
  for (const p of ring) {
    const q: Position = [roundTo(p[0] ?? 0, decimals), roundTo(p[1] ?? 0, decimals)];
    const last = out[out.length - 1];
    if (last && last[0] === q[0] && last[1] === q[1]) continue;
    out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out.length >= 4 ? out : null;
}

/** Squared distance from p to the segment a–b (planar degrees: fine at these scales). */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/**
 * Douglas–Peucker: drops the vertices that lie within `tolerance` degrees of the line through their
 * neighbours. The first and last positions (a closed ring's one point) always stay.
 */
export function simplifyLine(line: readonly Position[], tolerance: number): Position[] {
  if (line.length < 3) return [...line];
  const keep = new Uint8Array(line.length);
  keep[0] = 1;
  keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  const limit = tolerance * tolerance;
  while (stack.length) {
    const [from, to] = stack.pop() ?? [0, 0];
    const a = line[from];
    const b = line[to];
    if (!a || !b) continue;
    let worst = -1;
    let worstDistance = limit;
    for (let i = from + 1; i < to; i++) {
      const p = line[i];
      if (!p) continue;
      const d = segmentDistance2(p, a, b);
      if (d > worstDistance) {
        worst = i;
        worstDistance = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([from, worst], [worst, to]);
    }
  }
  return line.filter((_, i) => keep[i] === 1);
}

type Edge = { inside: (p: Position) => boolean; cross: (a: Position, b: Position) => Position };

const at = (a: Position, b: Position, t: number): Position => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
];

function edges([west, south, east, north]: Bbox): Edge[] {
  return [
    { inside: (p) => p[0] >= west, cross: (a, b) => at(a, b, (west - a[0]) / (b[0] - a[0])) },
    { inside: (p) => p[0] <= east, cross: (a, b) => at(a, b, (east - a[0]) / (b[0] - a[0])) },
    { inside: (p) => p[1] >= south, cross: (a, b) => at(a, b, (south - a[1]) / (b[1] - a[1])) },
    { inside: (p) => p[1] <= north, cross: (a, b) => at(a, b, (north - a[1]) / (b[1] - a[1])) },
  ];
}

/**
 * Sutherland–Hodgman clipping of one closed ring to a box: what lies outside is cut away, and the cut runs
 * along the box's edge. Returns the clipped ring, closed, or null when nothing is left.
 */
export function clipRing(ring: readonly Position[], box: Bbox): Ring | null {
  let points: Position[] = ring.slice(0, -1);
  for (const edge of edges(box)) {
    if (points.length === 0) break;
    const input = points;
    points = [];
    input.forEach((current, i) => {
      const previous = input[(i + input.length - 1) % input.length] ?? current;
      if (edge.inside(current)) {
        if (!edge.inside(previous)) points.push(edge.cross(previous, current));
        points.push(current);
      } else if (edge.inside(previous)) points.push(edge.cross(previous, current));
    });
  }
  if (points.length < 3) return null;
  const first = points[0];
  return first ? [...points, [first[0], first[1]]] : null;
}

export const bboxOfPolygons = (polygons: readonly Polygon[]): Bbox => {
  let box: [number, number, number, number] = [180, 90, -180, -90];
  for (const polygon of polygons)
    for (const [lon, lat] of polygon[0] ?? [])
      box = [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)];
  return box;
};

export const intersects = (a: Bbox, b: Bbox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

type Geometry = { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] };

export const polygonsOf = (geometry: Geometry): Polygon[] =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;

/**
 * A (multi)polygon made small: clipped to `box` when given, simplified within `tolerance` degrees, rounded
 * to `decimals`, rings that vanish
 * dropped (a polygon whose outer ring vanishes goes with its holes). Null when nothing is left.
 */
export function shrinkGeometry(
  geometry: Geometry,
  options: { decimals: number; box?: Bbox; tolerance?: number },
): { type: 'MultiPolygon'; coordinates: Polygon[] } | null {
  const polygons: Polygon[] = [];
  for (const polygon of polygonsOf(geometry)) {
    const rings: Ring[] = [];
    for (const [i, ring] of polygon.entries()) {
      const clipped = options.box ? clipRing(ring, options.box) : ring;
      const simplified = clipped && options.tolerance ? simplifyLine(clipped, options.tolerance) : clipped;
      const rounded = simplified && roundRing(simplified, options.decimals);
      if (!rounded) {
        if (i === 0) break;
        continue;
      }
      rings.push(rounded);
    }
    if (rings.length) polygons.push(rings);
  }
  return polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null;
}
