import { createFileRoute, redirect } from '@tanstack/react-router';
import { searchValidator } from '../../filter/dropped.ts';
import { sanitizeFilter } from '../../filter/search.ts';
import { BriefNotFound } from './-brief/not-found.tsx';
import { BriefPage } from './-brief/page.tsx';
import { briefCountry } from './-brief/shape.ts';

// The same URL filter as the rest of the app; the path fixes the country (`/countries/uz` → `/countries/UZ`).
export const Route = createFileRoute('/countries/$iso')({
  validateSearch: searchValidator(sanitizeFilter),
  beforeLoad: ({ params, search }) => {
    const country = briefCountry(params.iso);
    if (country && country !== params.iso)
      throw redirect({ to: '/countries/$iso', params: { iso: country }, search, replace: true });
  },
  component: CountryBrief,
});

function CountryBrief() {
  const { iso } = Route.useParams();
  const country = briefCountry(iso);
  return country ? <BriefPage country={country} /> : <BriefNotFound iso={iso} />;
}
