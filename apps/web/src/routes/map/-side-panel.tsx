import {
  Alert,
  Anchor,
  Badge,
  CloseButton,
  Divider,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { ACTIVITY_STATUS, EVENT_TYPES, label, sectorName } from '@srt/shared/codes';
import type { ProjectFilter } from '@srt/shared/filter';
import { Link } from '@tanstack/react-router';
import type { inferOutput } from '@trpc/tanstack-react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EventDate } from '../../components/event-date.tsx';
import { formatNumber } from '../../format.ts';
import type { Language } from '../../i18n/index.ts';
import { flowFigures } from '../../map/map-model.ts';
import type { trpc } from '../../trpc.ts';
import { FlowSums } from './-figures.tsx';
import classes from './map.module.css';

export type PanelData = inferOutput<typeof trpc.map.panel>;

type Props = {
  area: { country: string; region?: string } | null;
  /** The area's name (region or country) and its country's name. */
  title: string;
  countryTitle: string;
  data: PanelData | undefined;
  busy: boolean;
  error: { message: string } | null;
  filter: ProjectFilter;
  language: Language;
  onClose: () => void;
  /** Opens the panel of a region's country. */
  onCountry: (country: string) => void;
  height: number;
};

/**
 * What the map says about the country or region clicked: its projects and money (the same figures as
 * /projects shows for that country), top sectors and funders, the latest events, the projects the map
 * cannot draw (country-level) and the data problems it will not draw, and a link to the list.
 */
export function SidePanel(props: Props) {
  const { area, data, busy, error, height } = props;
  const { t } = useTranslation('map');
  return (
    <Paper
      withBorder
      component="section"
      aria-labelledby="map-panel-title"
      aria-busy={busy}
      h={{ base: 'auto', lg: height }}
      data-testid="side-panel"
    >
      <ScrollArea.Autosize mah={{ base: 'none', lg: height }} type="auto" offsetScrollbars>
        <Stack gap="sm" p="md">
          {area === null ? (
            <>
              <Title order={3} size="h5" id="map-panel-title">
                {t('panel.emptyTitle')}
              </Title>
              <Text size="sm">{t('panel.empty')}</Text>
            </>
          ) : (
            <>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Title order={3} size="h4" id="map-panel-title" data-testid="panel-title">
                    {props.title}
                  </Title>
                  {area.region && (
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => props.onCountry(area.country)}
                    >
                      {t('panel.wholeCountry', { country: props.countryTitle })}
                    </Anchor>
                  )}
                </div>
                <CloseButton onClick={props.onClose} aria-label={t('panel.close')} />
              </Group>
              {error && (
                <Alert color="red" variant="light" role="alert">
                  {t('panel.error', { message: error.message })}
                </Alert>
              )}
              {!data && !error ? <Skeleton height={240} /> : null}
              {data && <PanelBody {...props} data={data} area={area} />}
            </>
          )}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

function PanelBody({
  data,
  area,
  filter,
  language,
  countryTitle,
}: Props & { data: PanelData; area: { country: string; region?: string } }) {
  const { t } = useTranslation('map');
  const figures = flowFigures(data.amounts);
  const projectsSearch = { ...filter, countries: [area.country] };
  return (
    <Stack gap="md" data-testid="panel-body">
      <SimpleGrid cols={2} spacing="sm">
        <Figure label={t('figures.projects')}>
          <Text fz={22} fw={700} className={classes.amount} data-testid="panel-projects">
            {formatNumber(data.projects, language)}
          </Text>
        </Figure>
        {figures.map((figure) => (
          <Figure key={figure.flow} label={t(`figures.${figure.flow}`)} testId={`panel-${figure.flow}`}>
            <FlowSums figure={figure} language={language} />
          </Figure>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('figures.separate')}
      </Text>
      <Anchor
        size="sm"
        fw={600}
        renderRoot={(rootProps) => <Link to="/projects" search={projectsSearch} {...rootProps} />}
        data-testid="panel-projects-link"
      >
        {t(area.region ? 'panel.listCountry' : 'panel.list', { country: countryTitle })}
      </Anchor>

      <Divider />
      <Section title={t('panel.sectors')}>
        <CountList
          rows={data.topSectors.map((s) => ({
            key: s.sector,
            text: sectorName(s.sector, language),
            n: s.projects,
          }))}
          empty={t('panel.none')}
          language={language}
        />
      </Section>
      <Section title={t('panel.funders')}>
        <CountList
          rows={data.topFunders.map((f) => ({ key: f.id, text: f.name, n: f.projects }))}
          empty={t('panel.none')}
          language={language}
        />
      </Section>
      <Section title={t('panel.events')}>
        {data.latestEvents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('panel.noEvents')}
          </Text>
        ) : (
          <ol className={classes.list}>
            {data.latestEvents.map((e) => (
              <li key={e.id}>
                <Text size="xs" c="dimmed" span>
                  <EventDate date={e.date} precision={e.datePrecision} language={language} /> ·{' '}
                  {label(EVENT_TYPES, e.type, language)}
                </Text>
                <br />
                <Anchor
                  size="sm"
                  renderRoot={(rootProps) => <Link to="/events/$id" params={{ id: e.id }} {...rootProps} />}
                >
                  {e.title}
                </Anchor>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section
        title={
          data.listed.kind === 'region'
            ? t('panel.regionProjects', { count: data.listed.total })
            : t('panel.countryLevel', { count: data.listed.total })
        }
        testId="panel-listed"
      >
        {data.listed.kind === 'country-level' && (
          <Text size="xs" c="dimmed">
            {t('panel.countryLevelNote')}
          </Text>
        )}
        <ProjectList rows={data.listed.rows} total={data.listed.total} language={language} />
      </Section>
      {data.listed.kind === 'country-level' && (
        <Section title={t('panel.problems', { count: data.problems.total })} testId="panel-problems">
          <Text size="xs" c="dimmed">
            {t('panel.problemsNote')}
          </Text>
          {data.problems.rows.length > 0 && (
            <ul className={classes.list}>
              {data.problems.rows.map((p) => (
                <li key={p.id}>
                  <Text size="sm" span fw={500}>
                    {p.name}
                  </Text>{' '}
                  <Badge size="xs" color="orange" variant="light">
                    {t(`problem.${p.reason}`)}
                  </Badge>
                  <br />
                  <Anchor
                    size="xs"
                    renderRoot={(rootProps) => (
                      <Link to="/projects/$id" params={{ id: p.projectId }} {...rootProps} />
                    )}
                  >
                    {p.projectTitle}
                  </Anchor>
                  {p.problem && (
                    <Text size="xs" c="dimmed">
                      {p.problem}
                    </Text>
                  )}
                </li>
              ))}
            </ul>
          )}
          {data.problems.total > data.problems.rows.length && (
            <Text size="xs" c="dimmed">
              {t('panel.more', { count: data.problems.total - data.problems.rows.length })}
            </Text>
          )}
        </Section>
      )}
    </Stack>
  );
}

function Figure({ label: text, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={500}>
        {text}
      </Text>
      {children}
    </Stack>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={4} data-testid={testId}>
      <Title order={4} size="h6">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function CountList({
  rows,
  empty,
  language,
}: {
  rows: { key: string; text: string; n: number }[];
  empty: string;
  language: Language;
}) {
  const { t } = useTranslation('map');
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <ol className={classes.list}>
      {rows.map((r) => (
        <li key={r.key}>
          <Text size="sm" span>
            {r.text}
          </Text>{' '}
          <Text size="xs" c="dimmed" span>
            {t('panel.projectCount', { count: r.n, formatted: formatNumber(r.n, language) })}
          </Text>
        </li>
      ))}
    </ol>
  );
}

function ProjectList({
  rows,
  total,
  language,
}: {
  rows: PanelData['listed']['rows'];
  total: number;
  language: Language;
}) {
  const { t } = useTranslation('map');
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('panel.none')}
      </Text>
    );
  return (
    <>
      <ul className={classes.list}>
        {rows.map((p) => (
          <li key={p.id}>
            <Anchor
              size="sm"
              renderRoot={(rootProps) => <Link to="/projects/$id" params={{ id: p.id }} {...rootProps} />}
            >
              {p.title}
            </Anchor>
            {p.status !== null && (
              <Text size="xs" c="dimmed" span>
                {' '}
                · {label(ACTIVITY_STATUS, p.status, language)}
              </Text>
            )}
          </li>
        ))}
      </ul>
      {total > rows.length && (
        <Text size="xs" c="dimmed">
          {t('panel.more', { count: total - rows.length })}
        </Text>
      )}
    </>
  );
}
