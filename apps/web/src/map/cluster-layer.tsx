import type { DecodedPoints } from '@srt/shared/map-points';
import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { createClusterDrawer } from './cluster-draw.ts';
import { buildClusterIndex, type DrawnPin } from './clusters.ts';

/**
 * The exact/near pins, clustered (put it inside a `MapContainer`). Data in as props: the decoded
 * `map.points`. Every move of the map asks the supercluster index for what is in view and redraws only
 * that; a cluster zooms in when clicked (or Enter when focused), a pin calls `onPin`.
 *
 * Performance marks (read by apps/web/bench): `map:index` (index built from new points), `map:drawn`
 * (new points → first clusters drawn), `map:recluster` (each pan or zoom → clusters redrawn; its detail
 * says how many marks are shown and how long the clustering itself took).
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
    const drawer = createClusterDrawer(map, group, index, points, {
      pane,
      onPin: latest.current.onPin && ((pin) => latest.current.onPin?.(pin)),
      describeCluster: (count) => latest.current.describeCluster(count),
    });
    let first = true;
    const draw = () => {
      const start = performance.now();
      const detail = drawer.draw();
      performance.measure('map:recluster', { start, end: performance.now(), detail });
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
