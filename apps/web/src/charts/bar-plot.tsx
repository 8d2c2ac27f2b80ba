import type { ChartRow, ChartSeries } from '@srt/shared/charts';
import { Bar, BarChart, CartesianGrid, pattern, patterns, Tooltip, XAxis, YAxis } from 'recharts';
import { formatUsd } from '../format.ts';
import type { Language } from '../i18n/index.ts';
import { seriesLabel } from './labels.ts';
import { FLOW_COLOURS, isHatched } from './palette.ts';

/**
 * The Recharts drawing of one chart. This module is the only one that imports Recharts, and it is loaded
 * lazily (see lazy-plot.tsx), so Recharts stays out of the first load. It only draws: rows, labels and
 * texts arrive as props.
 */
export type BarPlotProps = {
  /** The chart's accessible name (also the SVG <title>). */
  title: string;
  /** The series to draw (those with data), in legend order. */
  series: readonly ChartSeries[];
  rows: readonly ChartRow<string | number>[];
  /** The name of each row, same order as `rows`. */
  labels: readonly string[];
  /** `columns`: vertical bars along a time axis; `bars`: horizontal bars, one band per category. */
  layout: 'columns' | 'bars';
  language: Language;
  /** Called with the index of the clicked row, only for rows that can be selected. */
  onSelectIndex?: (index: number) => void;
  selectable?: readonly boolean[];
  /** Shown in the tooltip under a row that can be selected. */
  clickHint?: string;
};

type Datum = { name: string } & Record<string, string | number | null>;

const hatch = pattern(patterns.diagonal);
const AXIS_TICK = { fontSize: 12, fill: '#495057' };
const BAR_LABEL_WIDTH = 190;

const shorten = (text: string, max = 34) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export default function BarPlot(props: BarPlotProps) {
  const { title, series, rows, labels, layout, language, onSelectIndex, selectable, clickHint } = props;
  const data: Datum[] = rows.map((row, i) => {
    const datum: Datum = { name: labels[i] ?? '' };
    series.forEach((s, j) => {
      datum[`s${j}`] = row.values[s.key] ?? null;
    });
    return datum;
  });
  const money = (value: number) => formatUsd(String(value), language, 'compact');
  const bandSize = Math.max(24, series.length * 10 + 10);
  const height = layout === 'bars' ? rows.length * bandSize + 40 : 320;
  const canSelect = (index: number) => onSelectIndex !== undefined && selectable?.[index] === true;
  const select = (index: number) => {
    if (Number.isInteger(index) && canSelect(index)) onSelectIndex?.(index);
  };

  return (
    <BarChart
      title={title}
      data={data}
      layout={layout === 'bars' ? 'vertical' : 'horizontal'}
      style={{ width: '100%', height, cursor: onSelectIndex ? 'pointer' : undefined }}
      responsive
      margin={{ top: 8, right: 16, bottom: 4, left: 8 }}
      barGap={1}
      // A click on a bar is handled by the bar itself, a click on a category's name by its axis (below); a
      // click elsewhere in the plot area of a band (a bar too thin to hit) selects the band under the pointer,
      // as the tooltip shows it. Outside the plot area (axes, margins) the tooltip index is stale or a
      // default (the first row), so such a click selects nothing.
      onClick={(state, event) => {
        if (
          event.target instanceof Element &&
          event.target.closest(
            '.recharts-bar-rectangle, .recharts-cartesian-axis, .recharts-cartesian-axis-tick-label',
          )
        )
          return;
        if (!state.isTooltipActive) return;
        const index = state.activeTooltipIndex;
        if (index !== undefined && index !== null) select(Number(index));
      }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={layout === 'bars'} horizontal={layout === 'columns'} />
      {layout === 'bars' ? (
        <>
          <XAxis type="number" tickFormatter={money} tick={AXIS_TICK} niceTicks="snap125" />
          <YAxis
            type="category"
            dataKey="name"
            width={BAR_LABEL_WIDTH}
            tick={AXIS_TICK}
            tickFormatter={(name: string) => shorten(name)}
            interval={0}
            // A click on a category's name selects that row (found by its name, never by a tooltip index).
            onClick={(tick: { value?: unknown }) => {
              const index = labels.indexOf(String(tick.value));
              if (index >= 0) select(index);
            }}
          />
        </>
      ) : (
        <>
          <XAxis dataKey="name" tick={AXIS_TICK} interval="preserveStartEnd" />
          <YAxis tickFormatter={money} tick={AXIS_TICK} width={72} niceTicks="snap125" />
        </>
      )}
      <Tooltip
        cursor={{ fill: 'rgba(0, 0, 0, 0.06)' }}
        isAnimationActive={false}
        content={({ active, activeIndex }) => {
          if (!active || activeIndex === undefined || activeIndex === null) return null;
          const i = Number(activeIndex);
          const row = rows[i];
          if (!row) return null;
          return (
            <div
              style={{
                background: '#fff',
                border: '1px solid #ced4da',
                borderRadius: 4,
                padding: '6px 10px',
                fontSize: 13,
                maxWidth: 360,
              }}
            >
              <div style={{ fontWeight: 600, marginBottom: 4 }}>{labels[i]}</div>
              {series.map((s) => (
                <div key={s.key} style={{ display: 'flex', gap: 8, justifyContent: 'space-between' }}>
                  <span style={{ color: FLOW_COLOURS[s.flow] }}>{seriesLabel(s, language)}</span>
                  <span style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {row.amounts[s.key] === null ? '—' : formatUsd(row.amounts[s.key], language)}
                  </span>
                </div>
              ))}
              {clickHint && canSelect(i) && <div style={{ marginTop: 4, color: '#495057' }}>{clickHint}</div>}
            </div>
          );
        }}
      />
      {series.map((s, j) => (
        <Bar
          key={s.key}
          dataKey={`s${j}`}
          name={seriesLabel(s, language)}
          fill={isHatched(s) ? { color: FLOW_COLOURS[s.flow], definition: hatch } : FLOW_COLOURS[s.flow]}
          stroke={FLOW_COLOURS[s.flow]}
          strokeWidth={isHatched(s) ? 1 : 0}
          // A tiny amount still gets a visible (and clickable) bar; no amount gets none.
          minPointSize={(value) => (value ? 2 : 0)}
          isAnimationActive={false}
          onClick={(bar) => select(bar.originalDataIndex)}
        />
      ))}
    </BarChart>
  );
}
