import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import './form-styles.ts';
import {
  countryName,
  LOCATION_PRECISION_CODES,
  LOCATION_PRECISIONS,
  type LocationPrecision,
} from '@srt/shared/codes';
import { lazy, Suspense, use, useMemo } from 'react';
import { useLazyTranslation } from '../i18n/lazy.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { countryOptions } from './code-options.ts';
import { loadLocationGeo } from './location-check.ts';

const LocationMap = lazy(() => import('./location-map.tsx'));

/** One location as the project form keeps it: the schema's fields plus the editor's confirmation. */
export type LocationValue = {
  name: string;
  country: string;
  precision: LocationPrecision;
  lat?: number | null;
  lon?: number | null;
  admin1Code?: string | null;
  /** The point lies outside its country and the editor said that is right (not sent to the server). */
  outsideConfirmed?: boolean;
};

export type LocationErrors = Partial<Record<keyof LocationValue, string | undefined>>;

type Props = {
  value: LocationValue;
  onChange: (value: LocationValue) => void;
  /** Messages already in the user's language, per field. */
  errors?: LocationErrors;
  /** A name for the group, e.g. "Location 2". */
  legend: string;
};

// The shapes load once, with the picker's chunk (never with the first page).
let geo: ReturnType<typeof loadLocationGeo> | null = null;
const geoModule = () => {
  geo ??= loadLocationGeo();
  return geo;
};

const numberOrNull = (value: number | string): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * Where a project happens: a name, the country, how precise it is, and a point — clicked or dragged on
 * the offline map, or typed as numbers. The admin-1 region follows from the point (point-in-polygon on the
 * shipped shapes); a point outside the chosen country must be confirmed before the form saves it.
 */
export function LocationPicker(props: Props) {
  return (
    <Suspense fallback={<Skeleton height={420} />}>
      <LocationPickerBody {...props} />
    </Suspense>
  );
}

function LocationPickerBody({ value, onChange, errors = {}, legend }: Props) {
  const { t } = useLazyTranslation('forms');
  const language = useLanguage();
  const { placeOnShapes, regionsOf, hasShapes } = use(geoModule());
  const lat = value.lat ?? null;
  const lon = value.lon ?? null;
  const hasPoint = lat !== null && lon !== null;
  const place = hasPoint ? placeOnShapes(lat, lon, value.country) : null;
  const countries = useMemo(
    () =>
      countryOptions(language, { focus: t('location.countriesFocus'), other: t('location.countriesOther') }),
    [language, t],
  );
  const regions = useMemo(() => regionsOf(value.country, language), [regionsOf, value.country, language]);

  /** A new point or country: the region follows, and an old confirmation no longer holds. */
  const moveTo = (next: { lat: number | null; lon: number | null; country: string }) => {
    const placed =
      next.lat !== null && next.lon !== null ? placeOnShapes(next.lat, next.lon, next.country) : null;
    onChange({
      ...value,
      ...next,
      admin1Code: placed
        ? placed.admin1Code
        : next.country === value.country
          ? (value.admin1Code ?? null)
          : null,
      outsideConfirmed: false,
    });
  };

  // Typed beyond the range: the number stays as typed (no silent clamping) and says what is wrong.
  const outOfRange = (n: number | null | undefined, limit: number) =>
    n == null || !Number.isFinite(n)
      ? undefined
      : n > limit
        ? t('errors.max', { max: limit })
        : n < -limit
          ? t('errors.min', { min: -limit })
          : undefined;
  const found =
    place?.foundCountry && place.foundCountry !== value.country
      ? countryName(place.foundCountry, language)
      : null;
  return (
    <Stack gap="sm" data-testid="location-picker">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          label={t('location.name')}
          required
          value={value.name}
          onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
          error={errors.name}
        />
        <Select
          label={t('location.country')}
          required
          searchable
          data={countries}
          value={value.country || null}
          onChange={(country) => moveTo({ lat, lon, country: country ?? '' })}
          error={errors.country}
          allowDeselect={false}
        />
        <Select
          label={t('location.precision')}
          required
          data={LOCATION_PRECISION_CODES.map((code) => ({
            value: code,
            label: LOCATION_PRECISIONS[code][language],
          }))}
          value={value.precision}
          onChange={(precision) =>
            precision && onChange({ ...value, precision: precision as LocationPrecision })
          }
          error={errors.precision}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" id={`${legend}-hint`}>
        {t('location.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <NumberInput
          label={t('location.lat')}
          value={lat ?? ''}
          min={-90}
          max={90}
          decimalScale={5}
          step={0.01}
          clampBehavior="none"
          onChange={(v) => moveTo({ lat: numberOrNull(v), lon, country: value.country })}
          error={errors.lat ?? outOfRange(lat, 90)}
        />
        <NumberInput
          label={t('location.lon')}
          value={lon ?? ''}
          min={-180}
          max={180}
          decimalScale={5}
          step={0.01}
          clampBehavior="none"
          onChange={(v) => moveTo({ lat, lon: numberOrNull(v), country: value.country })}
          error={errors.lon ?? outOfRange(lon, 180)}
        />
        <Select
          label={t('location.region')}
          description={hasPoint ? t('location.regionFromPoint') : undefined}
          placeholder={hasPoint ? t('location.regionNone') : undefined}
          data={regions}
          value={value.admin1Code ?? null}
          onChange={(admin1Code) => onChange({ ...value, admin1Code })}
          disabled={hasPoint || regions.length === 0}
          error={errors.admin1Code}
          clearable
          data-testid="location-region"
        />
      </SimpleGrid>
      {value.country && (
        <Suspense fallback={<Skeleton height={320} />}>
          <LocationMap
            key={value.country}
            lat={lat}
            lon={lon}
            country={value.country}
            admin1Code={value.admin1Code ?? null}
            onPick={(pickedLat, pickedLon) =>
              moveTo({ lat: pickedLat, lon: pickedLon, country: value.country })
            }
            label={t('location.mapLabel', { name: legend })}
            markerLabel={t('location.marker')}
            attribution={t('location.attribution')}
          />
        </Suspense>
      )}
      {hasPoint && (
        <Group gap="xs">
          <Button
            size="xs"
            variant="subtle"
            onClick={() => moveTo({ lat: null, lon: null, country: value.country })}
          >
            {t('location.clearPoint')}
          </Button>
        </Group>
      )}
      {place?.outside && hasShapes(value.country) && (
        <Alert color="orange" data-testid="location-outside">
          <Stack gap="xs">
            <Text size="sm">
              {found
                ? t('location.outsideIn', { country: countryName(value.country, language), found })
                : t('location.outside', { country: countryName(value.country, language) })}
            </Text>
            <Checkbox
              label={t('location.confirmOutside', { country: countryName(value.country, language) })}
              checked={value.outsideConfirmed === true}
              onChange={(e) => onChange({ ...value, outsideConfirmed: e.currentTarget.checked })}
              error={errors.outsideConfirmed}
            />
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
