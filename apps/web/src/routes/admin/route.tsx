import { createFileRoute } from '@tanstack/react-router';
import { AdminArea } from './-area.tsx';

/** /admin/*: the users and the exchange rates, with the navigation between them. */
export const Route = createFileRoute('/admin')({
  component: AdminArea,
});
