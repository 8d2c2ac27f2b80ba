import { Alert, Button, Group, Skeleton, Text } from '@mantine/core';
import { fundingByYear } from '@srt/shared/charts';
import { choroplethLegend, choroplethScale } from '@srt/shared/choropleth';
import { countryName, FOCUS_COUNTRIES } from '@srt/shared/codes';
import { describeFilter } from '@srt/shared/export';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FundingByYearChart } from '../../../charts/funding-charts.tsx';
import { AnchorLink } from '../../../components/anchor-link.tsx';
import { FilterNotice } from '../../../filter/filter-notice.tsx';
import { activeFilterCount, sanitizeFilter } from '../../../filter/search.ts';
import { useProjectFilter } from '../../../filter/use-project-filter.ts';
import { formatDate, formatNumber } from '../../../format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { trpc } from '../../../trpc.ts';
import classes from './brief.module.css';
import { EventList, KeyFigures, MapNotes, Section, SourceSummary, TopTableView } from './parts.tsx';
import {
  type BriefCountry,
  briefFilter,
  briefRegions,
  briefTopTables,
  countryRegions,
  parseRegionShapes,
  regionNames,
  regionValues,
  topRegions,
  withoutCountries,
} from './shape.ts';

// Leaflet (and the Natural Earth shapes) load only when a brief is opened.
const BriefRegionMap = lazy(() => import('./region-map.tsx'));

const LATEST_EVENTS = 5;
const MAP_HEIGHT = 300;
const TOP_REGIONS = 3;

