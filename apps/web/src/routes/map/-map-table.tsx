import { Anchor, Paper, Skeleton, Table, Text, Title } from '@mantine/core';
import { countryName } from '@srt/shared/codes';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format.ts';
import type { Language } from '../../i18n/index.ts';
import { type Amount, FIGURE_FLOWS, flowFigures, type Level, type Summary } from '../../map/map-model.ts';
import { FlowSums } from './-figures.tsx';
import classes from './map.module.css';

type Props = {
  level: Level;
  summary: Summary | undefined;
  nameOf: (key: string) => string;
  selectedKey: string | null;
  onSelect: (key: string) => void;
  language: Language;
};

type Row = { key: string; country: string; projects: number; amounts: Amount[]; extra: number[] };

/**
 * Everything the map colours, as a table: one row per country (or per region with projects), with the
 * same figures; each name is a button that opens the side panel, so the map's content is reachable by
 * keyboard and screen reader without the map.
 */
export function MapTable({ level, summary, nameOf, selectedKey, onSelect, language }: Props) {
  const { t } = useTranslation('map');
  const rows: Row[] | undefined = summary
    ? level === 'country'
      ? summary.countries.map((c) => ({
          key: c.country,
          country: c.country,
          projects: c.projects,
          amounts: c.amounts,
          extra: [c.pins, c.countryLevelProjects, c.problemLocations],
        }))
      : summary.regions
          .map((r) => ({
            key: r.region,
            country: r.country,
            projects: r.projects,
            amounts: r.amounts,
            extra: [r.areaOnlyProjects],
          }))
          .sort(
            (a, b) =>
              a.country.localeCompare(b.country) || b.projects - a.projects || a.key.localeCompare(b.key),
          )
    : undefined;
  const extraHeads =
    level === 'country'
      ? [t('table.pins'), t('table.countryLevel'), t('table.problems')]
      : [t('table.areaOnly')];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="map-table-title">
      <Title order={3} size="h5" id="map-table-title">
        {t('table.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t(`table.intro.${level}`)}
      </Text>
      {!rows ? (
        <Skeleton height={160} />
      ) : rows.length === 0 ? (
        <Text size="sm">{t('table.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing={4} data-testid="map-table">
            <Table.Caption>{t(`table.caption.${level}`)}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t(`table.name.${level}`)}</Table.Th>
                {level === 'region' && <Table.Th scope="col">{t('table.country')}</Table.Th>}
                <Table.Th scope="col">{t('figures.projects')}</Table.Th>
                {FIGURE_FLOWS.map((flow) => (
                  <Table.Th scope="col" key={flow}>
                    {t(`figures.${flow}`)}
                  </Table.Th>
                ))}
                {extraHeads.map((head) => (
                  <Table.Th scope="col" key={head}>
                    {head}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key} data-key={row.key}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => onSelect(row.key)}
                      aria-pressed={selectedKey === row.key}
                    >
                      {nameOf(row.key)}
                    </Anchor>
                  </Table.Th>
                  {level === 'region' && <Table.Td>{countryName(row.country, language)}</Table.Td>}
                  <Table.Td className={classes.amount}>{formatNumber(row.projects, language)}</Table.Td>
                  {flowFigures(row.amounts).map((figure) => (
                    <Table.Td key={figure.flow}>
                      <FlowSums figure={figure} language={language} />
                    </Table.Td>
                  ))}
                  {row.extra.map((n, i) => (
                    <Table.Td key={extraHeads[i]} className={classes.amount}>
                      {formatNumber(n, language)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
