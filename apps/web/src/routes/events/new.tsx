import { createFileRoute } from '@tanstack/react-router';
import { NewEventPage } from './-form/page.tsx';
import { newEventSearch } from './-form/values.ts';

export const Route = createFileRoute('/events/new')({
  validateSearch: newEventSearch,
  component: NewEventPage,
});
