import type { ChoroplethLegendEntry } from '@srt/shared/choropleth';
import classes from './choropleth-legend.module.css';

type Props = {
  /** What the colours measure, e.g. "Projects" or "Committed, USD". */
  title: string;
  /** From `choroplethLegend(scale, format, noDataLabel)`. */
  entries: readonly ChoroplethLegendEntry[];
  /** Side by side (under a map) or stacked (in a side panel). */
  orientation?: 'horizontal' | 'vertical';
};

/**
 * The key to a choropleth: one swatch and range label per class, then "no data". Plain HTML (no Leaflet),
 * so it can sit outside the map's lazy chunk and prints with its colours.
 */
export function ChoroplethLegend({ title, entries, orientation = 'horizontal' }: Props) {
  return (
    <figure className={classes.legend} data-orientation={orientation} data-testid="choropleth-legend">
      <figcaption className={classes.title}>{title}</figcaption>
      <ul className={classes.entries}>
        {entries.map((entry) => (
          <li key={entry.key} className={classes.entry}>
            <span className={classes.swatch} style={{ backgroundColor: entry.color }} aria-hidden="true" />
            <span>{entry.label}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
