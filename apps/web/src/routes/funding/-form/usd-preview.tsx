import { Alert, Loader, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { formatMoney, isDecimal } from '../../../format.ts';
import type { Language } from '../../../i18n/index.ts';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { trpc } from '../../../trpc.ts';
import { conversionInput } from './values.ts';

const rateFormats = new Map<Language, Intl.NumberFormat>();
/** A rate to six decimals ("6.615957"): enough to check it; the exact one is stored with the row. */
function formatRate(rate: string, language: Language): string {
  let format = rateFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 6 });
    rateFormats.set(language, format);
  }
  return isDecimal(rate) ? format.format(rate) : rate;
}

type Props = { amount?: string | null; currency?: string | null; valueDate?: string | null };

/**
 * The USD value a save will store, computed on the server from the annual rate table for the value date's
 * year (`rate.convert`), shown with the rate and its source — or "no rate" when the table has none.
 */
export function UsdPreview(props: Props) {
  const { t } = useLazyTranslation('entry');
  const language = useLanguage();
  const [input] = useDebouncedValue(conversionInput(props), 300);
  const conversion = useQuery({
    ...trpc.rate.convert.queryOptions(input ?? { amount: '0', currency: 'USD' }),
    enabled: input !== null,
  });
  const data = input ? conversion.data : undefined;

  let body: ReactNode;
  if (!input) {
    body = (
      <Text size="sm" c="dimmed">
        {t('funding.usdWaiting')}
      </Text>
    );
  } else if (conversion.isError) {
    body = (
      <Text size="sm" c="red.8" role="alert">
        {t('funding.usdFailed', { message: conversion.error.message })}
      </Text>
    );
  } else if (!data) {
    body = <Loader size="sm" aria-label={t('common.loading')} />;
  } else if (data.amountUsd === null || data.rate === null) {
    body = (
      <Alert color="orange" variant="light" p="xs" data-testid="no-rate">
        <Text size="sm" fw={600}>
          {t('funding.noRate')}
        </Text>
        <Text size="sm">
          {input.valueDate
            ? t('funding.noRateFor', { currency: input.currency, year: input.valueDate.slice(0, 4) })
            : t('funding.noRateNoDate')}
        </Text>
      </Alert>
    );
  } else {
    body = (
      <Stack gap={2}>
        <Text size="lg" fw={600} data-testid="usd-preview-amount">
          {formatMoney(data.amountUsd, 'USD', language)}
        </Text>
        <Text size="sm" data-testid="usd-preview-rate">
          {input.currency === 'USD'
            ? t('funding.rateUsd')
            : t('funding.rateLine', {
                rate: formatRate(data.rate, language),
                currency: input.currency,
                year: data.year,
              })}
        </Text>
        {data.source && (
          <Text size="xs" c="dimmed" data-testid="usd-preview-source">
            {t('funding.rateSource', { source: data.source })}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Paper
      withBorder
      p="sm"
      bg="var(--mantine-color-gray-0)"
      data-testid="usd-preview"
      aria-live="polite"
      aria-busy={conversion.isFetching}
    >
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
        {t('funding.usdPreview')}
      </Text>
      {body}
    </Paper>
  );
}
