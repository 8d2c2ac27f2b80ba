import '@mantine/core/styles/List.css';
import { Alert, List, Text } from '@mantine/core';
import { useSearch } from '@tanstack/react-router';
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { droppedEntry, forgetDropped, searchKey, subscribe } from './dropped.ts';
import type { Sanitized } from './search.ts';

type Props = {
  /** The sanitiser the route's `validateSearch` was made from (`searchValidator(sanitize)`). */
  sanitize: (search: Record<string, unknown>) => Sanitized<unknown>;
};

/**
 * Lists the URL parameters the route ignored and why ("countries = XX: unknown country code"). The view
 * opened without them and the address no longer holds them; the notice stays until the filter changes or
 * the user closes it.
 */
export function FilterNotice({ sanitize }: Props) {
  const { t } = useTranslation();
  const search: Record<string, unknown> = useSearch({ strict: false });
  const entry = useSyncExternalStore(subscribe, () => droppedEntry(sanitize));
  const current = searchKey(sanitize(search).value);
  const shown = entry !== undefined && entry.key === current;

  // Once the user has moved on to another search, the old notice is gone for good.
  useEffect(() => {
    if (entry && entry.key !== current) forgetDropped(sanitize);
  }, [entry, current, sanitize]);

  if (!shown) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      title={t('filter.droppedTitle')}
      styles={{ title: { color: '#7a4a00' } }}
      data-testid="filter-notice"
      withCloseButton
      closeButtonLabel={t('actions.close')}
      onClose={() => forgetDropped(sanitize)}
    >
      <Text size="sm">{t('filter.droppedIntro')}</Text>
      <List size="sm" mt={4}>
        {entry.dropped.map((d, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same value may be dropped twice
          <List.Item key={i}>
            {t('filter.dropped', {
              param: d.param,
              value: d.value,
              reason: t(`filter.reasons.${d.reason}`, { max: d.max }),
            })}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
