import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '../../components/route-states.tsx';

// The map arrives with its own issue (Leaflet, offline shapes); it must stay out of the first load.
export const Route = createFileRoute('/map/')({
  component: () => <ComingSoon section="map" />,
});
