import { type FlowTotal, flowTotals } from '@srt/shared/charts';
import type { ChoroplethLegendEntry } from '@srt/shared/choropleth';
import {
  DATE_PRECISION_CODES,
  type DatePrecision,
  EVENT_TYPES,
  FUNDING_FLOWS,
  label,
  priceBasisLabel,
  sectorName,
} from '@srt/shared/codes';
import { Link } from '@tanstack/react-router';
import type { inferOutput } from '@trpc/tanstack-react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isWebUrl } from '../../../components/language-name.ts';
import { formatDate, formatNumber, formatUsd } from '../../../format.ts';
import type { Language } from '../../../i18n/index.ts';
import { ChoroplethLegend } from '../../../map/choropleth-legend.tsx';
import type { trpc } from '../../../trpc.ts';
import classes from './brief.module.css';
import { BRIEF_FLOWS, type FlowCell, type TopRow, type TopTable } from './shape.ts';

type Summary = inferOutput<typeof trpc.stats.summary>;
type Brief = inferOutput<typeof trpc.brief.country>;
type EventRow = inferOutput<typeof trpc.event.list>['rows'][number];

export function Section(props: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <section className={classes.section} aria-labelledby={props.id} data-testid={props.testId}>
      <h3 className={classes.sectionTitle} id={props.id}>
        {props.title}
      </h3>
      {props.children}
    </section>
  );
}

/** Projects, then committed, disbursed and pledged USD: each flow apart, constant prices beside nominal. */
export function KeyFigures({ summary, language }: { summary: Summary; language: Language }) {
  const { t } = useTranslation('brief');
  const totals = flowTotals(summary.totals);
  return (
    <section aria-label={t('figures.title')} data-testid="brief-figures">
      <div className={classes.figures}>
        <Figure title={t('figures.projects')}>
          <p className={classes.figureValue} data-testid="brief-projects">
            {formatNumber(summary.counts.projects, language)}
          </p>
        </Figure>
        {BRIEF_FLOWS.map((flow) => (
          <MoneyFigure
            key={flow}
            title={label(FUNDING_FLOWS, flow, language)}
            total={totals.find((f) => f.flow === flow)}
            language={language}
            testId={`brief-${flow}`}
          />
        ))}
      </div>
      <p className={`${classes.small} ${classes.muted}`} style={{ margin: '4px 0 0' }}>
        {t('figures.apart')}
      </p>
    </section>
  );
}

function Figure({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className={classes.figure} data-testid="brief-figure">
      <p className={classes.figureTitle}>{title}</p>
      {children}
    </div>
  );
}

function MoneyFigure(props: {
  title: string;
  total: FlowTotal | undefined;
  language: Language;
  testId: string;
}) {
  const { title, total, language, testId } = props;
  const { t } = useTranslation('brief');
  return (
    <Figure title={title}>
      {total?.nominal ? (
        <p className={classes.figureValue} data-testid={testId} title={formatUsd(total.nominal, language)}>
          {formatUsd(total.nominal, language, 'compact')}
        </p>
      ) : (
        <p className={classes.figureValue} data-testid={testId}>
          <span className={classes.muted} style={{ fontSize: 15, fontWeight: 500 }}>
            {t('figures.none')}
          </span>
        </p>
      )}
      {total?.constant.map((c) => (
        <p key={c.priceBasis} className={`${classes.small} ${classes.muted}`} style={{ margin: 0 }}>
          {t('figures.constant', {
            amount: formatUsd(c.usd, language, 'compact'),
            basis: priceBasisLabel(c.priceBasis, language),
          })}
        </p>
      ))}
      {total && total.rowsWithoutUsd > 0 && (
        <p className={`${classes.small} ${classes.muted}`} style={{ margin: 0 }}>
          {t('figures.withoutUsd', { count: total.rowsWithoutUsd })}
        </p>
      )}
    </Figure>
  );
}

