import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '../../components/route-states.tsx';

// Placeholder from the shell; the events page replaces it.
export const Route = createFileRoute('/events/')({
  component: () => <ComingSoon section="events" />,
});
