import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Combobox.css';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { label, SOURCE_KIND_CODES, SOURCE_KINDS } from '@srt/shared/codes';
import {
  SOURCE_URL_TAKEN,
  type SourceValues,
  type SourceValuesInput,
  sourceValuesSchema,
} from '@srt/shared/source';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { languageName } from '../../components/language-name.ts';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc } from '../../trpc.ts';
import { PartialDateInput } from '../partial-date-input.tsx';
import { applyServerErrors } from '../server-errors.ts';
import { useErrorMessage } from '../use-error-message.ts';
import { blankAsNull } from './blank-as-null.ts';
import { LANGUAGE_CODES } from './options.ts';

/** A source as a cited-sources list shows it. */
export type SourceInfo = {
  id: string;
  url: string | null;
  title: string;
  publisher: string | null;
  publishedDate: string | null;
  language: string | null;
  kind: string;
};

type Props = {
  opened: boolean;
  /** Typed into the source search: a web address starts the URL, any other text the title. */
  initialText: string;
  onClose: () => void;
  onCreated: (source: SourceInfo) => void;
};

/**
 * "Add new source" from inside a form: web address (http or https only), title, publisher, published
 * date, language and kind, checked by the same schema as `source.create`; on success it is cited.
 */
export function SourceCreateModal({ opened, initialText, onClose, onCreated }: Props) {
  const { t } = useLazyTranslation('pickers');
  return (
    <Modal opened={opened} onClose={onClose} title={t('source.createTitle')} size="lg">
      {opened && <SourceCreateForm initialText={initialText} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function SourceCreateForm({ initialText, onClose, onCreated }: Omit<Props, 'opened'>) {
  const { t } = useLazyTranslation('pickers');
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const language = useLanguage();
  const queryClient = useQueryClient();
  const text = initialText.trim();
  const isUrl = /^https?:\/\//i.test(text);
  const form = useForm<SourceValuesInput, unknown, SourceValues>({
    resolver: blankAsNull(zodResolver(sourceValuesSchema)),
    defaultValues: {
      url: isUrl ? text : '',
      title: isUrl ? '' : text,
      publisher: '',
      publishedDate: null,
      language: null,
      kind: 'news',
    },
  });
  const create = useMutation(trpc.source.create.mutationOptions());
  const kinds = useMemo(
    () => SOURCE_KIND_CODES.map((code) => ({ value: code, label: label(SOURCE_KINDS, code, language) })),
    [language],
  );
  const languages = useMemo(
    () => LANGUAGE_CODES.map((code) => ({ value: code, label: `${languageName(code, language)} (${code})` })),
    [language],
  );

  // A source with the same web address already exists: offer to cite it instead of a duplicate.
  const [existing, setExisting] = useState<SourceInfo | null>(null);
  const findExisting = async (url: string) => {
    const key = (value: string) => value.trim().replace(/\/+$/, '').toLowerCase();
    const page = await queryClient.fetchQuery(
      trpc.source.list.queryOptions({ q: key(url).slice(0, 200), limit: 20 }),
    );
    const match = page.rows.find((row) => row.url !== null && key(row.url) === key(url));
    setExisting(match ? { ...match } : null);
  };

  const save = async (values: SourceValues) => {
    setFailure(null);
    setExisting(null);
    const saved = await create.mutateAsync(values).catch((error: unknown) => {
      if (!applyServerErrors(form, error)) setFailure(error instanceof Error ? error.message : String(error));
      else if (values.url && form.getFieldState('url').error?.message?.startsWith(SOURCE_URL_TAKEN))
        void findExisting(values.url).catch(() => setExisting(null));
      return null;
    });
    if (!saved) return;
    await queryClient.invalidateQueries({ queryKey: trpc.source.list.pathKey() });
    onCreated({
      id: saved.id,
      url: values.url ?? null,
      title: values.title,
      publisher: values.publisher ?? null,
      publishedDate: values.publishedDate ?? null,
      language: values.language ?? null,
      kind: values.kind,
    });
  };
  // The modal sits in a portal, but React still bubbles its submit to the form around the field.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.stopPropagation();
    void form.handleSubmit(save)(event);
  };
  const { errors } = form.formState;

  return (
    <form onSubmit={onSubmit} noValidate data-testid="source-create-form">
      <Stack gap="sm">
        <TextInput
          label={t('source.url')}
          type="url"
          placeholder="https://"
          data-autofocus
          {...form.register('url')}
          error={
            errors.url?.message?.startsWith(SOURCE_URL_TAKEN)
              ? t('source.urlTaken', {
                  title:
                    existing?.title ??
                    errors.url.message.split(': ').slice(1).join(': ').replace(/^“|”$/g, ''),
                })
              : errorMessage(errors.url)
          }
        />
        {existing && (
          <Alert color="blue" data-testid="source-exists">
            <Stack gap="xs">
              <Text size="sm">{t('source.existsHint', { title: existing.title })}</Text>
              <Group>
                <Button size="xs" onClick={() => onCreated(existing)} data-testid="cite-existing-source">
                  {t('source.citeExisting')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <TextInput
          label={t('source.title')}
          required
          {...form.register('title')}
          error={errorMessage(errors.title)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('source.publisher')}
            {...form.register('publisher')}
            error={errorMessage(errors.publisher)}
          />
          <Controller
            control={form.control}
            name="publishedDate"
            render={({ field }) => (
              <PartialDateInput
                label={t('source.publishedDate')}
                value={field.value ?? null}
                onChange={field.onChange}
                error={errorMessage(errors.publishedDate)}
              />
            )}
          />
          <Controller
            control={form.control}
            name="language"
            render={({ field }) => (
              <Select
                label={t('source.language')}
                data={languages}
                value={field.value ?? null}
                onChange={field.onChange}
                onBlur={field.onBlur}
                searchable
                clearable
                nothingFoundMessage={t('nothingFound')}
                error={errorMessage(errors.language)}
              />
            )}
          />
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <Select
                label={t('source.kind')}
                required
                data={kinds}
                value={field.value ?? null}
                onChange={field.onChange}
                onBlur={field.onBlur}
                allowDeselect={false}
                error={errorMessage(errors.kind)}
              />
            )}
          />
        </SimpleGrid>
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
            {t('source.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
