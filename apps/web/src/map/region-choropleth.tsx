import {
  type ChoroplethInput,
  type ChoroplethScale,
  choroplethClass,
  choroplethColor,
} from '@srt/shared/choropleth';
import type { Layer, GeoJSON as LeafletGeoJSON, LeafletMouseEvent, Path, PathOptions } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { GeoJSON } from 'react-leaflet';

/**
 * A choropleth layer (put it inside a react-leaflet `MapContainer`): country or admin-1 polygons filled
 * with the class colour of their value, outlined, highlighted on hover and keyboard focus, each with an
 * accessible name. Data comes in as props; classes come from `choroplethScale` (@srt/shared/choropleth),
 * so the legend (`ChoroplethLegend`) and the map always agree.
 *
 * Keys: `iso_a2` for countries, `code_hasc` for Natural Earth admin-1 regions (PROVENANCE.md §2).
 * With `onSelect`, each polygon is a focusable button (Enter/Space or click selects it); without, an image
 * with its name. Leaflet CSS is imported by the module that renders the `MapContainer`.
 */

export type ChoroplethGeometry =
  | { type: 'Polygon'; coordinates: readonly (readonly (readonly number[])[])[] }
  | { type: 'MultiPolygon'; coordinates: readonly (readonly (readonly (readonly number[])[])[])[] };
export type ChoroplethFeature = {
  type: 'Feature';
  properties: Readonly<Record<string, unknown>> | null;
  geometry: ChoroplethGeometry | null;
};
export type ChoroplethFeatureCollection = {
  type: 'FeatureCollection';
  features: readonly ChoroplethFeature[];
};

export type RegionChoroplethProps = {
  features: ChoroplethFeatureCollection;
  /** The property that keys a feature: `iso_a2` (countries) or `code_hasc` (admin-1 regions). */
  keyProperty: 'iso_a2' | 'code_hasc' | (string & {});
  /** Value per feature key: a count or a USD decimal string; missing = no data. */
  values: Readonly<Record<string, ChoroplethInput>>;
  scale: ChoroplethScale;
  /** The accessible name and tooltip of a feature, in the UI language (e.g. "Samarqand: 4 projects"). */
  describe: (key: string, feature: ChoroplethFeature) => string;
  onSelect?: (key: string) => void;
  selectedKey?: string | null;
  /** Outline colour and width of the polygons (defaults suit admin-1 regions on a light background). */
  outline?: { color: string; weight: number };
  /** Tooltips on hover (off for print-only maps). */
  tooltips?: boolean;
};

const DEFAULT_OUTLINE = { color: '#6c757d', weight: 0.8 };
const HIGHLIGHT: PathOptions = { color: '#212529', weight: 2.5 };
const SELECTED: PathOptions = { color: '#c92a2a', weight: 3 };

/** The feature's key property, when it is a non-empty string. */
export function featureKey(feature: { properties?: unknown } | null | undefined, keyProperty: string) {
  const properties = feature?.properties;
  if (typeof properties !== 'object' || properties === null || !(keyProperty in properties)) return null;
  const value: unknown = Reflect.get(properties, keyProperty);
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The fill and outline of one feature, with the hover/focus and selection states on top. */
export function choroplethStyle(
  key: string | null,
  props: Pick<RegionChoroplethProps, 'values' | 'scale' | 'selectedKey' | 'outline'>,
  highlighted = false,
): PathOptions {
  const base: PathOptions = {
    ...(props.outline ?? DEFAULT_OUTLINE),
    fillColor: choroplethColor(props.scale, key === null ? null : props.values[key]),
    fillOpacity: 1,
    opacity: 1,
  };
  if (key !== null && key === props.selectedKey) return { ...base, ...SELECTED };
  return highlighted ? { ...base, ...HIGHLIGHT } : base;
}

type FeatureLayer = Path & { feature?: ChoroplethFeature };
const isPath = (layer: Layer): layer is FeatureLayer => 'setStyle' in layer && 'getElement' in layer;

// Leaflet's `GeoJSON` reads `data` once; a new collection gets a new layer (React key).
const collectionIds = new WeakMap<ChoroplethFeatureCollection, number>();
let nextCollectionId = 0;
function collectionId(collection: ChoroplethFeatureCollection): number {
  let id = collectionIds.get(collection);
  if (id === undefined) {
    id = nextCollectionId++;
    collectionIds.set(collection, id);
  }
  return id;
}

export function RegionChoropleth(props: RegionChoroplethProps) {
  const { features, keyProperty, values, scale, describe, onSelect, selectedKey, outline } = props;
  const tooltips = props.tooltips ?? true;
  const groupRef = useRef<LeafletGeoJSON | null>(null);
  // Leaflet handlers are bound once per layer; they read the latest props from here.
  const latest = useRef(props);
  latest.current = props;

  const onEachFeature = useMemo(
    () => (feature: { properties?: unknown }, layer: Layer) => {
      if (!isPath(layer)) return;
      const key = featureKey(feature, keyProperty);
      const setHighlight = (on: boolean) => {
        layer.setStyle(choroplethStyle(key, latest.current, on));
        if (on) layer.bringToFront();
      };
      layer.on({
        mouseover: () => setHighlight(true),
        mouseout: () => setHighlight(false),
        click: (event: LeafletMouseEvent) => {
          if (key && latest.current.onSelect) {
            event.originalEvent.stopPropagation();
            latest.current.onSelect(key);
          }
        },
        add: () => {
          const element = layer.getElement();
          if (!element) return;
          element.addEventListener('focus', () => setHighlight(true));
          element.addEventListener('blur', () => setHighlight(false));
          element.addEventListener('keydown', (event) => {
            if (!(event instanceof KeyboardEvent)) return;
            if ((event.key === 'Enter' || event.key === ' ') && key && latest.current.onSelect) {
              event.preventDefault();
              latest.current.onSelect(key);
            }
          });
        },
      });
    },
    [keyProperty],
  );

  // Fill, name and role of every polygon, whenever the values, classes or selection change.
  useEffect(() => {
    const group = groupRef.current;
    if (!group) return;
    const current = { values, scale, selectedKey, outline };
    group.eachLayer((layer) => {
      if (!isPath(layer)) return;
      const key = featureKey(layer.feature, keyProperty);
      layer.setStyle(choroplethStyle(key, current));
      const name = key && layer.feature ? describe(key, layer.feature) : '';
      const element = layer.getElement();
      if (element && name) {
        element.setAttribute('aria-label', name);
        element.setAttribute('role', onSelect ? 'button' : 'img');
        if (onSelect) element.setAttribute('tabindex', '0');
        else element.removeAttribute('tabindex');
        if (onSelect) element.setAttribute('aria-pressed', String(key === selectedKey));
        else element.removeAttribute('aria-pressed');
        element.setAttribute('data-choropleth-key', key ?? '');
        element.setAttribute(
          'data-choropleth-class',
          String(choroplethClass(scale, key ? values[key] : null)?.index ?? 'none'),
        );
      }
      if (tooltips && name) {
        if (layer.getTooltip()) layer.setTooltipContent(name);
        else layer.bindTooltip(name, { sticky: true });
      } else if (layer.getTooltip()) layer.unbindTooltip();
    });
  }, [values, scale, selectedKey, outline, keyProperty, describe, onSelect, tooltips]);

  return (
    <GeoJSON
      key={collectionId(features)}
      ref={groupRef}
      data={features}
      style={(feature) => choroplethStyle(featureKey(feature, keyProperty), latest.current)}
      onEachFeature={(feature, layer) => onEachFeature(feature, layer)}
      interactive
    />
  );
}
