import { Alert, Button, Group, Text } from '@mantine/core';
import { useLazyTranslation } from '../i18n/lazy.ts';
import { useLanguage } from '../i18n/use-language.ts';
import type { Draft } from './draft-store.ts';
import type { DraftControl } from './use-draft.ts';

/**
 * "You have unsaved input from …" with Restore draft / Discard, while a draft is on offer; after restoring
 * a draft typed against an older version, "this record has changed since your draft" (only the fields the
 * draft changed were put on the current values).
 */
export function DraftNotice<V>({
  draft,
  onRestore,
}: {
  draft: DraftControl<V>;
  onRestore?: (draft: Draft<V>) => void;
}) {
  const { t } = useLazyTranslation('forms');
  const language = useLanguage();
  if (draft.changedSince && !draft.offer) {
    return (
      <Alert
        color="blue"
        role="status"
        data-testid="draft-merged"
        withCloseButton
        closeButtonLabel={t('close')}
        onClose={draft.dismissChangedSince}
      >
        <Text size="sm">{t('draft.changedSince')}</Text>
      </Alert>
    );
  }
  if (!draft.offer) return null;
  const when = new Date(draft.offer.savedAt).toLocaleString(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <Alert color="yellow" role="status" data-testid="draft-notice">
      <Group justify="space-between" gap="sm">
        <Text size="sm">{t('draft.found', { when })}</Text>
        <Group gap="xs">
          <Button
            size="xs"
            onClick={() => {
              const restored = draft.restore();
              if (restored) onRestore?.(restored);
            }}
          >
            {t('draft.restore')}
          </Button>
          <Button size="xs" variant="default" onClick={draft.discard}>
            {t('draft.discard')}
          </Button>
        </Group>
      </Group>
    </Alert>
  );
}
