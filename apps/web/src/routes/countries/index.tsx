import { createFileRoute } from '@tanstack/react-router';
import { searchValidator } from '../../filter/dropped.ts';
import { sanitizeFilter } from '../../filter/search.ts';
import { BriefIndex } from './-brief/not-found.tsx';

export const Route = createFileRoute('/countries/')({
  validateSearch: searchValidator(sanitizeFilter),
  component: BriefIndex,
});
