import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import classes from './cluster-layer.module.css';
import { type City, citiesAtZoom, declutter, labelWidth } from './map-model.ts';

const LABEL_HEIGHT = 14;
/** Labels start this far right of their place, clear of a small cluster drawn on it. */
const LABEL_OFFSET = 12;

/**
 * GeoNames place names (put it inside a `MapContainer`): capitals at every zoom, admin-1 seats from zoom
 * 6, other places from 8 (`cityMinZoom`); in view only, biggest first, none overlapping. Text nodes, not
 * HTML; never interactive.
 */
export function CityLabels({ cities, pane }: { cities: readonly City[]; pane: string }) {
  const map = useMap();
  useEffect(() => {
    const group = L.layerGroup([], { pane }).addTo(map);
    const draw = () => {
      group.clearLayers();
      const view = map.getBounds().pad(0.05);
      const candidates = citiesAtZoom(cities, map.getZoom()).filter((c) => view.contains([c.lat, c.lon]));
      const boxes = candidates.map((c) => {
        const at = map.latLngToContainerPoint([c.lat, c.lon]);
        return {
          x: at.x + LABEL_OFFSET,
          y: at.y - LABEL_HEIGHT / 2,
          width: labelWidth(c.name, c.code === 'PPLC'),
          height: LABEL_HEIGHT,
        };
      });
      for (const i of declutter(boxes)) {
        const city = candidates[i];
        if (!city) continue;
        const text = document.createElement('span');
        text.textContent = city.name;
        text.dataset.capital = String(city.code === 'PPLC');
        group.addLayer(
          L.marker([city.lat, city.lon], {
            pane,
            icon: L.divIcon({
              html: text,
              className: classes.city,
              iconSize: undefined,
              iconAnchor: [-LABEL_OFFSET, LABEL_HEIGHT / 2],
            }),
            interactive: false,
            keyboard: false,
          }),
        );
      }
    };
    draw();
    map.on('moveend', draw);
    return () => {
      map.off('moveend', draw);
      group.remove();
    };
  }, [map, cities, pane]);
  return null;
}
