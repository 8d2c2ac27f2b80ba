import { Skeleton } from '@mantine/core';
import { lazy, memo, Suspense } from 'react';
import type { BarPlotProps } from './bar-plot.tsx';

// Recharts (~100 KB gzip) is fetched only when a chart is first drawn, never with the first load.
const BarPlot = lazy(() => import('./bar-plot.tsx'));

/** Memoised: Recharts re-draws only when the plot's own props change. */
export const LazyBarPlot = memo(function LazyBarPlot(props: BarPlotProps & { loadingLabel: string }) {
  const { loadingLabel, ...plot } = props;
  return (
    <Suspense fallback={<Skeleton height={240} aria-label={loadingLabel} />}>
      <BarPlot {...plot} />
    </Suspense>
  );
});
