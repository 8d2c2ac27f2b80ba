import { createFileRoute } from '@tanstack/react-router';
import { searchValidator } from '../../filter/dropped.ts';
import { RatesPage } from './-rates/page.tsx';
import { sanitizeRatesSearch } from './-rates/search.ts';

export const Route = createFileRoute('/admin/rates')({
  validateSearch: searchValidator(sanitizeRatesSearch),
  component: RatesPage,
});
