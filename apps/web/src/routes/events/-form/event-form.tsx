import '../../../forms/form-styles.ts';
import '@mantine/core/styles/SegmentedControl.css';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Input,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import {
  DATE_PRECISION_CODES,
  DATE_PRECISIONS,
  type DatePrecision,
  EVENT_TYPE_CODES,
  EVENT_TYPES,
  label,
} from '@srt/shared/codes';
import { type EventValues, eventValuesSchema } from '@srt/shared/event';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { languageName } from '../../../components/language-name.ts';
import { ConflictResolver } from '../../../forms/conflict.tsx';
import { DraftNotice } from '../../../forms/draft-notice.tsx';
import { dateAtPrecision } from '../../../forms/partial-date.ts';
import { PartialDateInput } from '../../../forms/partial-date-input.tsx';
import { blankAsNull } from '../../../forms/pickers/blank-as-null.ts';
import { countryOptions, LANGUAGE_CODES } from '../../../forms/pickers/options.ts';
import { OrganizationMultiPicker } from '../../../forms/pickers/organization-picker.tsx';
import { ProjectMultiPicker } from '../../../forms/pickers/project-multi-picker.tsx';
import { SourcesField } from '../../../forms/pickers/sources-field.tsx';
import { applyServerErrors, conflictOf } from '../../../forms/server-errors.ts';
import { UnsavedDialog } from '../../../forms/unsaved-dialog.tsx';
import { useDraft } from '../../../forms/use-draft.ts';
import { useErrorMessage } from '../../../forms/use-error-message.ts';
import { useUnsavedGuard } from '../../../forms/use-unsaved-guard.ts';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { FormFooter } from '../../../lifecycle/form-footer.tsx';
import { trpc } from '../../../trpc.ts';
import type { EventFormValues } from './values.ts';

type Props = {
  /** An existing event (edit) or none (new). */
  id?: string;
  version?: number;
  initial: Partial<EventFormValues>;
};

type Conflict = { mine: EventValues; theirs: EventValues; version: number };

const numberOrNull = (value: number | string): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * The event form (new and edit): type, title (+ original and its language), the date as precisely as it is
 * known, the place, a description, the projects and organisations it concerns, and its sources. Checked by
 * `eventValuesSchema`, the schema `event.create`/`event.update` validate with.
 */
