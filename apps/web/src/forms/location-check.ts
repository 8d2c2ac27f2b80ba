/**
 * The rule the shared schema cannot check (it has no shapes): a point outside its stated country is saved
 * only when the editor has confirmed it. Loads the shapes lazily, with the picker's chunk.
 */
export const OUTSIDE_COUNTRY = 'The point lies outside the chosen country: confirm it or move it';

export const loadLocationGeo = () => import('./location-geo.ts');

type LocationLike = {
  country?: string | null;
  lat?: number | null;
  lon?: number | null;
  outsideConfirmed?: boolean | null;
};

/** The indexes of the locations whose point lies outside their country without a confirmation. */
export async function unconfirmedOutside(locations: readonly LocationLike[] | undefined): Promise<number[]> {
  const points = (locations ?? []).flatMap((l, i) =>
    typeof l.lat === 'number' && typeof l.lon === 'number' && l.country && !l.outsideConfirmed
      ? [{ i, lat: l.lat, lon: l.lon, country: l.country }]
      : [],
  );
  if (points.length === 0) return [];
  const { placeOnShapes } = await loadLocationGeo();
  return points.filter((p) => placeOnShapes(p.lat, p.lon, p.country).outside).map((p) => p.i);
}
