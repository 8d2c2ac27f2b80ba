import type { ChartFlow, ChartSeries } from '@srt/shared/charts';
import { NOMINAL } from '@srt/shared/codes';
import type { CSSProperties } from 'react';

/**
 * Series colours from the Okabe–Ito palette (told apart with the common colour-vision deficiencies), the
 * darker members so each bar keeps at least 3:1 contrast with the white background (WCAG 1.4.11).
 * Constant-price series are hatched in their flow's colour, so they never read as the nominal series
 * of the same flow beside them.
 */
export const FLOW_COLOURS: Record<ChartFlow, string> = {
  pledge: '#D55E00', // vermillion
  commitment: '#0072B2', // blue
  disbursement: '#009E73', // bluish green
};

export const isHatched = (series: ChartSeries): boolean => series.priceBasis !== NOMINAL;

/** A legend swatch in HTML that looks like the series' bars. */
export function swatchStyle(series: ChartSeries): CSSProperties {
  const colour = FLOW_COLOURS[series.flow];
  return {
    display: 'inline-block',
    width: 14,
    height: 14,
    flex: 'none',
    border: `1px solid ${colour}`,
    background: isHatched(series)
      ? `repeating-linear-gradient(45deg, ${colour} 0 2px, #fff 2px 5px)`
      : colour,
  };
}