export function EventForm({ id, version: openedAt, initial }: Props) {
  const { t } = useLazyTranslation('entry');
  const errorMessage = useErrorMessage();
  const language = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<EventFormValues, unknown, EventValues>({
    resolver: blankAsNull(zodResolver(eventValuesSchema)),
    defaultValues: initial,
  });
  const [version, setVersion] = useState(openedAt);
  const draft = useDraft(id ? `event:${id}` : 'event:new', form, { version: openedAt ?? null });
  const guard = useUnsavedGuard(form.formState.isDirty);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const create = useMutation(trpc.event.create.mutationOptions());
  const update = useMutation(trpc.event.update.mutationOptions());
  const precisionLabel = useId();

  const types = useMemo(
    () => EVENT_TYPE_CODES.map((code) => ({ value: code, label: label(EVENT_TYPES, code, language) })),
    [language],
  );
  const countries = useMemo(() => countryOptions(language), [language]);
  const languages = useMemo(
    () => LANGUAGE_CODES.map((code) => ({ value: code, label: `${languageName(code, language)} (${code})` })),
    [language],
  );
  const precisions = DATE_PRECISION_CODES.map((code) => ({
    value: code,
    label: label(DATE_PRECISIONS, code, language),
  }));

  const save = async (values: EventValues, at: number | undefined) => {
    setFailure(null);
    try {
      const saved =
        id && at !== undefined
          ? await update.mutateAsync({ id, version: at, values })
          : await create.mutateAsync(values);
      draft.clear();
      guard.release();
      // The event shows on its page, in /events, and on every linked project's page.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.event.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.project.pathKey() }),
      ]);
      await navigate({ to: '/events/$id', params: { id: saved.id } });
    } catch (error) {
      const current = conflictOf<EventValues>(error);
      if (current) {
        setConflict({ mine: values, theirs: current.values, version: current.version });
        return;
      }
      if (!applyServerErrors(form, error)) setFailure(error instanceof Error ? error.message : String(error));
    }
  };
  const onSubmit = form.handleSubmit((values) => save(values, version));
  const { errors, isSubmitting } = form.formState;
  const precision = form.watch('datePrecision') ?? 'day';

  return (
    <Stack gap="md" maw={960}>
      <Title order={2}>{id ? t('event.editTitle') : t('event.newTitle')}</Title>
      <DraftNotice draft={draft} onRestore={(d) => d.version !== null && setVersion(d.version)} />
      <form onSubmit={onSubmit} noValidate data-testid="event-form">
        <Stack gap="md">
          <Paper withBorder p="md">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <Controller
                  control={form.control}
                  name="type"
                  render={({ field }) => (
                    <Select
                      label={t('event.type')}
                      required
                      data={types}
                      value={field.value ?? null}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      allowDeselect={false}
                      error={errorMessage(errors.type)}
                    />
                  )}
                />
              </SimpleGrid>
              <TextInput
                label={t('event.title')}
                required
                {...form.register('title')}
                error={errorMessage(errors.title)}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ alignItems: 'start' }}>
                <TextInput
                  label={t('event.titleOriginal')}
                  style={{ gridColumn: 'span 2' }}
                  {...form.register('titleOriginal')}
                  error={errorMessage(errors.titleOriginal)}
                />
                <Controller
                  control={form.control}
                  name="titleLanguage"
                  render={({ field }) => (
                    <Select
                      label={t('event.titleLanguage')}
                      data={languages}
                      value={field.value ?? null}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      searchable
                      clearable
                      error={errorMessage(errors.titleLanguage)}
                    />
                  )}
                />
              </SimpleGrid>
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <Input.Wrapper label={t('event.datePrecision')} id={precisionLabel}>
                <Controller
                  control={form.control}
                  name="datePrecision"
                  render={({ field }) => (
                    <SegmentedControl
                      display="flex"
                      w="fit-content"
                      aria-labelledby={`${precisionLabel}-label`}
                      data={precisions}
                      value={field.value ?? 'day'}
                      onChange={(next) => {
                        const p = next as DatePrecision;
                        field.onChange(p);
                        const date = form.getValues('date');
                        if (date) form.setValue('date', dateAtPrecision(date, p), { shouldDirty: true });
                      }}
                    />
                  )}
                />
              </Input.Wrapper>
              <Controller
                control={form.control}
                name="date"
                render={({ field }) => (
                  <PartialDateInput
                    label={t('event.date')}
                    required
                    precision={precision}
                    value={field.value ?? null}
                    onChange={(v) => field.onChange(v ?? '')}
                    error={errorMessage(errors.date)}
                    data-testid="event-date-input"
                  />
                )}
              />
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  label={t('event.placeName')}
                  placeholder={t('event.placeNameHint')}
                  {...form.register('placeName')}
                  error={errorMessage(errors.placeName)}
                />
                <Controller
                  control={form.control}
                  name="country"
                  render={({ field }) => (
                    <Select
                      label={t('event.country')}
                      data={countries}
                      value={field.value ?? null}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      searchable
                      clearable
                      error={errorMessage(errors.country)}
                    />
                  )}
                />
                <Controller
                  control={form.control}
                  name="lat"
                  render={({ field }) => (
                    <NumberInput
                      label={t('event.lat')}
                      description={t('event.coordinatesHint')}
                      min={-90}
                      max={90}
                      decimalScale={6}
                      value={field.value ?? ''}
                      onChange={(v) => field.onChange(numberOrNull(v))}
                      onBlur={field.onBlur}
                      error={errorMessage(errors.lat)}
                    />
                  )}
                />
                <Controller
                  control={form.control}
                  name="lon"
                  render={({ field }) => (
                    <NumberInput
                      label={t('event.lon')}
                      description={t('event.coordinatesHint')}
                      min={-180}
                      max={180}
                      decimalScale={6}
                      value={field.value ?? ''}
                      onChange={(v) => field.onChange(numberOrNull(v))}
                      onBlur={field.onBlur}
                      error={errorMessage(errors.lon)}
                    />
                  )}
                />
              </SimpleGrid>
              <Textarea
                label={t('event.description')}
                autosize
                minRows={3}
                maxRows={12}
                {...form.register('description')}
                error={errorMessage(errors.description)}
              />
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <Controller
                control={form.control}
                name="projectIds"
                render={({ field }) => (
                  <ProjectMultiPicker
                    label={t('event.projects')}
                    value={field.value ?? []}
                    onChange={field.onChange}
                    error={errorMessage(errors.projectIds)}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="organizationIds"
                render={({ field }) => (
                  <OrganizationMultiPicker
                    label={t('event.organizations')}
                    value={field.value ?? []}
                    onChange={field.onChange}
                    error={errorMessage(errors.organizationIds)}
                  />
                )}
              />
            </Stack>
          </Paper>

          <Controller
            control={form.control}
            name="sources"
            render={({ field }) => (
              <SourcesField
                value={field.value ?? []}
                onChange={field.onChange}
                error={errorMessage(errors.sources)}
              />
            )}
          />

          <FormFooter
            error={failure ?? errors.root?.server?.message}
            submitLabel={id ? t('common.save') : t('event.create')}
            submitting={isSubmitting}
          />
        </Stack>
      </form>
      {conflict && (
        <ConflictResolver<EventValues>
          mine={conflict.mine}
          theirs={conflict.theirs}
          base={form.formState.defaultValues as EventValues | undefined}
          labels={{
            type: t('event.type'),
            title: t('event.title'),
            titleOriginal: t('event.titleOriginal'),
            titleLanguage: t('event.titleLanguage'),
            date: t('event.date'),
            datePrecision: t('event.datePrecision'),
            placeName: t('event.placeName'),
            country: t('event.country'),
            lat: t('event.lat'),
            lon: t('event.lon'),
            description: t('event.description'),
            projectIds: t('event.projects'),
            organizationIds: t('event.organizations'),
            sources: t('common.sources'),
          }}
          onResolve={(merged) => {
            const at = conflict.version;
            setConflict(null);
            setVersion(at);
            form.reset(merged, { keepDefaultValues: true });
            void save(merged, at);
          }}
          onCancel={() => setConflict(null)}
        />
      )}
      <UnsavedDialog guard={guard} />
    </Stack>
  );
}
