import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import '../../../forms/form-styles.ts';
import { ACTIVITY_STATUS } from '@srt/shared/codes';
import { type ProjectValues, projectValuesSchema } from '@srt/shared/project';
import type { Editable } from '@srt/shared/write';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useMemo, useState } from 'react';
import { Controller, FormProvider, type Resolver, set, useForm } from 'react-hook-form';
import { languageName } from '../../../components/language-name.ts';
import { afterWrite } from '../../../forms/after-write.ts';
import { tableOptions } from '../../../forms/code-options.ts';
import { ConflictResolver } from '../../../forms/conflict.tsx';
import { DraftNotice } from '../../../forms/draft-notice.tsx';
import { OUTSIDE_COUNTRY, unconfirmedOutside } from '../../../forms/location-check.ts';
import { PartialDateInput } from '../../../forms/partial-date-input.tsx';
import { blankAsNull } from '../../../forms/pickers/blank-as-null.ts';
import { LANGUAGE_CODES } from '../../../forms/pickers/options.ts';
import { SourcesField } from '../../../forms/pickers/sources-field.tsx';
import { applyServerErrors, conflictOf } from '../../../forms/server-errors.ts';
import { UnsavedDialog } from '../../../forms/unsaved-dialog.tsx';
import { useDraft } from '../../../forms/use-draft.ts';
import { useErrorMessage } from '../../../forms/use-error-message.ts';
import { useUnsavedGuard } from '../../../forms/use-unsaved-guard.ts';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { trpc } from '../../../trpc.ts';
import { DeletedProjectBanner, DeleteProjectButton } from '../-lifecycle.tsx';
import { projectConflictFields } from './conflict-fields.tsx';
import { InitiativesField } from './initiatives-field.tsx';
import { LocationsField } from './locations-field.tsx';
import { ParticipantsField } from './participants-field.tsx';
import { SharesField } from './shares-fields.tsx';
import { formValuesOf, keepConfirmations, type ProjectFormValues, withoutConfirmations } from './values.ts';

const schemaResolver = blankAsNull(zodResolver(projectValuesSchema)) as unknown as Resolver<
  ProjectFormValues,
  unknown,
  ProjectValues
>;

/** The shared schema, then the one rule it cannot check without the shapes: points outside their country. */
const resolver: Resolver<ProjectFormValues, unknown, ProjectValues> = async (values, context, options) => {
  const [result, outside] = await Promise.all([
    schemaResolver(values, context, options),
    unconfirmedOutside(values.locations),
  ]);
  if (outside.length === 0) return result;
  const errors = { ...result.errors };
  for (const i of outside)
    set(errors, `locations.${i}.outsideConfirmed`, { type: 'outside', message: OUTSIDE_COUNTRY });
  return { values: {}, errors };
};

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="sm" component="section" aria-label={title} data-testid={testId}>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

type Conflict = { current: Editable<ProjectValues>; mine: ProjectValues };

type Props = {
  /** The record to edit (`project.forEdit`); none for a new project. */
  record?: Editable<ProjectValues>;
  /** Read the record again (after a restore, or a delete that met a newer version). */
  onReload?: () => void;
};

/**
 * The project form (`/projects/new`, `/projects/$id/edit`): react-hook-form with the shared
 * `projectValuesSchema`, the write procedures' own schema. Typed input is kept as a draft, leaving with
 * unsaved changes asks first, server errors land on their fields, and a save that meets someone else's
 * newer version opens the conflict dialog.
 */
