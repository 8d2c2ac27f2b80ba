import { createFileRoute } from '@tanstack/react-router';
import { searchValidator } from '../../filter/dropped.ts';
import { EventsPage } from './-page.tsx';
import { sanitizeEventsSearch } from './-search.ts';

export const Route = createFileRoute('/events/')({
  validateSearch: searchValidator(sanitizeEventsSearch),
  component: EventsPage,
});
