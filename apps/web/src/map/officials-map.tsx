// Leaflet's CSS belongs to the map's lazy chunk, never to the first page.
import 'leaflet/dist/leaflet.css';
import type { ChoroplethInput, ChoroplethScale } from '@srt/shared/choropleth';
import type { DecodedPoints } from '@srt/shared/map-points';
import L from 'leaflet';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { GeoJSON, MapContainer, Pane, TileLayer, useMap } from 'react-leaflet';
import { CityLabels } from './city-labels.tsx';
import { ClusterLayer } from './cluster-layer.tsx';
import { CLUSTER_MAX_ZOOM, type DrawnPin } from './clusters.ts';
import type { LatLonBounds } from './geo.ts';
import type { Level } from './map-model.ts';
import classes from './officials-map.module.css';
import { type ChoroplethFeature, RegionChoropleth } from './region-choropleth.tsx';
import {
  cities,
  countryShapes,
  INITIAL_BOUNDS,
  MAX_BOUNDS,
  neighbourShapes,
  regionShapes,
} from './shapes.ts';

/**
 * The officials' map, offline: Natural Earth countries and admin-1 regions shipped with the app, the
 * neighbouring countries for context, GeoNames place names by zoom, and an online tile layer only when
 * the server is configured with one (`tileUrl`). On top: the choropleth of the countries or regions,
 * and the clustered exact/near pins. Everything arrives as props (the page fetches); a pin's popup is
 * whatever `renderPin` returns, rendered through a portal into Leaflet's popup — no HTML strings.
 */

export type OfficialsMapProps = {
  level: Level;
  /** Value per country (`iso_a2`) or region (`code_hasc`) key. */
  values: Readonly<Record<string, ChoroplethInput>>;
  scale: ChoroplethScale;
  /** Accessible name and tooltip of a polygon. */
  describe: (key: string, feature: ChoroplethFeature) => string;
  selectedKey?: string | null;
  onSelect?: (key: string) => void;
  points?: DecodedPoints | undefined;
  describeCluster: (count: number) => string;
  /** The popup of a pin; `update` re-measures the popup when its content has changed size. */
  renderPin?: (pin: DrawnPin, update: () => void) => ReactNode;
  tileUrl?: string | null;
  attribution: string;
  /** The map's accessible name. */
  label: string;
  height: number | string;
  bounds?: LatLonBounds;
  /** Place names (off for the small overview map). */
  cityLabels?: boolean;
};

const NEIGHBOUR_STYLE: L.PathOptions = {
  color: '#b8b4a8',
  weight: 0.8,
  fillColor: '#e4e2da',
  fillOpacity: 1,
  interactive: false,
};
const OUTLINE_STYLE: L.PathOptions = { color: '#343a40', weight: 1.6, fill: false, interactive: false };

export function OfficialsMap(props: OfficialsMapProps) {
  const { level, tileUrl, attribution, label, height, bounds = INITIAL_BOUNDS, cityLabels = true } = props;
  return (
    <section aria-label={label} className={classes.frame} data-testid="officials-map">
      <MapContainer
        bounds={bounds}
        maxBounds={MAX_BOUNDS}
        maxBoundsViscosity={0.8}
        minZoom={4}
        maxZoom={CLUSTER_MAX_ZOOM + 2}
        zoomSnap={0.25}
        className={classes.map}
        style={{ height }}
        attributionControl
      >
        {tileUrl ? <TileLayer url={tileUrl} attribution={attribution} /> : null}
        <GeoJSON
          data={neighbourShapes}
          style={NEIGHBOUR_STYLE}
          interactive={false}
          attribution={attribution}
        />
        <RegionChoropleth
          features={level === 'country' ? countryShapes : regionShapes}
          keyProperty={level === 'country' ? 'iso_a2' : 'code_hasc'}
          values={props.values}
          scale={props.scale}
          describe={props.describe}
          onSelect={props.onSelect}
          selectedKey={props.selectedKey ?? null}
          outline={level === 'country' ? { color: '#343a40', weight: 1.2 } : undefined}
        />
        {level === 'region' ? (
          <GeoJSON data={countryShapes} style={OUTLINE_STYLE} interactive={false} />
        ) : null}
        <Pane name="labels" style={{ zIndex: 450, pointerEvents: 'none' }}>
          {cityLabels ? <CityLabels cities={cities} pane="labels" /> : null}
        </Pane>
        <Pane name="pins" style={{ zIndex: 620 }}>
          {props.points ? (
            <PinsWithPopup
              points={props.points}
              describeCluster={props.describeCluster}
              renderPin={props.renderPin}
            />
          ) : null}
        </Pane>
      </MapContainer>
    </section>
  );
}

type Open = { pin: DrawnPin; element: HTMLElement; popup: L.Popup };

function PinsWithPopup({
  points,
  describeCluster,
  renderPin,
}: Pick<OfficialsMapProps, 'describeCluster' | 'renderPin'> & { points: DecodedPoints }) {
  const map = useMap();
  const [open, setOpen] = useState<Open | null>(null);
  const openRef = useRef(open);
  openRef.current = open;

  const onPin = useCallback(
    (pin: DrawnPin) => {
      if (!renderPin) return;
      const element = document.createElement('div');
      const popup = L.popup({ maxWidth: 340, minWidth: 240, autoPanPadding: [24, 24] })
        .setLatLng([pin.lat, pin.lon])
        .setContent(element)
        .openOn(map);
      setOpen({ pin, element, popup });
    },
    [map, renderPin],
  );

  useEffect(() => {
    const onClose = (event: L.PopupEvent) => {
      if (event.popup === openRef.current?.popup) setOpen(null);
    };
    map.on('popupclose', onClose);
    return () => {
      map.off('popupclose', onClose);
    };
  }, [map]);

  const update = useMemo(() => () => openRef.current?.popup.update(), []);

  return (
    <>
      <ClusterLayer
        points={points}
        onPin={renderPin ? onPin : undefined}
        describeCluster={describeCluster}
        pane="pins"
      />
      {open && renderPin ? createPortal(renderPin(open.pin, update), open.element) : null}
    </>
  );
}
