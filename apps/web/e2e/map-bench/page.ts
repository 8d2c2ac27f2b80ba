// The benchmark page (never part of the app): the app's own clustering (supercluster + createClusterDrawer)
// against plain leaflet.markercluster, on the same points, map size and views. Driven by ../map-bench.ts.
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import { decodePoints, type EncodedPoints } from '@srt/shared/map-points';
import L from 'leaflet';
import { createClusterDrawer } from '../../src/map/cluster-draw.ts';
import { buildClusterIndex } from '../../src/map/clusters.ts';

export type Variant = 'supercluster' | 'markercluster';
export type BenchResult = {
  variant: Variant;
  points: number;
  /** Points in → clusters on screen (index or addLayers, first draw, one painted frame), ms. */
  initial: number;
  /** Each view change: setView until clustered and drawn (every handler has run), ms. */
  views: number[];
  /** The same, until the next frame is painted (includes waiting for that frame), ms. */
  painted: number[];
  /** supercluster only: the clustering part of each view change (the index query), ms. */
  clusterMs: number[];
};

declare global {
  interface Window {
    L: typeof L;
    runMapBench: (variant: Variant, encoded: EncodedPoints) => Promise<BenchResult>;
  }
}

// leaflet.markercluster is a plugin of the global `L`.
window.L = L;
await import('leaflet.markercluster');

/** The four countries, as the app opens on them. */
const BOUNDS = L.latLngBounds([35.0, 44.6], [45.7, 75.3]);
/** Zoom in on Tashkent and the Fergana valley, pan along the corridor, zoom out again. */
const VIEWS: [number, number, number][] = [
  [41.3, 69.3, 6],
  [41.3, 69.3, 7],
  [41.3, 69.3, 8],
  [41.3, 69.3, 9],
  [41.3, 69.3, 10],
  [40.8, 71.5, 10],
  [40.5, 72.3, 9],
  [40.4, 70.5, 8],
  [39.7, 66.9, 8],
  [39.7, 64.4, 8],
  [37.9, 58.4, 8],
  [40.4, 49.9, 8],
  [40.4, 49.9, 10],
  [38.6, 68.8, 10],
  [38.6, 68.8, 7],
  [40.0, 60.0, 6],
  [40.0, 60.0, 5],
  [41.3, 69.3, 12],
  [39.65, 66.95, 12],
  [40.0, 60.0, 5],
];

/** After the next frame has been painted. */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export async function runMapBench(variant: Variant, encoded: EncodedPoints): Promise<BenchResult> {
  const old = document.getElementById('map');
  const container = document.createElement('div');
  container.id = 'map';
  old?.replaceWith(container);
  const map = L.map(container, {
    maxZoom: 16,
    zoomAnimation: false,
    fadeAnimation: false,
    markerZoomAnimation: false,
  });
  map.fitBounds(BOUNDS);
  const points = decodePoints(encoded);
  await painted();

  const clusterTimes: number[] = [];
  const start = performance.now();
  if (variant === 'supercluster') {
    const index = buildClusterIndex(points);
    const group = L.layerGroup().addTo(map);
    const drawer = createClusterDrawer(map, group, index, points, {
      pane: 'markerPane',
      describeCluster: (n: number) => `${n}`,
    });
    drawer.draw();
    map.on('moveend', () => {
      clusterTimes.push(drawer.draw().clusterMs);
    });
  } else {
    const group = L.markerClusterGroup({ animate: false, chunkedLoading: false, spiderfyOnMaxZoom: false });
    const markers = new Array<L.CircleMarker>(points.count);
    for (let i = 0; i < points.count; i++)
      markers[i] = L.circleMarker([points.lat[i] ?? 0, points.lon[i] ?? 0], { radius: 5 });
    group.addLayers(markers);
    map.addLayer(group);
  }
  await painted();
  const initial = performance.now() - start;

  const views: number[] = [];
  const paints: number[] = [];
  for (const [lat, lon, zoom] of VIEWS) {
    const t = performance.now();
    map.setView([lat, lon], zoom, { animate: false });
    views.push(performance.now() - t);
    await painted();
    paints.push(performance.now() - t);
  }
  map.remove();
  return { variant, points: points.count, initial, views, painted: paints, clusterMs: clusterTimes };
}

window.runMapBench = runMapBench;
