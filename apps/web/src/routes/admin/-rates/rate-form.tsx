import '../../../forms/form-styles.ts';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type RateValues, type RateValuesInput, rateValuesSchema } from '@srt/shared/rate';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyServerErrors, conflictOf, errorCode } from '../../../forms/server-errors.ts';
import { messageOf, useErrorMessage } from '../../../forms/use-error-message.ts';
import { formatDecimal } from '../../../history/format-change.ts';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { trpc } from '../../../trpc.ts';
import type { RateRow } from './page.tsx';

/** What the form opens on: a row to change (`current`), or a currency and year to add. */
export type RateFormTarget = { currency: string; year: number | null; current: RateRow | null };
type Saved = { currency: string; year: number; version: number; fundingUpdated: number };
type Conflict = { version: number; values: RateValuesInput } | { version: null; values: null };

/** The messages of the rate schema (packages/shared/src/rate.ts) → keys of the lazy `rates` namespace. */
const RATE_ERRORS: [RegExp, string][] = [
  [/^Name the source of the rate$/, 'errors.source'],
  [/^Expected a positive decimal/, 'errors.perUsd'],
  [/^The rate must be more than zero$/, 'errors.perUsdZero'],
  [/^USD always converts at 1/, 'errors.usd'],
  [/^Year must be|expected number|Invalid input|A year is a whole number/, 'errors.year'],
];

/** A decimal as typed in either language: `1,7` is `1.7`. */
const decimalInput = (value: unknown) => (typeof value === 'string' ? value.trim().replace(',', '.') : value);
const yearInput = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : (value as number);

/**
 * Adds or changes one rate: the source is required, field errors in the user's language (client and
 * server), and a save that meets someone else's change shows their value and lets the admin apply theirs
 * or re-apply their own against the new version.
 */
export function RateForm({
  target,
  onClose,
  onSaved,
}: {
  target: RateFormTarget;
  onClose: () => void;
  onSaved: (saved: Saved) => void;
}) {
  const { t } = useLazyTranslation('rates');
  const language = useLanguage();
  const formError = useErrorMessage();
  const editing = target.current !== null;
  const [version, setVersion] = useState<number | null>(target.current?.version ?? null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<RateValuesInput, unknown, RateValues>({
    resolver: zodResolver(rateValuesSchema),
    defaultValues: target.current
      ? {
          currency: target.current.currency,
          year: target.current.year,
          perUsd: target.current.perUsd,
          source: target.current.source,
        }
      : { currency: target.currency, year: target.year ?? ('' as unknown as number), perUsd: '', source: '' },
  });
  const { errors } = form.formState;
  const errorText = (error: Parameters<typeof messageOf>[0]) => {
    const message = messageOf(error);
    if (!message) return undefined;
    const known = RATE_ERRORS.find(([pattern]) => pattern.test(message));
    return known ? t(known[1]) : formError(error);
  };

  const upsert = useMutation(trpc.rate.upsert.mutationOptions());
  const save = async (values: RateValues, at: number | null) => {
    setFailure(null);
    try {
      const saved = await upsert.mutateAsync({ ...values, version: at });
      onSaved(saved);
    } catch (error) {
      if (errorCode(error) === 'CONFLICT') {
        const current = conflictOf<RateValuesInput>(error);
        setConflict(
          current ? { version: current.version, values: current.values } : { version: null, values: null },
        );
        return;
      }
      if (applyServerErrors(form, error)) return;
      const code = errorCode(error);
      setFailure(
        code === 'FORBIDDEN' || code === 'UNAUTHORIZED'
          ? t('errors.forbidden')
          : t('errors.failed', { message: error instanceof Error ? error.message : String(error) }),
      );
    }
  };
  const onSubmit = form.handleSubmit((values) => save(values, version));

  const title = editing
    ? t('form.titleEdit', { currency: target.current?.currency, year: target.current?.year })
    : t('form.titleAdd');

  return (
    <Modal opened onClose={onClose} title={title} size="lg" data-testid="rate-form">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={t('currency')}
              required
              readOnly={editing}
              maxLength={3}
              {...form.register('currency', {
                setValueAs: (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
              })}
              error={errorText(errors.currency)}
              data-testid="rate-currency"
            />
            <TextInput
              label={t('year')}
              required
              readOnly={editing}
              inputMode="numeric"
              {...form.register('year', { setValueAs: yearInput })}
              error={errorText(errors.year)}
              data-testid="rate-year"
            />
          </Group>
          <TextInput
            label={t('perUsd')}
            description={t('form.perUsdHint')}
            required
            inputMode="decimal"
            {...form.register('perUsd', { setValueAs: decimalInput })}
            error={errorText(errors.perUsd)}
            data-testid="rate-per-usd"
          />
          <Textarea
            label={t('source')}
            description={t('form.sourceHint')}
            required
            autosize
            minRows={2}
            {...form.register('source')}
            error={errorText(errors.source)}
            data-testid="rate-source"
          />
          <Text size="xs" c="dimmed">
            {t('form.recompute')}
          </Text>
          {conflict && (
            <Alert color="orange" title={t('conflict.title')} data-testid="rate-conflict">
              <Stack gap="xs">
                <Text size="sm">
                  {conflict.values
                    ? t('conflict.theirs', {
                        perUsd: formatDecimal(conflict.values.perUsd, language),
                        source: conflict.values.source,
                        version: conflict.version,
                      })
                    : t('conflict.gone')}
                </Text>
                <Group gap="xs">
                  <Button
                    size="xs"
                    onClick={() => {
                      const at = conflict.version;
                      setVersion(at);
                      setConflict(null);
                      void form.handleSubmit((values) => save(values, at))();
                    }}
                    disabled={conflict.version === null}
                    data-testid="rate-apply-mine"
                  >
                    {t('conflict.applyMine')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => {
                      if (conflict.values) {
                        form.reset(conflict.values);
                        setVersion(conflict.version);
                      }
                      setConflict(null);
                    }}
                    data-testid="rate-use-theirs"
                  >
                    {t('conflict.useTheirs')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {failure && (
            <Alert color="red" role="alert" data-testid="rate-failure">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={upsert.isPending} data-testid="rate-save">
              {t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
