import { createFileRoute } from '@tanstack/react-router';
import { NewProjectPage } from './-form/page.tsx';

export const Route = createFileRoute('/projects/new')({
  component: NewProjectPage,
});
