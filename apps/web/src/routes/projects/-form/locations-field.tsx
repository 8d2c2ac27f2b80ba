import { Button, Fieldset, Group, Stack, Text } from '@mantine/core';
import { countryName, LOCATION_PRECISIONS } from '@srt/shared/codes';
import { useEffect, useState } from 'react';
import { Controller, type FieldError, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { type LocationErrors, LocationPicker, type LocationValue } from '../../../forms/location-picker.tsx';
import { useErrorMessage } from '../../../forms/use-error-message.ts';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import type { ProjectFormValues } from './values.ts';

const LOCATION_KEYS = [
  'name',
  'country',
  'precision',
  'lat',
  'lon',
  'admin1Code',
  'outsideConfirmed',
] as const;

/**
 * The project's locations. One is open in the picker (with its map) at a time; the others show a line of
 * text. After a failed save the first location with an error opens.
 */
export function LocationsField() {
  const { t } = useLazyTranslation('project-form');
  const errorMessage = useErrorMessage();
  const language = useLanguage();
  const { control, formState } = useFormContext<ProjectFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'locations' });
  const values = useWatch<ProjectFormValues, 'locations'>({ name: 'locations' }) ?? [];
  const countries = useWatch<ProjectFormValues, 'countries'>({ name: 'countries' }) ?? [];
  const [open, setOpen] = useState<number | null>(null);

  const errors = formState.errors.locations;
  const { submitCount } = formState;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only after each save attempt
  useEffect(() => {
    if (!Array.isArray(errors)) return;
    const first = errors.findIndex((e) => e);
    if (first >= 0 && !errors[open ?? -1]) setOpen(first);
  }, [submitCount]);

  const summary = (l: LocationValue | undefined) =>
    l
      ? [
          l.name || t('locations.unnamed'),
          l.country ? countryName(l.country, language) : null,
          LOCATION_PRECISIONS[l.precision]?.[language],
          l.lat != null && l.lon != null ? `${l.lat}, ${l.lon}` : null,
        ]
          .filter(Boolean)
          .join(' · ')
      : '';

  return (
    <Stack gap="sm" data-testid="locations-field">
      {fields.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('locations.none')}
        </Text>
      )}
      {fields.map((field, index) => {
        const legend = t('locations.legend', { n: index + 1 });
        const rowErrors = Array.isArray(errors)
          ? (errors[index] as Record<string, FieldError> | undefined)
          : undefined;
        return (
          <Fieldset key={field.id} legend={legend} data-testid="location-row">
            {open === index ? (
              <Controller
                control={control}
                name={`locations.${index}`}
                render={({ field: f }) => {
                  const messages: LocationErrors = {};
                  for (const key of LOCATION_KEYS) messages[key] = errorMessage(rowErrors?.[key]);
                  // A row being removed has no value for one render.
                  return f.value ? (
                    <LocationPicker value={f.value} onChange={f.onChange} errors={messages} legend={legend} />
                  ) : (
                    <span />
                  );
                }}
              />
            ) : (
              <Text size="sm" data-testid="location-summary">
                {summary(values[index])}
              </Text>
            )}
            {open !== index && rowErrors && (
              <Text size="sm" c="red.9" role="alert">
                {t('locations.hasErrors')}
              </Text>
            )}
            <Group gap="xs" mt="sm">
              {open === index ? (
                <Button size="xs" variant="default" onClick={() => setOpen(null)}>
                  {t('locations.done')}
                </Button>
              ) : (
                <Button size="xs" variant="default" onClick={() => setOpen(index)}>
                  {t('locations.edit', { n: index + 1 })}
                </Button>
              )}
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => {
                  remove(index);
                  setOpen(null);
                }}
              >
                {t('locations.remove', { n: index + 1 })}
              </Button>
            </Group>
          </Fieldset>
        );
      })}
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() => {
            append({
              name: '',
              country: countries.find((c) => c.country)?.country ?? '',
              precision: 'exact',
              lat: null,
              lon: null,
              admin1Code: null,
            });
            setOpen(fields.length);
          }}
        >
          {t('locations.add')}
        </Button>
      </Group>
    </Stack>
  );
}
