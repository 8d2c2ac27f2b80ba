import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Combobox.css';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { label, ORGANIZATION_TYPE_CODES, ORGANIZATION_TYPES } from '@srt/shared/codes';
import {
  type OrganizationValues,
  type OrganizationValuesInput,
  organizationValuesSchema,
} from '@srt/shared/organization';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc } from '../../trpc.ts';
import { applyServerErrors } from '../server-errors.ts';
import { useErrorMessage } from '../use-error-message.ts';
import { blankAsNull } from './blank-as-null.ts';
import { countryOptions, organizationOption, type PickerOption } from './options.ts';

type Props = {
  opened: boolean;
  /** What the user had typed in the picker: the new organisation's name to start from. */
  initialName: string;
  onClose: () => void;
  onCreated: (option: PickerOption) => void;
};

/**
 * "Create new organisation" from inside a picker: name, local name, acronym, type, country and IATI ref,
 * checked by the same schema as `organization.create`; on success the new organisation is chosen.
 */
export function OrganizationCreateModal({ opened, initialName, onClose, onCreated }: Props) {
  const { t } = useLazyTranslation('pickers');
  return (
    <Modal opened={opened} onClose={onClose} title={t('organization.createTitle')} size="lg">
      {/* Mounted only while open: every opening starts from the typed name with a clean form. */}
      {opened && <OrganizationCreateForm initialName={initialName} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function OrganizationCreateForm({ initialName, onClose, onCreated }: Omit<Props, 'opened'>) {
  const { t } = useLazyTranslation('pickers');
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const language = useLanguage();
  const queryClient = useQueryClient();
  const form = useForm<OrganizationValuesInput, unknown, OrganizationValues>({
    resolver: blankAsNull(zodResolver(organizationValuesSchema)),
    defaultValues: { name: initialName, nameLocal: '', acronym: '', type: null, country: null, iatiRef: '' },
  });
  const create = useMutation(trpc.organization.create.mutationOptions());
  const countries = useMemo(() => countryOptions(language), [language]);
  const types = useMemo(
    () =>
      ORGANIZATION_TYPE_CODES.map((code) => ({
        value: String(code),
        label: label(ORGANIZATION_TYPES, code, language),
      })),
    [language],
  );

  const save = async (values: OrganizationValues) => {
    setFailure(null);
    const saved = await create.mutateAsync(values).catch((error: unknown) => {
      if (!applyServerErrors(form, error)) setFailure(error instanceof Error ? error.message : String(error));
      return null;
    });
    if (!saved) return;
    await queryClient.invalidateQueries({ queryKey: trpc.organization.list.pathKey() });
    onCreated(organizationOption({ id: saved.id, ...values }, language));
  };
  // The modal sits in a portal, but React still bubbles its submit to the form around the picker.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.stopPropagation();
    void form.handleSubmit(save)(event);
  };
  const { errors } = form.formState;

  return (
    <form onSubmit={onSubmit} noValidate data-testid="organization-create-form">
      <Stack gap="sm">
        <TextInput
          label={t('organization.name')}
          required
          data-autofocus
          {...form.register('name')}
          error={errorMessage(errors.name)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('organization.nameLocal')}
            {...form.register('nameLocal')}
            error={errorMessage(errors.nameLocal)}
          />
          <TextInput
            label={t('organization.acronym')}
            {...form.register('acronym')}
            error={errorMessage(errors.acronym)}
          />
          <Controller
            control={form.control}
            name="type"
            render={({ field }) => (
              <Select
                label={t('organization.type')}
                data={types}
                value={field.value == null ? null : String(field.value)}
                onChange={(v) => field.onChange(v === null ? null : Number(v))}
                onBlur={field.onBlur}
                clearable
                error={errorMessage(errors.type)}
              />
            )}
          />
          <Controller
            control={form.control}
            name="country"
            render={({ field }) => (
              <Select
                label={t('organization.country')}
                data={countries}
                value={field.value ?? null}
                onChange={(v) => field.onChange(v)}
                onBlur={field.onBlur}
                searchable
                clearable
                nothingFoundMessage={t('nothingFound')}
                error={errorMessage(errors.country)}
              />
            )}
          />
        </SimpleGrid>
        <TextInput
          label={t('organization.iatiRef')}
          description={t('organization.iatiRefHint')}
          {...form.register('iatiRef')}
          error={errorMessage(errors.iatiRef)}
        />
        {failure && (
          <Alert color="red" role="alert" title={t('saveFailed')}>
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('organization.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
