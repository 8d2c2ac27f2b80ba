import { createFileRoute } from '@tanstack/react-router';
import { EditFundingPage } from '../-form/page.tsx';

export const Route = createFileRoute('/funding/$id/edit')({
  component: EditFundingPage,
});
