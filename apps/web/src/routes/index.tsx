import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '../components/route-states.tsx';

// Placeholder from the shell; the overview page replaces it.
export const Route = createFileRoute('/')({
  component: () => <ComingSoon section="overview" />,
});
