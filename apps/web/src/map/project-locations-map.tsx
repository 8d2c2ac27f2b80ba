// Leaflet's CSS belongs to this module, so it loads with the map's lazy chunk and never with the first page.
import 'leaflet/dist/leaflet.css';
import type { PathOptions } from 'leaflet';
import { useMemo } from 'react';
import { Circle, CircleMarker, GeoJSON, MapContainer, Tooltip } from 'react-leaflet';
import { type MapLocation, mapBounds, type PinFeature, parseOutlines, pinCollection } from './geo.ts';
import outlineText from './ne_10m_admin0_az_tj_tm_uz_dissolved.geojson?raw';
import classes from './project-locations-map.module.css';

/** Natural Earth 1:10m outlines of the four countries (public domain), shipped with the app: no tile server. */
const outlines = parseOutlines(outlineText);

const NEAR_RADIUS_METRES = 25_000;

type Props = {
  locations: readonly MapLocation[];
  /** The project's countries: their outlines are highlighted and the map opens on them. */
  countries: readonly string[];
  /** The map's accessible name. */
  label: string;
  /** The tooltip text of a pin (name and precision, in the UI language). */
  describePin: (pin: PinFeature['properties']) => string;
  attribution: string;
  height?: number;
};

const outlineStyle =
  (highlight: ReadonlySet<string>) =>
  (feature?: { properties?: { iso_a2?: string } }): PathOptions =>
    highlight.has(feature?.properties?.iso_a2 ?? '')
      ? { color: '#1c7ed6', weight: 1.5, fillColor: '#74c0fc', fillOpacity: 0.35 }
      : { color: '#868e96', weight: 1, fillColor: '#dee2e6', fillOpacity: 0.4 };

/**
 * A small offline map of one project's locations: the country outlines, a dot for each `exact` point and
 * a 25 km circle around each `near` one. Region-, country-level and problem locations are not drawn (the
 * page lists them). Opens on its bounds at mount, so nothing animates.
 */
export function ProjectLocationsMap({
  locations,
  countries,
  label,
  describePin,
  attribution,
  height = 320,
}: Props) {
  const pins = useMemo(() => pinCollection(locations), [locations]);
  const highlight = useMemo(() => new Set(countries), [countries]);
  const bounds = useMemo(() => mapBounds(outlines, { countries, pins }), [countries, pins]);
  if (!bounds) return null;
  return (
    <section aria-label={label} className={classes.frame} data-testid="project-map">
      <MapContainer
        bounds={bounds}
        style={{ height }}
        className={classes.map}
        scrollWheelZoom={false}
        zoomSnap={0.25}
        attributionControl
      >
        <GeoJSON
          data={outlines}
          style={outlineStyle(highlight)}
          interactive={false}
          attribution={attribution}
        />
        {pins.features.map((pin) => {
          const [lon, lat] = pin.geometry.coordinates;
          const text = describePin(pin.properties);
          return pin.properties.precision === 'near' ? (
            <Circle
              key={pin.id}
              center={[lat, lon]}
              radius={NEAR_RADIUS_METRES}
              pathOptions={{ color: '#e8590c', weight: 1.5, dashArray: '4 3', fillOpacity: 0.2 }}
            >
              <Tooltip>{text}</Tooltip>
            </Circle>
          ) : (
            <CircleMarker
              key={pin.id}
              center={[lat, lon]}
              radius={6}
              pathOptions={{ color: '#ffffff', weight: 2, fillColor: '#c92a2a', fillOpacity: 1 }}
            >
              <Tooltip>{text}</Tooltip>
            </CircleMarker>
          );
        })}
      </MapContainer>
    </section>
  );
}
