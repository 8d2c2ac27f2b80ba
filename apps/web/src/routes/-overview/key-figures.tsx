import { Alert, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { type FlowAmount, type FlowTotal, flowTotals } from '@srt/shared/charts';
import { FUNDING_FLOWS, label, priceBasisLabel } from '@srt/shared/codes';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatUsd } from '../../format.ts';
import type { Language } from '../../i18n/index.ts';

type Props = {
  counts: { projects: number; events: number } | undefined;
  totals: readonly FlowAmount[] | undefined;
  language: Language;
  error: { message: string } | null;
  busy: boolean;
};

/**
 * Projects, committed, disbursed and pledged USD, and events for the current filter. Each flow is its own
 * figure; constant-price sums are named beside the nominal one, never added to it.
 */
export function KeyFigures({ counts, totals, language, error, busy }: Props) {
  const { t } = useTranslation('overview');
  const byFlow = totals ? flowTotals(totals) : undefined;
  const flow = (name: FlowTotal['flow']) => byFlow?.find((f) => f.flow === name);
  return (
    <Stack gap="xs" component="section" aria-labelledby="key-figures-title" aria-busy={busy}>
      <Title order={3} size="h4" id="key-figures-title">
        {t('figures.title')}
      </Title>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {t('figures.error', { message: error.message })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm" data-testid="key-figures">
        <Figure title={t('figures.projects')} loading={!counts}>
          <Value>{counts ? formatNumber(counts.projects, language) : ''}</Value>
        </Figure>
        {(['commitment', 'disbursement', 'pledge'] as const).map((name) => (
          <MoneyFigure
            key={name}
            title={label(FUNDING_FLOWS, name, language)}
            total={flow(name)}
            loading={!byFlow}
            language={language}
          />
        ))}
        <Figure title={t('figures.events')} loading={!counts}>
          <Value>{counts ? formatNumber(counts.events, language) : ''}</Value>
        </Figure>
      </SimpleGrid>
    </Stack>
  );
}

function Figure({
  title,
  loading,
  children,
}: {
  title: string;
  loading: boolean;
  children: React.ReactNode;
}) {
  return (
    <Paper withBorder p="sm" data-testid="key-figure">
      <Text size="sm" c="dimmed" fw={500}>
        {title}
      </Text>
      {loading ? <Skeleton height={28} mt={4} width="70%" /> : children}
    </Paper>
  );
}

const Value = ({ children }: { children: React.ReactNode }) => (
  <Text fz={26} fw={700} lh={1.3} style={{ fontVariantNumeric: 'tabular-nums' }}>
    {children}
  </Text>
);

function MoneyFigure(props: {
  title: string;
  total: FlowTotal | undefined;
  loading: boolean;
  language: Language;
}) {
  const { title, total, loading, language } = props;
  const { t } = useTranslation('overview');
  return (
    <Figure title={title} loading={loading}>
      {total?.nominal ? (
        <>
          <Value>
            <span title={formatUsd(total.nominal, language)}>
              {formatUsd(total.nominal, language, 'compact')}
            </span>
          </Value>
          <Text size="xs" c="dimmed">
            {t('figures.usd')}
          </Text>
        </>
      ) : (
        <Value>
          <Text span c="dimmed" fz="md">
            {t('figures.none')}
          </Text>
        </Value>
      )}
      {total?.constant.map((c) => (
        <Text key={c.priceBasis} size="xs" c="dimmed">
          {t('figures.constant', {
            amount: formatUsd(c.usd, language, 'compact'),
            basis: priceBasisLabel(c.priceBasis, language),
          })}
        </Text>
      ))}
      {total && total.rowsWithoutUsd > 0 && (
        <Text size="xs" c="dimmed">
          {t('figures.withoutUsd', { count: total.rowsWithoutUsd })}
        </Text>
      )}
    </Figure>
  );
}
