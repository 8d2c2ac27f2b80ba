import { createFileRoute } from '@tanstack/react-router';
import { NewFundingPage } from './-form/page.tsx';
import { newFundingSearch } from './-form/values.ts';

export const Route = createFileRoute('/funding/new')({
  validateSearch: newFundingSearch,
  component: NewFundingPage,
});
