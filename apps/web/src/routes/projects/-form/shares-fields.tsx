import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { countryOptions, sectorOptions } from '../../../forms/code-options.ts';
import { useErrorMessage } from '../../../forms/use-error-message.ts';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { numberOrNull, type ProjectFormValues, percentTotal } from './values.ts';

type Kind = 'countries' | 'sectors';

/** The schema's message for a list whose percentages do not add up (the running total says it already). */
const SUM_MESSAGES = new Set(['Country percentages must sum to 100', 'Sector percentages must sum to 100']);

/**
 * "Total 60 % — must be 100": the running total of a list's percentages, red until it is right. It is also
 * the list's error when that error is the wrong sum (one message, not two).
 */
function RunningTotal({ kind, isError }: { kind: Kind; isError: boolean }) {
  const { t } = useLazyTranslation('project-form');
  const rows = useWatch<ProjectFormValues, Kind>({ name: kind }) ?? [];
  const total = percentTotal(rows);
  if (!total.given) return null;
  return (
    <Text
      size="sm"
      c={total.ok ? 'teal.9' : 'red.9'}
      data-testid={`${kind}-total`}
      aria-live="polite"
      role={isError && !total.ok ? 'alert' : undefined}
    >
      {t(total.ok ? 'shares.totalOk' : 'shares.totalWrong', { total: total.total })}
    </Text>
  );
}

/** Option labels by code, from flat or grouped options. */
const labelsOf = (
  options: ({ value: string; label: string } | { items: { value: string; label: string }[] })[],
) => new Map(options.flatMap((o) => ('items' in o ? o.items : [o])).map((o) => [o.value, o.label]));

/**
 * Countries or sectors with their shares: a code and an optional percentage per row; when percentages
 * are given they must add up to 100 (shared rule), and the total is shown as it is typed.
 */
export function SharesField({ kind }: { kind: Kind }) {
  const { t } = useLazyTranslation('project-form');
  const errorMessage = useErrorMessage();
  const language = useLanguage();
  const { control, formState, trigger } = useFormContext<ProjectFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: kind });
  // After a save attempt the whole list is checked again on each change: its sum error follows the input.
  const recheck = () => {
    if (formState.submitCount > 0) void trigger(kind);
  };
  const options = useMemo(
    () =>
      kind === 'countries'
        ? countryOptions(language, { focus: t('shares.focusCountries'), other: t('shares.otherCountries') })
        : sectorOptions(language),
    [kind, language, t],
  );
  const labels = useMemo(() => labelsOf(options), [options]);
  const rows = useWatch<ProjectFormValues, Kind>({ control, name: kind }) ?? [];
  const listFieldError = formState.errors[kind];
  const rawListMessage =
    (listFieldError as { message?: string; root?: { message?: string } } | undefined)?.message ??
    (listFieldError as { root?: { message?: string } } | undefined)?.root?.message;
  const total = percentTotal(rows);
  // The wrong sum is said once, by the running total.
  const sumError = rawListMessage !== undefined && SUM_MESSAGES.has(rawListMessage);
  const listError = sumError && total.given && !total.ok ? undefined : errorMessage(listFieldError);
  const codeName = kind === 'countries' ? 'country' : 'sector';
  const codeOf = (index: number): string => {
    const row = rows[index] as { country?: string; sector?: string } | undefined;
    return (kind === 'countries' ? row?.country : row?.sector) ?? '';
  };
  return (
    <Stack gap="xs" data-testid={`${kind}-field`}>
      {fields.length === 0 && (
        <Text size="sm" c="dimmed">
          {t(`shares.${kind}None`)}
        </Text>
      )}
      {fields.map((field, index) => (
        <Group key={field.id} align="flex-start" gap="xs" wrap="nowrap" data-testid={`${kind}-row`}>
          <Controller
            control={control}
            name={`${kind}.${index}.${codeName}` as `countries.${number}.country`}
            render={({ field: f, fieldState }) => (
              <Select
                label={t(`shares.${codeName}`, { n: index + 1 })}
                data={options}
                searchable
                required
                value={f.value || null}
                onChange={(v) => {
                  f.onChange(v ?? '');
                  recheck();
                }}
                onBlur={f.onBlur}
                ref={f.ref}
                error={errorMessage(fieldState.error)}
                style={{ flex: 1 }}
                allowDeselect={false}
                maxDropdownHeight={320}
              />
            )}
          />
          <Controller
            control={control}
            name={`${kind}.${index}.percentage`}
            render={({ field: f, fieldState }) => (
              <NumberInput
                label={
                  labels.get(codeOf(index))
                    ? t('shares.percentageOf', { name: labels.get(codeOf(index)) })
                    : t('shares.percentage', { n: index + 1 })
                }
                value={f.value ?? ''}
                onChange={(v) => {
                  f.onChange(numberOrNull(v));
                  recheck();
                }}
                onBlur={f.onBlur}
                ref={f.ref}
                min={0}
                max={100}
                decimalScale={2}
                suffix=" %"
                w={130}
                error={errorMessage(fieldState.error)}
              />
            )}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={28}
            onClick={() => {
              remove(index);
              recheck();
            }}
            aria-label={t(`shares.remove.${codeName}`, { n: index + 1 })}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <RunningTotal kind={kind} isError={sumError} />
      {listError && (
        <Text size="sm" c="red.9" role="alert" data-testid={`${kind}-error`}>
          {listError}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() =>
            append(
              kind === 'countries' ? { country: '', percentage: null } : { sector: '', percentage: null },
            )
          }
        >
          {t(`shares.add.${codeName}`)}
        </Button>
      </Group>
    </Stack>
  );
}
