import { Button, Group, Modal, Text } from '@mantine/core';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Overlay.css';
import { useLazyTranslation } from '../i18n/lazy.ts';
import type { UnsavedGuard } from './use-unsaved-guard.ts';

/** The question `useUnsavedGuard` asks when the user navigates away from unsaved changes. */
export function UnsavedDialog({ guard }: { guard: UnsavedGuard }) {
  const { t } = useLazyTranslation('forms');
  return (
    <Modal
      opened={guard.blocked}
      onClose={guard.stay}
      title={t('unsaved.title')}
      closeButtonProps={{ 'aria-label': t('close') }}
      centered
    >
      <Text size="sm" mb="md">
        {t('unsaved.body')}
      </Text>
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={guard.stay} data-autofocus>
          {t('unsaved.stay')}
        </Button>
        <Button color="red" onClick={guard.leave}>
          {t('unsaved.leave')}
        </Button>
      </Group>
    </Modal>
  );
}
