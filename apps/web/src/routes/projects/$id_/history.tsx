import { createFileRoute } from '@tanstack/react-router';
import { HistoryPage } from '../../../history/history-page.tsx';

// `$id_`: a page of its own, not nested inside the project page.
export const Route = createFileRoute('/projects/$id_/history')({
  component: ProjectHistory,
});

function ProjectHistory() {
  const { id } = Route.useParams();
  return <HistoryPage entity="project" id={id} />;
}
