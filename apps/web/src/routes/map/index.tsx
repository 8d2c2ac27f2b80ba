import { createFileRoute } from '@tanstack/react-router';
import { searchValidator } from '../../filter/dropped.ts';
import { MapPage } from './-page.tsx';
import { sanitizeMapSearch } from './-search.ts';

// The route file is split into its own lazy chunk (autoCodeSplitting); Leaflet loads with the map itself.
export const Route = createFileRoute('/map/')({
  validateSearch: searchValidator(sanitizeMapSearch),
  component: MapPage,
});
