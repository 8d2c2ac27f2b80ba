import { createFileRoute } from '@tanstack/react-router';
import { EventPage } from './-event-page.tsx';

export const Route = createFileRoute('/events/$id')({
  component: EventPage,
});
