import { createFileRoute } from '@tanstack/react-router';
import { EditEventPage } from './-form/page.tsx';

export const Route = createFileRoute('/events/$id_/edit')({
  component: EditEventPage,
});
