import { Alert, Button, Group } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import { useLazyTranslation } from '../i18n/lazy.ts';

/**
 * The bottom of the event and funding forms: why the last save failed (when it did), then Cancel (back
 * to where the user came from) and the submit button.
 */
export function FormFooter({
  error,
  submitLabel,
  submitting,
}: {
  /** The reason the save was refused, in the user's language; nothing while there is none. */
  error: string | null | undefined;
  submitLabel: string;
  submitting: boolean;
}) {
  const { t } = useLazyTranslation('entry');
  const router = useRouter();
  return (
    <>
      {error && (
        <Alert color="red" role="alert" title={t('common.notSaved')}>
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={() => router.history.back()}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={submitting}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
