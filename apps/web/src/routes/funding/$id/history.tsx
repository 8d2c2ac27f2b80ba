import { createFileRoute } from '@tanstack/react-router';
import { HistoryPage } from '../../../history/history-page.tsx';

export const Route = createFileRoute('/funding/$id/history')({
  component: FundingHistory,
});

function FundingHistory() {
  const { id } = Route.useParams();
  return <HistoryPage entity="funding" id={id} />;
}
