import type { DecodedPoints } from '@srt/shared/map-points';
import L from 'leaflet';
import classes from './cluster-layer.module.css';
import {
  type ClusterIndex,
  clusterSize,
  clustersInView,
  type Drawn,
  type DrawnCluster,
  type DrawnPin,
  expansionZoom,
} from './clusters.ts';

export type ClusterDrawOptions = {
  /** Leaflet pane the pins and clusters are drawn in. */
  pane: string;
  /** Without it the pins are not interactive (clusters still zoom). */
  onPin?: ((pin: DrawnPin) => void) | undefined;
  /** Accessible name of a cluster. */
  describeCluster: (count: number) => string;
};

const EXACT: L.CircleMarkerOptions = {
  radius: 5,
  color: '#ffffff',
  weight: 1.5,
  fillColor: '#c92a2a',
  fillOpacity: 1,
};
const NEAR: L.CircleMarkerOptions = {
  radius: 7,
  color: '#862e9c',
  weight: 1.5,
  dashArray: '3 2',
  fillColor: '#e599f7',
  fillOpacity: 0.55,
};

/**
 * Draws what the index has in the map's view into `group`: a marker with its count per cluster (a
 * focusable button that zooms in), a circle per pin. Each `draw()` keeps the marks still in view and only
 * adds and removes the difference (a pan touches a few marks, not all). Plain Leaflet, so the app
 * (`ClusterLayer`) and the benchmark (e2e/map-bench) run the same code.
 */
export function createClusterDrawer(
  map: L.Map,
  group: L.LayerGroup,
  index: ClusterIndex,
  points: DecodedPoints,
  options: ClusterDrawOptions,
) {
  const shown = new Map<string, L.Layer>();
  const { pane, onPin, describeCluster } = options;

  const clusterMark = (item: DrawnCluster) => {
    const size = clusterSize(item.count);
    const label = document.createElement('span');
    label.textContent = item.count >= 1000 ? `${Math.round(item.count / 100) / 10}k` : String(item.count);
    const name = describeCluster(item.count);
    const marker = L.marker([item.lat, item.lon], {
      pane,
      icon: L.divIcon({ html: label, className: classes.cluster, iconSize: [size, size] }),
      title: name,
      keyboard: true,
      riseOnHover: true,
    });
    marker.on('click', () => map.setView([item.lat, item.lon], expansionZoom(index, item.id)));
    marker.on('add', () => marker.getElement()?.setAttribute('aria-label', name));
    return marker;
  };
  const pinMark = (item: DrawnPin) => {
    const pin = L.circleMarker([item.lat, item.lon], {
      pane,
      ...(item.near ? NEAR : EXACT),
      interactive: onPin !== undefined,
    });
    if (onPin) pin.on('click', () => onPin(item));
    return pin;
  };

  return {
    /**
     * Brings the marks up to date with the map's view: how many are shown, and how long the clustering
     * itself took (ms; the rest of a draw is Leaflet adding and removing marks).
     */
    draw(): { marks: number; clusterMs: number } {
      const start = performance.now();
      const view = map.getBounds();
      const drawn = clustersInView(
        index,
        points,
        [view.getWest(), view.getSouth(), view.getEast(), view.getNorth()],
        map.getZoom(),
      );
      const clusterMs = performance.now() - start;
      const wanted = new Map<string, Drawn>();
      // Cluster ids encode their zoom level: a cluster of another zoom is another mark.
      for (const item of drawn) wanted.set(item.kind === 'cluster' ? `c${item.id}` : `p${item.index}`, item);
      for (const [key, layer] of shown) {
        if (wanted.has(key)) continue;
        group.removeLayer(layer);
        shown.delete(key);
      }
      for (const [key, item] of wanted) {
        if (shown.has(key)) continue;
        const layer = item.kind === 'cluster' ? clusterMark(item) : pinMark(item);
        group.addLayer(layer);
        shown.set(key, layer);
      }
      return { marks: shown.size, clusterMs };
    },
  };
}