export function ProjectForm({ record, onReload }: Props) {
  const { t } = useLazyTranslation('project-form');
  const forms = useLazyTranslation('forms').t;
  const errorMessage = useErrorMessage();
  const language = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = record?.id;
  const defaultValues = useMemo(() => formValuesOf(record?.values ?? {}), [record]);
  const form = useForm<ProjectFormValues, unknown, ProjectValues>({
    resolver,
    defaultValues,
    reValidateMode: 'onChange',
  });
  const [version, setVersion] = useState<number | null>(record?.version ?? null);
  const draft = useDraft(id ? `project:${id}` : 'project:new', form, { version });
  const guard = useUnsavedGuard(form.formState.isDirty);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  // The values of the version being edited: in a conflict, a field only the other person changed defaults to theirs.
  const [base, setBase] = useState(record?.values);
  const [failure, setFailure] = useState<string | null>(null);
  const create = useMutation(trpc.project.create.mutationOptions());
  const update = useMutation(trpc.project.update.mutationOptions());
  const saving = create.isPending || update.isPending;

  const save = async (values: ProjectValues, atVersion: number | null) => {
    setFailure(null);
    try {
      const saved =
        id && atVersion !== null
          ? await update.mutateAsync({ id, version: atVersion, values })
          : await create.mutateAsync(values);
      draft.clear();
      guard.release();
      // Lists, totals, facets, the map and the record itself read it again when next shown (the form
      // itself must not re-read and re-mount on its way out).
      await afterWrite(queryClient);
      await navigate({ to: '/projects/$id', params: { id: saved.id } });
    } catch (error) {
      const current = conflictOf<ProjectValues>(error);
      if (current) {
        setConflict({ current, mine: values });
        return;
      }
      if (!applyServerErrors(form, error)) setFailure(error instanceof Error ? error.message : String(error));
    }
  };
  const onSubmit = form.handleSubmit((values) => save(values, version));

  const resolve = (merged: ProjectValues) => {
    if (!conflict) return;
    const { current } = conflict;
    const confirmed = form.getValues('locations');
    // The saved version is now what "unsaved changes" compare against; the merge is what gets saved.
    form.reset(formValuesOf(current.values));
    form.reset(
      { ...merged, locations: keepConfirmations(merged.locations, confirmed) },
      { keepDefaultValues: true },
    );
    setVersion(current.version);
    setBase(current.values);
    setConflict(null);
    void form.handleSubmit((values) => save(values, current.version))();
  };

  const conflictFields = useMemo(() => projectConflictFields(t, language), [t, language]);
  const statuses = useMemo(() => tableOptions(ACTIVITY_STATUS, language), [language]);
  const languages = useMemo(
    () => LANGUAGE_CODES.map((code) => ({ value: code, label: `${languageName(code, language)} (${code})` })),
    [language],
  );
  const { errors } = form.formState;
  const serverRoot = errors.root?.server?.message;

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate data-testid="project-form" aria-busy={saving}>
        <Stack gap="md" maw={1100}>
          <Title order={2}>{record ? t('editTitle', { title: record.values.title }) : t('newTitle')}</Title>
          {record?.deleted && (
            <DeletedProjectBanner id={record.id} version={record.version} onRestored={() => onReload?.()} />
          )}
          <DraftNotice
            draft={draft}
            onRestore={(d) => {
              if (d.version !== null) setVersion(d.version);
              // In a conflict, a field the draft did not change defaults to the other person's value.
              setBase((d.base ?? undefined) as ProjectValues | undefined);
            }}
          />
          {(failure || serverRoot) && (
            <Alert color="red" role="alert" title={forms('serverError')} data-testid="form-alert">
              {[failure, serverRoot].filter(Boolean).join(' — ')}
            </Alert>
          )}
          {form.formState.submitCount > 0 && Object.keys(errors).some((key) => key !== 'root') && (
            <Alert color="red" role="alert" data-testid="form-invalid">
              {t('fixErrors')}
            </Alert>
          )}

          <Section title={t('sections.basics')}>
            <Stack gap="sm">
              <TextInput
                label={t('fields.title')}
                required
                {...form.register('title')}
                error={errorMessage(errors.title)}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  label={t('fields.titleOriginal')}
                  {...form.register('titleOriginal')}
                  error={errorMessage(errors.titleOriginal)}
                />
                <Controller
                  control={form.control}
                  name="titleLanguage"
                  render={({ field, fieldState }) => (
                    <Select
                      label={t('fields.titleLanguage')}
                      data={languages}
                      searchable
                      clearable
                      value={field.value ?? null}
                      onChange={field.onChange}
                      ref={field.ref}
                      error={errorMessage(fieldState.error)}
                    />
                  )}
                />
              </SimpleGrid>
              <Textarea
                label={t('fields.description')}
                autosize
                minRows={3}
                maxRows={12}
                {...form.register('description')}
                error={errorMessage(errors.description)}
              />
              <Controller
                control={form.control}
                name="status"
                render={({ field, fieldState }) => (
                  <Select
                    label={t('fields.status')}
                    data={statuses}
                    clearable
                    value={field.value == null ? null : String(field.value)}
                    onChange={(v) => field.onChange(v === null ? null : Number(v))}
                    ref={field.ref}
                    error={errorMessage(fieldState.error)}
                    maw={360}
                  />
                )}
              />
            </Stack>
          </Section>

          <Section title={t('sections.dates')}>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
              {(['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const).map((name) => (
                <Controller
                  key={name}
                  control={form.control}
                  name={name}
                  render={({ field, fieldState }) => (
                    <PartialDateInput
                      label={t(`fields.${name}`)}
                      value={field.value ?? null}
                      onChange={field.onChange}
                      error={errorMessage(fieldState.error)}
                      data-testid={`date-${name}`}
                    />
                  )}
                />
              ))}
            </SimpleGrid>
          </Section>

          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Section title={t('sections.countries')} testId="countries-section">
              <SharesField kind="countries" />
            </Section>
            <Section title={t('sections.sectors')} testId="sectors-section">
              <SharesField kind="sectors" />
            </Section>
          </SimpleGrid>

          <Section title={t('sections.sources')} testId="sources-section">
            <Controller
              control={form.control}
              name="sources"
              render={({ field, fieldState }) => (
                <SourcesField
                  label={t('fields.sources')}
                  value={field.value ?? []}
                  onChange={field.onChange}
                  error={errorMessage(fieldState.error)}
                />
              )}
            />
          </Section>

          <Section title={t('sections.initiatives')}>
            <InitiativesField />
          </Section>

          <Section title={t('sections.participants')}>
            <ParticipantsField />
          </Section>

          <Section title={t('sections.locations')} testId="locations-section">
            <LocationsField />
          </Section>

          <Group justify="flex-end" gap="sm" wrap="wrap">
            {record && !record.deleted && (
              <DeleteProjectButton
                id={record.id}
                version={record.version}
                title={record.values.title}
                onChanged={() => onReload?.()}
                beforeLeave={() => {
                  draft.clear();
                  guard.release();
                }}
              />
            )}
            <Button
              variant="default"
              onClick={() =>
                void (id ? navigate({ to: '/projects/$id', params: { id } }) : navigate({ to: '/projects' }))
              }
            >
              {t('cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="save">
              {t('save')}
            </Button>
          </Group>
          {form.formState.isDirty && (
            <Text size="xs" c="dimmed" ta="right">
              {t('unsavedHint')}
            </Text>
          )}
        </Stack>
      </form>
      <UnsavedDialog guard={guard} />
      {conflict && (
        <ConflictResolver
          mine={{ ...conflict.mine, locations: withoutConfirmations(conflict.mine.locations) }}
          theirs={conflict.current.values}
          base={base}
          fields={conflictFields}
          onResolve={resolve}
          onCancel={() => setConflict(null)}
        />
      )}
    </FormProvider>
  );
}
