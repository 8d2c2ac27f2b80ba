import { createFileRoute } from '@tanstack/react-router';
import { searchValidator } from '../filter/dropped.ts';
import { sanitizeFilter } from '../filter/search.ts';
import { OverviewPage } from './-overview/page.tsx';

export const Route = createFileRoute('/')({
  validateSearch: searchValidator(sanitizeFilter),
  component: OverviewPage,
});
