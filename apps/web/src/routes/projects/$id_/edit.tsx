import { createFileRoute } from '@tanstack/react-router';
import { EditProjectPage } from '../-form/page.tsx';

// `$id_`: the form is a page of its own, not nested inside the project page.
export const Route = createFileRoute('/projects/$id_/edit')({
  component: EditProjectPage,
});
