// Leaflet's CSS belongs to this module, so it loads with the picker's lazy chunk and never with the first page.
import 'leaflet/dist/leaflet.css';
import { divIcon, type Marker as LeafletMarker, type LeafletMouseEvent, type PathOptions } from 'leaflet';
import { useMemo } from 'react';
import { GeoJSON, MapContainer, Marker, useMapEvents } from 'react-leaflet';
import { mapBounds, type PinCollection } from '../map/geo.ts';
import { countryShapes, INITIAL_BOUNDS, MAX_BOUNDS, neighbourShapes, regionShapes } from '../map/shapes.ts';
import classes from './location-map.module.css';

type Props = {
  lat: number | null;
  lon: number | null;
  country: string;
  /** The region the point lies in: drawn highlighted. */
  admin1Code: string | null;
  onPick: (lat: number, lon: number) => void;
  /** The map's accessible name. */
  label: string;
  /** The marker's accessible name. */
  markerLabel: string;
  attribution: string;
};

/** Five decimals: about a metre, more than any source states. */
const round = (n: number) => Math.round(n * 1e5) / 1e5;

function ClickToPlace({ onPick }: { onPick: Props['onPick'] }) {
  useMapEvents({ click: (e: LeafletMouseEvent) => onPick(round(e.latlng.lat), round(e.latlng.lng)) });
  return null;
}

const neighbourStyle: PathOptions = { color: '#adb5bd', weight: 0.8, fillColor: '#f1f3f5', fillOpacity: 1 };
const countryStyle =
  (country: string) =>
  (feature?: { properties?: { iso_a2?: string } }): PathOptions =>
    feature?.properties?.iso_a2 === country
      ? { color: '#1c7ed6', weight: 1.5, fillColor: '#d0ebff', fillOpacity: 1 }
      : { color: '#868e96', weight: 1, fillColor: '#e9ecef', fillOpacity: 1 };
const regionStyle =
  (admin1Code: string | null) =>
  (feature?: { properties?: { code_hasc?: string } }): PathOptions =>
    feature?.properties?.code_hasc === admin1Code
      ? { color: '#1864ab', weight: 1.5, fillColor: '#74c0fc', fillOpacity: 0.6 }
      : { color: '#4dabf7', weight: 0.6, fillOpacity: 0 };

/**
 * The picker's offline map (Natural Earth shapes shipped with the app): the chosen country and its admin-1
 * regions, the region of the point highlighted; a click places the point, the marker can be dragged.
 * Opens on the country (and the point) at mount — it is re-mounted when the country changes.
 */
export default function LocationMap({
  lat,
  lon,
  country,
  admin1Code,
  onPick,
  label,
  markerLabel,
  attribution,
}: Props) {
  const regions = useMemo(
    () => ({
      ...regionShapes,
      features: regionShapes.features.filter((f) => f.properties.iso_a2 === country),
    }),
    [country],
  );
  // Only the country re-centres the map (the component is re-mounted for it); moving the point does not.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the opening bounds only
  const bounds = useMemo(() => {
    const pins: PinCollection = {
      type: 'FeatureCollection',
      features:
        lat === null || lon === null
          ? []
          : [
              {
                type: 'Feature',
                id: 'point',
                geometry: { type: 'Point', coordinates: [lon, lat] },
                properties: { id: 'point', name: '', precision: 'exact' },
              },
            ],
    };
    return mapBounds(countryShapes, { countries: [country], pins }) ?? INITIAL_BOUNDS;
  }, [country]);
  const icon = useMemo(
    () => divIcon({ className: classes.marker, iconSize: [18, 18], iconAnchor: [9, 9] }),
    [],
  );
  return (
    <section aria-label={label} className={classes.frame} data-testid="location-map">
      <MapContainer
        bounds={bounds}
        maxBounds={MAX_BOUNDS}
        style={{ height: 320 }}
        className={classes.map}
        scrollWheelZoom={false}
        zoomSnap={0.25}
        attributionControl
      >
        <GeoJSON data={neighbourShapes} style={neighbourStyle} interactive={false} />
        <GeoJSON
          data={countryShapes}
          style={countryStyle(country)}
          interactive={false}
          attribution={attribution}
        />
        <GeoJSON
          key={`${country}:${admin1Code}`}
          data={regions}
          style={regionStyle(admin1Code)}
          interactive={false}
        />
        <ClickToPlace onPick={onPick} />
        {lat !== null && lon !== null && (
          <Marker
            position={[lat, lon]}
            draggable
            icon={icon}
            title={markerLabel}
            alt={markerLabel}
            eventHandlers={{
              dragend: (e) => {
                const point = (e.target as LeafletMarker).getLatLng();
                onPick(round(point.lat), round(point.lng));
              },
            }}
          />
        )}
      </MapContainer>
    </section>
  );
}
