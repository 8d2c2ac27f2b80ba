import '../../../forms/form-styles.ts';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Badge,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  CURRENCY_CODES,
  FUNDING_FLOWS,
  INSTRUMENT_CODES,
  INSTRUMENTS,
  label,
  NOMINAL,
  priceBasisLabel,
} from '@srt/shared/codes';
import { type FundingValues, fundingValuesSchema } from '@srt/shared/funding';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { AnchorLink } from '../../../components/anchor-link.tsx';
import { formatMoney } from '../../../format.ts';
import { ConflictResolver } from '../../../forms/conflict.tsx';
import { DraftNotice } from '../../../forms/draft-notice.tsx';
import { PartialDateInput } from '../../../forms/partial-date-input.tsx';
import { blankAsNull } from '../../../forms/pickers/blank-as-null.ts';
import { EventPicker } from '../../../forms/pickers/event-picker.tsx';
import { OrganizationPicker } from '../../../forms/pickers/organization-picker.tsx';
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
import { UsdPreview } from './usd-preview.tsx';
import { FORM_FLOWS, type FundingFormValues, normalizeAmount } from './values.ts';

type Props = {
  /** An existing funding row (edit) or none (new). */
  id?: string;
  version?: number;
  initial: Partial<FundingFormValues> & { projectId: string };
};

type Conflict = { mine: FundingValues; theirs: FundingValues; version: number };

/** The amount keeps its decimal string from the field to the column: shown formatted, never a float. */
const AMOUNT_PATTERN = '[0-9\\s.,\u00a0\u202f]*';

/**
 * The funding form (new and edit) of one project: flow, funder and recipient, the amount in its own
 * currency as an exact decimal, value date, instrument, estimated flag, the event it was pledged at and its
 * sources — with the USD value the save will store, from the annual rate table, before saving.
 */
