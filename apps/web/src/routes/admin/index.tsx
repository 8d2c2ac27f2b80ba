import { createFileRoute } from '@tanstack/react-router';
import { AdminPage } from './-page.tsx';

export const Route = createFileRoute('/admin/')({
  component: AdminPage,
});
