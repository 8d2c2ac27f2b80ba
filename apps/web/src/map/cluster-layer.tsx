import type { DecodedPoints } from '@srt/shared/map-points';
import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useMap } from 'react-leaflet';
import classes from './cluster-layer.module.css';
import { buildClusterIndex, clusterSize, clustersInView, type DrawnPin, expansionZoom } from './clusters.ts';

/**
 * The exact/near pins, clustered (put it inside a `MapContainer`). Data in as props: the decoded
 * `map.points`. Every move of the map asks the supercluster index for what is in view and redraws only
 * that; a cluster zooms in when clicked (or Enter when focused), a pin calls `onPin`.
 *
 * Performance marks (read by apps/web/bench): `map:index` (index built from new points), `map:drawn`
 * (new points → first clusters drawn), `map:recluster` (each pan or zoom → clusters redrawn).
 */
type Props = {
  points: DecodedPoints;
  /** Without it the pins are not interactive (clusters still zoom). */
  onPin?: ((pin: DrawnPin) => void) | undefined;
  /** Accessible name of a cluster, e.g. "42 project sites: zoom in". */
  describeCluster: (count: number) => string;
  /** Leaflet pane the pins and clusters are drawn in (above the polygons). */
  pane?: string;
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

export function ClusterLayer({ points, onPin, describeCluster, pane = 'markerPane' }: Props) {
  const map = useMap();
  const latest = useRef({ onPin, describeCluster });
  latest.current = { onPin, describeCluster };

  const index = useMemo(() => {
    performance.mark('map:points');
    const built = buildClusterIndex(points);
    performance.measure('map:index', 'map:points');
    return built;
  }, [points]);

  useEffect(() => {
    const group = L.layerGroup([], { pane }).addTo(map);
    let first = true;
    const draw = () => {
      performance.mark('map:recluster:start');
      const view = map.getBounds();
      const drawn = clustersInView(
        index,
        points,
        [view.getWest(), view.getSouth(), view.getEast(), view.getNorth()],
        map.getZoom(),
      );
      group.clearLayers();
      for (const item of drawn) {
        if (item.kind === 'cluster') {
          const size = clusterSize(item.count);
          const label = document.createElement('span');
          label.textContent =
            item.count >= 1000 ? `${Math.round(item.count / 100) / 10}k` : String(item.count);
          const marker = L.marker([item.lat, item.lon], {
            pane,
            icon: L.divIcon({ html: label, className: classes.cluster, iconSize: [size, size] }),
            title: latest.current.describeCluster(item.count),
            keyboard: true,
            riseOnHover: true,
          });
          marker.on('click', () => map.setView([item.lat, item.lon], expansionZoom(index, item.id)));
          marker.on('add', () =>
            marker.getElement()?.setAttribute('aria-label', latest.current.describeCluster(item.count)),
          );
          group.addLayer(marker);
        } else {
          const pin = L.circleMarker([item.lat, item.lon], {
            pane,
            ...(item.near ? NEAR : EXACT),
            interactive: latest.current.onPin !== undefined,
          });
          pin.on('click', () => latest.current.onPin?.(item));
          group.addLayer(pin);
        }
      }
      performance.measure('map:recluster', 'map:recluster:start');
      if (first) {
        first = false;
        // Measured when the browser has painted what was drawn.
        requestAnimationFrame(() => performance.measure('map:drawn', 'map:points'));
      }
    };
    draw();
    map.on('moveend', draw);
    return () => {
      map.off('moveend', draw);
      group.remove();
    };
  }, [map, index, points, pane]);

  return null;
}
