import { createFileRoute } from '@tanstack/react-router';
import { EventsPage } from './-page.tsx';
import { sanitizeEventsSearch } from './-search.ts';

export const Route = createFileRoute('/events/')({
  validateSearch: (search: Record<string, unknown>) => sanitizeEventsSearch(search).value,
  component: EventsPage,
});
