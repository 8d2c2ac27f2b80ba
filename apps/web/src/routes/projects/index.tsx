import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '../../components/route-states.tsx';

export const Route = createFileRoute('/projects/')({
  component: () => <ComingSoon section="projects" />,
});
