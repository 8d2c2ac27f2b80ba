import { createFileRoute } from '@tanstack/react-router';
import { HistoryPage } from '../../history/history-page.tsx';

// `$id_`: a page of its own, not nested inside the event page.
export const Route = createFileRoute('/events/$id_/history')({
  component: EventHistory,
});

function EventHistory() {
  const { id } = Route.useParams();
  return <HistoryPage entity="event" id={id} />;
}