/** Legend, then the regions with the most projects and what is not on the map. */
export function MapNotes(props: {
  legend: readonly ChoroplethLegendEntry[];
  top: readonly { code: string; name: string; projects: number }[];
  withoutRegion: number;
}) {
  const { t } = useTranslation('brief');
  const { legend, top, withoutRegion } = props;
  return (
    <div className={classes.small} style={{ marginTop: 4, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <ChoroplethLegend title={t('map.legend')} entries={legend} />
      {top.length > 0 && (
        <p style={{ margin: 0 }} data-testid="brief-top-regions">
          {t('map.top', {
            list: top.map((r) => t('map.topItem', { region: r.name, count: r.projects })).join(', '),
          })}
        </p>
      )}
      <p className={classes.muted} style={{ margin: 0 }}>
        {t('map.rule')} {withoutRegion > 0 && t('map.withoutRegion', { count: withoutRegion })}{' '}
        {t('map.attribution')}.
      </p>
    </div>
  );
}

function Amount({ cell, language }: { cell: FlowCell; language: Language }) {
  const { t } = useTranslation('brief');
  if (cell.nominal === null && cell.constant.length === 0) return <>—</>;
  return (
    <>
      {cell.nominal !== null && (
        <span title={formatUsd(cell.nominal, language)}>{formatUsd(cell.nominal, language, 'compact')}</span>
      )}
      {cell.constant.map((c) => (
        <span key={c.priceBasis} className={classes.constant} title={priceBasisLabel(c.priceBasis, language)}>
          {t('top.constant', { amount: formatUsd(c.usd, language, 'compact') })}
        </span>
      ))}
    </>
  );
}

/** Top sectors or funders with their amounts per flow (nominal; constant prices apart). */
export function TopTableView(props: { kind: 'sector' | 'funder'; table: TopTable; language: Language }) {
  const { kind, table, language } = props;
  const { t } = useTranslation('brief');
  if (table.rows.length === 0 || table.flows.length === 0)
    return (
      <p className={`${classes.small} ${classes.muted}`} style={{ margin: 0 }}>
        {t('top.none')}
      </p>
    );
  const name = (row: TopRow) => {
    if (row.isOther) return t('top.other', { count: row.otherCount });
    if (row.key === null) return kind === 'sector' ? t('top.noSector') : t('top.noFunder');
    return kind === 'sector' ? sectorName(row.key, language) : (row.label ?? t('top.unnamed'));
  };
  return (
    <table className={classes.table} data-testid={`brief-top-${kind}`}>
      <thead>
        <tr>
          <th scope="col">{kind === 'sector' ? t('top.sector') : t('top.funder')}</th>
          {table.flows.map((flow) => (
            <th key={flow} scope="col" className={classes.amount}>
              {label(FUNDING_FLOWS, flow, language)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr
            key={row.isOther ? 'other' : (row.key ?? 'none')}
            className={row.isOther ? classes.other : undefined}
          >
            <td>
              <span className={classes.clamp}>{name(row)}</span>
            </td>
            {table.flows.map((flow) => (
              <td key={flow} className={classes.amount}>
                <Amount cell={row.cells[flow]} language={language} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const precisionOf = (value: string): DatePrecision =>
  DATE_PRECISION_CODES.find((code) => code === value) ?? 'day';

export function EventList({ events, language }: { events: readonly EventRow[]; language: Language }) {
  const { t } = useTranslation('brief');
  if (events.length === 0)
    return (
      <p className={`${classes.small} ${classes.muted}`} style={{ margin: 0 }}>
        {t('events.none')}
      </p>
    );
  return (
    <ol className={classes.list} data-testid="brief-events">
      {events.map((event) => (
        <li key={event.id} className={classes.clamp1}>
          <time dateTime={event.date}>
            {formatDate(event.date, language, precisionOf(event.datePrecision))}
          </time>
          <span className={classes.muted}>
            {' · '}
            {label(EVENT_TYPES, event.type, language)}
            {event.placeName ? `, ${event.placeName}` : ''}
            {' · '}
          </span>
          <Link to="/events/$id" params={{ id: event.id }} className={classes.link}>
            {event.title}
          </Link>
        </li>
      ))}
    </ol>
  );
}

/** What the figures rest on: IATI files and documents as groups, the other sources by name. */
export function SourceSummary({ sources, language }: { sources: Brief['sources']; language: Language }) {
  const { t } = useTranslation('brief');
  if (sources.groups.length === 0 && sources.items.length === 0)
    return (
      <p className={`${classes.small} ${classes.muted}`} style={{ margin: 0 }}>
        {t('sources.none')}
      </p>
    );
  const more = sources.itemTotal - sources.items.length;
  return (
    <ul className={classes.list} data-testid="brief-sources">
      {sources.groups.map((g) => (
        <li key={g.group}>
          {t(`sources.${g.group}`, {
            count: g.sources,
            publishers: t('sources.publishers', { count: g.publishers }),
            cited: t('sources.cited', { count: g.projects }),
          })}
        </li>
      ))}
      {sources.items.map((s) => (
        <li key={s.id} className={classes.clamp1} title={s.title}>
          {t('sources.projects', { count: s.projects })}:{' '}
          {isWebUrl(s.url) ? (
            <a href={s.url} className={classes.link} rel="noreferrer" target="_blank">
              {s.title}
            </a>
          ) : (
            <strong style={{ fontWeight: 500 }}>{s.title}</strong>
          )}
          <span className={classes.muted}>
            {[s.publisher, s.publishedDate ? formatDate(s.publishedDate, language) : null]
              .filter(Boolean)
              .map((part) => ` · ${part}`)
              .join('')}
          </span>
        </li>
      ))}
      {more > 0 && <li className={classes.muted}>{t('sources.more', { count: more })}</li>}
    </ul>
  );
}
