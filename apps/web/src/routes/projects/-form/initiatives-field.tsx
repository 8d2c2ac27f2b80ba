import { ActionIcon, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { ATTRIBUTION_BASES, INITIATIVE_CODES, INITIATIVES } from '@srt/shared/codes';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { tableOptions } from '../../../forms/code-options.ts';
import { useErrorMessage } from '../../../forms/use-error-message.ts';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { trpc } from '../../../trpc.ts';
import type { ProjectFormValues } from './values.ts';

/** The sources the record cites, by title: what an initiative's basis may point to. */
function useCitedSources(): { value: string; label: string }[] {
  const refs = useWatch<ProjectFormValues, 'sources'>({ name: 'sources' }) ?? [];
  const ids = refs.map((r) => r.sourceId).filter(Boolean);
  const found = useQueries({
    queries: ids.map((id) => ({
      ...trpc.source.forEdit.queryOptions({ id }),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  return ids.map((id, i) => ({ value: id, label: found[i]?.data?.values.title ?? id }));
}

/**
 * The initiatives (BRI, UNIDO) the project belongs to, each on its basis: an official label, or an
 * analyst's assessment — and the cited source that says so.
 */
export function InitiativesField() {
  const { t } = useLazyTranslation('project-form');
  const errorMessage = useErrorMessage();
  const language = useLanguage();
  const { control, formState } = useFormContext<ProjectFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'initiatives' });
  const sources = useCitedSources();
  const chosen = useWatch<ProjectFormValues, 'initiatives'>({ name: 'initiatives' }) ?? [];
  const initiatives = useMemo(() => tableOptions(INITIATIVES, language), [language]);
  const bases = useMemo(() => tableOptions(ATTRIBUTION_BASES, language), [language]);
  const free = INITIATIVE_CODES.filter((code) => !chosen.some((c) => c.initiative === code));
  return (
    <Stack gap="sm" data-testid="initiatives-field">
      {fields.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('initiatives.none')}
        </Text>
      )}
      {fields.map((field, index) => (
        <Group key={field.id} align="flex-start" gap="xs" wrap="nowrap" data-testid="initiative-row">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs" style={{ flex: 1 }}>
            <Controller
              control={control}
              name={`initiatives.${index}.initiative`}
              render={({ field: f, fieldState }) => (
                <Select
                  label={t('initiatives.initiative', { n: index + 1 })}
                  data={initiatives}
                  required
                  value={f.value || null}
                  onChange={(v) => f.onChange(v ?? '')}
                  ref={f.ref}
                  error={errorMessage(fieldState.error)}
                  allowDeselect={false}
                />
              )}
            />
            <Controller
              control={control}
              name={`initiatives.${index}.basis`}
              render={({ field: f, fieldState }) => (
                <Select
                  label={t('initiatives.basis', { n: index + 1 })}
                  data={bases}
                  required
                  value={f.value || null}
                  onChange={(v) => f.onChange(v ?? '')}
                  ref={f.ref}
                  error={errorMessage(fieldState.error)}
                  allowDeselect={false}
                />
              )}
            />
            <Controller
              control={control}
              name={`initiatives.${index}.sourceId`}
              render={({ field: f, fieldState }) => (
                <Select
                  label={t('initiatives.source', { n: index + 1 })}
                  description={sources.length === 0 ? t('initiatives.citeFirst') : undefined}
                  data={sources}
                  value={f.value ?? null}
                  onChange={(v) => f.onChange(v)}
                  ref={f.ref}
                  clearable
                  disabled={sources.length === 0}
                  error={errorMessage(fieldState.error)}
                />
              )}
            />
            <Controller
              control={control}
              name={`initiatives.${index}.note`}
              render={({ field: f, fieldState }) => (
                <TextInput
                  label={t('initiatives.note', { n: index + 1 })}
                  value={f.value ?? ''}
                  onChange={(e) => f.onChange(e.currentTarget.value)}
                  ref={f.ref}
                  error={errorMessage(fieldState.error)}
                />
              )}
            />
          </SimpleGrid>
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={28}
            onClick={() => remove(index)}
            aria-label={t('initiatives.remove', { n: index + 1 })}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      {errorMessage(formState.errors.initiatives) && (
        <Text size="sm" c="red.9" role="alert">
          {errorMessage(formState.errors.initiatives)}
        </Text>
      )}
      {free.length > 0 && (
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() =>
              append({ initiative: free[0] ?? 'bri', basis: 'official', sourceId: null, note: null })
            }
          >
            {t('initiatives.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
