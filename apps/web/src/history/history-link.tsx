import { Suspense } from 'react';
import { AnchorLink } from '../components/anchor-link.tsx';
import { useLazyTranslation } from '../i18n/lazy.ts';

/**
 * "History" on a record's page. Its text is in the lazy `history` namespace, loaded behind its own
 * Suspense so the page never waits for it.
 */
export function HistoryLink({ entity, id }: { entity: 'project' | 'event'; id: string }) {
  return (
    <Suspense fallback={null}>
      <Link entity={entity} id={id} />
    </Suspense>
  );
}

function Link({ entity, id }: { entity: 'project' | 'event'; id: string }) {
  const { t } = useLazyTranslation('history');
  return entity === 'project' ? (
    <AnchorLink to="/projects/$id/history" params={{ id }} size="sm" data-testid="history-link">
      {t('link')}
    </AnchorLink>
  ) : (
    <AnchorLink to="/events/$id/history" params={{ id }} size="sm" data-testid="history-link">
      {t('link')}
    </AnchorLink>
  );
}
