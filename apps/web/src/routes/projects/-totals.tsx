import { Alert, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { type FlowAmount, type FlowTotal, flowTotals } from '@srt/shared/charts';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatUsd } from '../../format.ts';
import type { Language } from '../../i18n/index.ts';

const TOTAL_FLOWS = ['commitment', 'disbursement', 'pledge'] as const;
type TotalFlow = (typeof TOTAL_FLOWS)[number];

/** `constant-2021` → `2021`. */
const baseYear = (priceBasis: string) => priceBasis.replace(/^constant-/, '');

type Props = {
  totals: readonly FlowAmount[] | undefined;
  projectCount: number | undefined;
  language: Language;
  error: { message: string } | null;
  busy: boolean;
};

/** Committed, disbursed and pledged USD of the whole filtered set (not just the rows shown), side by side. */
export const Totals = memo(function Totals({ totals, projectCount, language, error, busy }: Props) {
  const { t } = useTranslation('projects');
  const byFlow = totals ? flowTotals(totals) : undefined;
  return (
    <Stack gap="xs" component="section" aria-labelledby="totals-title" aria-busy={busy}>
      <Title order={3} size="h5" id="totals-title">
        {projectCount === undefined ? t('totals.titleLoading') : t('totals.title', { count: projectCount })}
      </Title>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {t('totals.error', { message: error.message })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {TOTAL_FLOWS.map((flow) => (
          <FlowCard key={flow} total={byFlow?.find((f) => f.flow === flow)} language={language} flow={flow} />
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('totals.separate')}
      </Text>
    </Stack>
  );
});

function FlowCard({
  flow,
  total,
  language,
}: {
  flow: TotalFlow;
  total: FlowTotal | undefined;
  language: Language;
}) {
  const { t } = useTranslation('projects');
  const constantOnly = total && total.nominal === null && total.constant.length > 0;
  return (
    <Paper withBorder p="sm" data-testid={`total-${flow}`}>
      <Text size="sm" c="dimmed" fw={500}>
        {t(`totals.${flow}`)}
      </Text>
      {total === undefined ? (
        <Skeleton height={28} mt={4} width="60%" />
      ) : (
        <>
          <Text
            fz={24}
            fw={700}
            style={{ fontVariantNumeric: 'tabular-nums' }}
            title={formatUsd(total.nominal ?? total.constant[0]?.usd, language)}
            data-usd={total.nominal ?? ''}
          >
            {constantOnly
              ? formatUsd(total.constant[0]?.usd, language, 'compact')
              : total.nominal === null
                ? t('totals.none')
                : formatUsd(total.nominal, language, 'compact')}
          </Text>
          {constantOnly ? (
            <Text size="xs" c="#a63c06">
              {t('totals.constantOnly', { year: baseYear(total.constant[0]?.priceBasis ?? '') })}
            </Text>
          ) : (
            total.nominal !== null && (
              <Text size="xs" c="dimmed">
                {t('totals.nominal')}
              </Text>
            )
          )}
          {total.constant.slice(constantOnly ? 1 : 0).map((c) => (
            <Text key={c.priceBasis} size="xs" c="#a63c06" data-constant={baseYear(c.priceBasis)}>
              {t('totals.constant', {
                amount: formatUsd(c.usd, language, 'compact'),
                year: baseYear(c.priceBasis),
              })}
            </Text>
          ))}
          {total.rows > 0 && (
            <Text size="xs" c="dimmed">
              {t('totals.rows', { count: total.rows })}
            </Text>
          )}
          {total.rowsWithoutUsd > 0 && (
            <Text size="xs" c="dimmed">
              {t('totals.withoutUsd', { count: total.rowsWithoutUsd })}
            </Text>
          )}
        </>
      )}
    </Paper>
  );
}