/** The admin-1 shapes, fetched once in their own chunk (names and values need them before the map). */
function useRegionShapes() {
  return useQuery({
    queryKey: ['shapes', 'admin1'],
    queryFn: async () => {
      const text = await import('../../../map/ne_10m_admin1_az_tj_tm_uz.geojson?raw');
      return parseRegionShapes(text.default);
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * `/countries/$iso`: a one-page brief of one country for the URL filter — key figures, the regions on a
 * map, funding by year, top sectors and funders, the latest events, the sources behind the figures and
 * the date of the data. Laid out as an A4 sheet (brief.module.css) that prints on one page.
 */
export function BriefPage({ country }: { country: BriefCountry }) {
  const { t } = useTranslation('brief');
  const language = useLanguage();
  const { filter: urlFilter } = useProjectFilter();
  const filter = useMemo(() => withoutCountries(urlFilter), [urlFilter]);
  const scoped = useMemo(() => briefFilter(filter, country), [filter, country]);
  const summary = useQuery(trpc.stats.summary.queryOptions(scoped));
  const events = useQuery(
    trpc.event.list.queryOptions({ projectFilter: scoped, limit: LATEST_EVENTS, direction: 'desc' }),
  );
  const brief = useQuery(trpc.brief.country.queryOptions({ country, filter }));
  // The regions as /map shades them (the same precision rule), for the same filter.
  const map = useQuery(trpc.map.summary.queryOptions(scoped));
  const shapes = useRegionShapes();
  const name = countryName(country, language);

  const own = useMemo(
    () => (shapes.data ? countryRegions(shapes.data, country) : undefined),
    [shapes.data, country],
  );
  const names = useMemo(
    () => (own ? regionNames(own, language) : new Map<string, string>()),
    [own, language],
  );
  const regionRows = useMemo(
    () => (map.data ? briefRegions(map.data, country) : undefined),
    [map.data, country],
  );
  const values = useMemo(() => regionValues(regionRows ?? []), [regionRows]);
  const countryLevel = map.data?.countries.find((c) => c.country === country)?.countryLevelProjects ?? 0;
  // One value per region of the country (0 for none), so regions without projects count as "no data".
  const scale = useMemo(
    () => choroplethScale([...names.keys()].map((code) => values[code] ?? 0)),
    [names, values],
  );
  const legend = useMemo(
    () => choroplethLegend(scale, (n) => formatNumber(n, language), t('map.none'), { alwaysNoData: true }),
    [scale, language, t],
  );
  const describe = useCallback(
    (code: string) => {
      const region = names.get(code) ?? code;
      const count = values[code] ?? 0;
      return count > 0 ? t('map.region', { region, count }) : t('map.regionNone', { region });
    },
    [names, values, t],
  );
  const byYear = useMemo(
    () => (summary.data ? fundingByYear(summary.data.byYear) : undefined),
    [summary.data],
  );
  const tops = useMemo(() => (summary.data ? briefTopTables(summary.data) : undefined), [summary.data]);
  const funderNames = useMemo(
    () =>
      new Map(
        (summary.data?.byFunder ?? []).flatMap((f) =>
          f.funderId && f.funderName ? [[f.funderId, f.funderName]] : [],
        ),
      ),
    [summary.data],
  );

  // "Save as PDF" names the file after the document title.
  useEffect(() => {
    const previous = document.title;
    document.title = `${t('eyebrow')}: ${name} — Silk Road Tracker`;
    return () => {
      document.title = previous;
    };
  }, [t, name]);

  // While a brief is shown, print only the brief: the shell hides its header, navigation and footer in
  // print under this attribute (shell.module.css). A plain attribute rather than `body:has(.sheet)`:
  // Chromium does not always re-evaluate :has() when it lays the page out for print (page.pdf()).
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.printSheet = '';
    return () => {
      delete root.dataset.printSheet;
    };
  }, []);

  const error = summary.error ?? brief.error ?? map.error ?? events.error;
  const ready = Boolean(summary.data && brief.data && map.data && events.data && shapes.data);
  const asOf = brief.data?.asOf;
  const href = typeof window === 'undefined' ? '' : decodeURI(window.location.href);

  return (
    <div className={classes.paper}>
      <Group className={`${classes.toolbar} ${classes.noPrint}`} justify="space-between" gap="sm">
        <Group gap="xs" component="nav" aria-label={t('otherBriefs')}>
          <Text size="sm" c="gray.7">
            {t('otherBriefs')}:
          </Text>
          {FOCUS_COUNTRIES.filter((c) => c !== country).map((c) => (
            <AnchorLink key={c} size="sm" c="blue.8" to="/countries/$iso" params={{ iso: c }} search={true}>
              {countryName(c, language)}
            </AnchorLink>
          ))}
        </Group>
        <Group gap="sm">
          <AnchorLink size="sm" c="blue.8" to="/projects" search={scoped}>
            {t('allProjects', { country: name })}
          </AnchorLink>
          <Button size="sm" color="blue.8" onClick={() => window.print()} data-testid="brief-print">
            {t('print')}
          </Button>
        </Group>
      </Group>
      <div className={`${classes.toolbar} ${classes.noPrint}`}>
        <FilterNotice sanitize={sanitizeFilter} />
      </div>
      <div className={classes.frame}>
        <article
          className={classes.sheet}
          aria-labelledby="brief-title"
          aria-busy={!ready}
          data-testid="brief"
          data-ready={ready}
        >
          <header className={classes.head}>
            <div>
              <p className={classes.eyebrow}>{t('eyebrow')}</p>
              <h2 className={classes.country} id="brief-title">
                {name}
              </h2>
              <p className={classes.muted} style={{ margin: 0 }}>
                {t('subtitle')}
              </p>
              <p className={classes.small} style={{ margin: 0 }} data-testid="brief-filter">
                {activeFilterCount(filter) > 0
                  ? t('filter.active', { filter: describeFilter(filter, language, funderNames) })
                  : t('filter.none')}
              </p>
            </div>
            <div className={classes.asOf} data-testid="brief-as-of">
              {asOf && (
                <>
                  <strong>
                    {asOf.updatedAt
                      ? t('asOf', { date: formatDate(asOf.updatedAt, language) })
                      : t('asOfUnknown')}
                  </strong>
                  {asOf.newestSource && (
                    <div>{t('newestSource', { date: formatDate(asOf.newestSource, language) })}</div>
                  )}
                  {asOf.lastImport && (
                    <div>{t('lastImport', { date: formatDate(asOf.lastImport, language) })}</div>
                  )}
                </>
              )}
            </div>
          </header>

          {error && (
            <Alert color="red" variant="light" role="alert" title={t('error', { message: error.message })} />
          )}

          {summary.data ? (
            <KeyFigures summary={summary.data} language={language} />
          ) : (
            !error && <Skeleton height={84} aria-label={t('loading')} />
          )}

          <div className={classes.row}>
            <Section id="brief-map-title" title={t('map.title')} testId="brief-map-section">
              {own && regionRows ? (
                <Suspense fallback={<Skeleton height={MAP_HEIGHT} />}>
                  <BriefRegionMap
                    country={country}
                    regions={own}
                    values={values}
                    scale={scale}
                    describe={describe}
                    label={t('map.label', { country: name })}
                    height={MAP_HEIGHT}
                  />
                </Suspense>
              ) : (
                <Skeleton height={MAP_HEIGHT} />
              )}
              {regionRows && (
                <MapNotes
                  legend={legend}
                  top={topRegions(regionRows, names, TOP_REGIONS, language)}
                  withoutRegion={countryLevel}
                />
              )}
            </Section>
            <div className={`${classes.section} ${classes.chart}`}>
              {byYear ? <FundingByYearChart data={byYear} headingOrder={3} /> : <Skeleton height={420} />}
            </div>
          </div>

          <div className={classes.halves}>
            <Section id="brief-sectors-title" title={t('top.sectors')}>
              {tops ? (
                <TopTableView kind="sector" table={tops.sectors} language={language} />
              ) : (
                <Skeleton height={160} />
              )}
            </Section>
            <Section id="brief-funders-title" title={t('top.funders')}>
              {tops ? (
                <TopTableView kind="funder" table={tops.funders} language={language} />
              ) : (
                <Skeleton height={160} />
              )}
            </Section>
          </div>
          <p className={`${classes.small} ${classes.muted}`} style={{ margin: '-8px 0 0' }}>
            {t('top.note')}
          </p>

          <div className={classes.halves}>
            <Section id="brief-events-title" title={t('events.title')}>
              {events.data ? (
                <EventList events={events.data.rows} language={language} />
              ) : (
                <Skeleton height={160} />
              )}
              {events.data && events.data.total > LATEST_EVENTS && (
                <p className={`${classes.small} ${classes.muted}`} style={{ margin: '4px 0 0' }}>
                  {t('events.count', { count: events.data.total })}
                </p>
              )}
            </Section>
            <Section id="brief-sources-title" title={t('sources.title')}>
              {brief.data ? (
                <SourceSummary sources={brief.data.sources} language={language} />
              ) : (
                <Skeleton height={160} />
              )}
            </Section>
          </div>

          <footer className={classes.foot}>
            <span>{t('footer', { url: href, date: formatDate(today(), language) })}</span>
          </footer>
        </article>
      </div>
    </div>
  );
}
