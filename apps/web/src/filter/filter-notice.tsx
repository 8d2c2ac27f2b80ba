import '@mantine/core/styles/List.css';
import { Alert, Anchor, List, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { DroppedParam } from './search.ts';
import { useDroppedParams } from './use-project-filter.ts';

type Props = {
  /** The route's search sanitiser: `sanitizeFilter`, or one that adds the route's own params. */
  sanitize: (search: Record<string, unknown>) => { dropped: DroppedParam[] };
};

/**
 * Lists the URL parameters the route ignored and why ("countries = XX: unknown country code"). The view
 * opens without them; "remove them" rewrites the address to what is shown (replacing the history entry).
 */
export function FilterNotice({ sanitize }: Props) {
  const { t } = useTranslation();
  const dropped = useDroppedParams(sanitize);
  const navigate = useNavigate();
  if (dropped.length === 0) return null;
  const cleanUp = () => navigate({ to: '.', search: (prev: Record<string, unknown>) => prev, replace: true });
  return (
    <Alert
      color="yellow"
      variant="light"
      title={t('filter.droppedTitle')}
      data-testid="filter-notice"
      withCloseButton
      closeButtonLabel={t('filter.dismiss')}
      onClose={cleanUp}
    >
      <Text size="sm">{t('filter.droppedIntro')}</Text>
      <List size="sm" mt={4}>
        {dropped.map((d, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt from the URL each time
          <List.Item key={i}>
            {t('filter.dropped', {
              param: d.param,
              value: d.value,
              reason: t(`filter.reasons.${d.reason}`, { max: d.max }),
            })}
          </List.Item>
        ))}
      </List>
      <Anchor component="button" type="button" size="sm" mt="xs" onClick={cleanUp}>
        {t('filter.dismiss')}
      </Anchor>
    </Alert>
  );
}
