// Leaflet's CSS belongs to this module, so it loads with the map's lazy chunk and never with the first page.
import 'leaflet/dist/leaflet.css';
import type { ChoroplethScale } from '@srt/shared/choropleth';
import type { PathOptions } from 'leaflet';
import { useMemo } from 'react';
import { GeoJSON, MapContainer } from 'react-leaflet';
import { parseOutlines } from '../../../map/geo.ts';
import outlineText from '../../../map/ne_10m_admin0_az_tj_tm_uz_dissolved.geojson?raw';
import { type ChoroplethFeature, RegionChoropleth } from '../../../map/region-choropleth.tsx';
import classes from './brief.module.css';
import { type RegionCollection, shapeBounds } from './shape.ts';

/** Natural Earth country outlines shipped with the app (public domain): no tile server. */
const outlines = parseOutlines(outlineText);

const NEIGHBOUR: PathOptions = { color: '#adb5bd', weight: 0.8, fillColor: '#e9ecef', fillOpacity: 1 };
const BORDER: PathOptions = { color: '#212529', weight: 1.4, fill: false };
const REGION_OUTLINE = { color: '#868e96', weight: 0.7 };

export type BriefRegionMapProps = {
  country: string;
  /** The country's admin-1 regions (Natural Earth, shipped with the app). */
  regions: RegionCollection;
  /** Projects per region key (`code_hasc`). */
  values: Readonly<Record<string, number>>;
  scale: ChoroplethScale;
  /** Accessible name and tooltip of a region. */
  describe: (key: string) => string;
  label: string;
  height: number;
};

/**
 * The brief's map: the country's admin-1 regions shaded by their number of projects, its border, and the
 * other three countries in grey for context. Static (no panning or zooming: it is printed) and opened on
 * the country's bounds at mount, so nothing animates.
 */
export default function BriefRegionMap(props: BriefRegionMapProps) {
  const { country, regions, values, scale, describe, label, height } = props;
  const bounds = useMemo(() => shapeBounds(regions), [regions]);
  const neighbours = useMemo(
    () => ({ ...outlines, features: outlines.features.filter((f) => f.properties.iso_a2 !== country) }),
    [country],
  );
  const border = useMemo(
    () => ({ ...outlines, features: outlines.features.filter((f) => f.properties.iso_a2 === country) }),
    [country],
  );
  const name = useMemo(() => (key: string, _feature: ChoroplethFeature) => describe(key), [describe]);
  if (!bounds) return null;
  return (
    <figure className={classes.map} aria-label={label} data-testid="brief-map">
      <MapContainer
        key={country}
        bounds={bounds}
        style={{ height }}
        className={classes.leaflet}
        zoomSnap={0.1}
        zoomControl={false}
        dragging={false}
        scrollWheelZoom={false}
        doubleClickZoom={false}
        touchZoom={false}
        boxZoom={false}
        keyboard={false}
        attributionControl={false}
      >
        <GeoJSON data={neighbours} style={NEIGHBOUR} interactive={false} />
        <RegionChoropleth
          features={regions}
          keyProperty="code_hasc"
          values={values}
          scale={scale}
          describe={name}
          outline={REGION_OUTLINE}
        />
        <GeoJSON data={border} style={BORDER} interactive={false} />
      </MapContainer>
    </figure>
  );
}