export function FundingForm({ id, version: openedAt, initial }: Props) {
  const { t } = useLazyTranslation('entry');
  const errorMessage = useErrorMessage();
  const language = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<FundingFormValues, unknown, FundingValues>({
    resolver: blankAsNull(zodResolver(fundingValuesSchema)),
    defaultValues: initial,
  });
  const [version, setVersion] = useState(openedAt);
  const draft = useDraft(id ? `funding:${id}` : `funding:new:${initial.projectId}`, form, {
    version: openedAt ?? null,
  });
  const guard = useUnsavedGuard(form.formState.isDirty);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const create = useMutation(trpc.funding.create.mutationOptions());
  const update = useMutation(trpc.funding.update.mutationOptions());
  const projectId = initial.projectId;
  const project = useQuery(trpc.project.byId.queryOptions({ id: projectId }));

  const [amount, currency, valueDate, flow, priceBasis] = useWatch({
    control: form.control,
    name: ['amount', 'currency', 'valueDate', 'flow', 'priceBasis'],
  });
  const flows = useMemo(
    () =>
      [...FORM_FLOWS, ...(flow && !FORM_FLOWS.includes(flow) ? [flow] : [])].map((code) => ({
        value: code,
        label: label(FUNDING_FLOWS, code, language),
      })),
    [flow, language],
  );
  const currencies = useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'currency' });
    return CURRENCY_CODES.map((code) => ({ value: code, label: `${code} — ${names.of(code) ?? code}` }));
  }, [language]);
  const instruments = useMemo(
    () => INSTRUMENT_CODES.map((code) => ({ value: code, label: label(INSTRUMENTS, code, language) })),
    [language],
  );

  const save = async (values: FundingValues, at: number | undefined) => {
    setFailure(null);
    try {
      if (id && at !== undefined) await update.mutateAsync({ id, version: at, values });
      else await create.mutateAsync(values);
      draft.clear();
      guard.release();
      // Funding feeds the project page, its event, the totals, charts and the map: read them all again.
      await queryClient.invalidateQueries();
      await navigate({ to: '/projects/$id', params: { id: values.projectId }, hash: 'funding' });
    } catch (error) {
      const current = conflictOf<FundingValues>(error);
      if (current) {
        setConflict({ mine: values, theirs: current.values, version: current.version });
        return;
      }
      if (!applyServerErrors(form, error)) setFailure(error instanceof Error ? error.message : String(error));
    }
  };
  const onSubmit = form.handleSubmit((values) => save(values, version));
  const { errors, isSubmitting } = form.formState;
  const amountShown =
    amount && currency && /^-?\d+(\.\d+)?$/.test(amount)
      ? formatMoney(amount, currency, language)
      : undefined;

  return (
    <Stack gap="md" maw={960}>
      <Stack gap={4}>
        <Title order={2}>{id ? t('funding.editTitle') : t('funding.newTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('funding.ofProject')}{' '}
          <AnchorLink to="/projects/$id" params={{ id: projectId }} search={{}} data-testid="funding-project">
            {project.data?.title ?? t('common.loading')}
          </AnchorLink>
        </Text>
      </Stack>
      <DraftNotice draft={draft} onRestore={(d) => d.version !== null && setVersion(d.version)} />
      <form onSubmit={onSubmit} noValidate data-testid="funding-form">
        <Stack gap="md">
          <Paper withBorder p="md">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Controller
                  control={form.control}
                  name="flow"
                  render={({ field }) => (
                    <Select
                      label={t('funding.flow')}
                      description={t('funding.flowHint')}
                      required
                      data={flows}
                      value={field.value ?? null}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      allowDeselect={false}
                      error={errorMessage(errors.flow)}
                    />
                  )}
                />
                <Controller
                  control={form.control}
                  name="instrument"
                  render={({ field }) => (
                    <Select
                      label={t('funding.instrument')}
                      description={t('funding.instrumentHint')}
                      data={instruments}
                      value={field.value ?? null}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      clearable
                      error={errorMessage(errors.instrument)}
                    />
                  )}
                />
                <Controller
                  control={form.control}
                  name="funderOrgId"
                  render={({ field }) => (
                    <OrganizationPicker
                      label={t('funding.funder')}
                      value={field.value ?? null}
                      onChange={field.onChange}
                      error={errorMessage(errors.funderOrgId)}
                    />
                  )}
                />
                <Controller
                  control={form.control}
                  name="recipientOrgId"
                  render={({ field }) => (
                    <OrganizationPicker
                      label={t('funding.recipient')}
                      value={field.value ?? null}
                      onChange={field.onChange}
                      error={errorMessage(errors.recipientOrgId)}
                    />
                  )}
                />
              </SimpleGrid>
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ alignItems: 'start' }}>
                <Controller
                  control={form.control}
                  name="amount"
                  render={({ field }) => (
                    <TextInput
                      label={t('funding.amount')}
                      description={amountShown ?? t('funding.amountHint')}
                      required
                      inputMode="decimal"
                      autoComplete="off"
                      pattern={AMOUNT_PATTERN}
                      value={field.value ?? ''}
                      onChange={(e) => field.onChange(e.currentTarget.value)}
                      // Group separators and a decimal comma become the plain decimal the schema reads.
                      onBlur={() => {
                        if (field.value) field.onChange(normalizeAmount(field.value));
                        field.onBlur();
                      }}
                      ref={field.ref}
                      error={errorMessage(errors.amount)}
                      data-testid="amount-input"
                    />
                  )}
                />
                <Controller
                  control={form.control}
                  name="currency"
                  render={({ field }) => (
                    <Select
                      label={t('funding.currency')}
                      required
                      data={currencies}
                      value={field.value ?? null}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      searchable
                      nothingFoundMessage={t('funding.noCurrency')}
                      error={errorMessage(errors.currency)}
                    />
                  )}
                />
                <Controller
                  control={form.control}
                  name="valueDate"
                  render={({ field }) => (
                    <PartialDateInput
                      label={t('funding.valueDate')}
                      description={t('funding.valueDateHint')}
                      value={field.value ?? null}
                      onChange={field.onChange}
                      error={errorMessage(errors.valueDate)}
                      data-testid="value-date-input"
                    />
                  )}
                />
              </SimpleGrid>
              {priceBasis && priceBasis !== NOMINAL && (
                <Group gap="xs">
                  <Badge color="grape" variant="light">
                    {priceBasisLabel(priceBasis, language)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t('funding.priceBasisKept')}
                  </Text>
                </Group>
              )}
              <UsdPreview amount={amount} currency={currency} valueDate={valueDate} />
              <Controller
                control={form.control}
                name="estimated"
                render={({ field }) => (
                  <Checkbox
                    label={t('funding.estimated')}
                    description={t('funding.estimatedHint')}
                    checked={field.value ?? false}
                    onChange={(e) => field.onChange(e.currentTarget.checked)}
                    onBlur={field.onBlur}
                  />
                )}
              />
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Controller
              control={form.control}
              name="eventId"
              render={({ field }) => (
                <EventPicker
                  label={t('funding.event')}
                  description={t('funding.eventHint')}
                  value={field.value ?? null}
                  onChange={field.onChange}
                  error={errorMessage(errors.eventId)}
                />
              )}
            />
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
            error={failure ?? errors.root?.server?.message ?? errorMessage(errors.projectId)}
            submitLabel={id ? t('common.save') : t('funding.create')}
            submitting={isSubmitting}
          />
        </Stack>
      </form>
      {conflict && (
        <ConflictResolver<FundingValues>
          mine={conflict.mine}
          theirs={conflict.theirs}
          base={form.formState.defaultValues as FundingValues | undefined}
          labels={{
            flow: t('funding.flow'),
            funderOrgId: t('funding.funder'),
            recipientOrgId: t('funding.recipient'),
            amount: t('funding.amount'),
            currency: t('funding.currency'),
            valueDate: t('funding.valueDate'),
            instrument: t('funding.instrument'),
            estimated: t('funding.estimated'),
            eventId: t('funding.event'),
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
