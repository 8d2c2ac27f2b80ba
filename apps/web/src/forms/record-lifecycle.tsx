import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Overlay.css';
import type { AuditEntity } from '@srt/shared/audit';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../auth/session.ts';
import { useLazyTranslation } from '../i18n/lazy.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { trpc } from '../trpc.ts';
import { errorCode } from './server-errors.ts';

/**
 * Deleting and restoring a record, the same for projects, events and funding rows. The components know
 * nothing of the entity's procedures: the caller passes `remove` / `restore` (e.g.
 * `() => del.mutateAsync({ id, version })`) and what to do afterwards. Text: lazy namespace `lifecycle`.
 */

type DeleteProps = {
  /** The record's name as the user knows it (a project's title), shown in the question. */
  name: string;
  /** Deletes the record at the version the user saw (`E.delete({ id, version })`). */
  remove: () => Promise<unknown>;
  /** After a successful delete (navigate away, say so). */
  onDeleted: () => void;
  /** The record changed since it was loaded (CONFLICT): re-read it; the user is told. */
  onChanged: () => void;
  /** Renders nothing for users who cannot edit. */
  testId?: string;
};

/** "Delete" (editors only) with a confirmation that names the record. */
export function DeleteRecordButton({
  name,
  remove,
  onDeleted,
  onChanged,
  testId = 'delete-record',
}: DeleteProps) {
  const { canEdit } = useSession();
  const { t } = useLazyTranslation('lifecycle');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (!canEdit) return null;
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await remove();
      setOpen(false);
      onDeleted();
    } catch (error) {
      if (errorCode(error) === 'CONFLICT') {
        setFailure(t('delete.changed'));
        onChanged();
      } else setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        color="red"
        variant="light"
        size="sm"
        onClick={() => {
          setFailure(null);
          setOpen(true);
        }}
        data-testid={testId}
      >
        {t('delete.button')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('delete.title', { name })}
        closeButtonProps={{ 'aria-label': t('close') }}
        centered
      >
        <Text size="sm" mb="md">
          {t('delete.body', { name })}
        </Text>
        {failure && (
          <Alert color="orange" role="alert" mb="md" data-testid="delete-failure">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => setOpen(false)} data-autofocus>
            {t('delete.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="confirm-delete">
            {t('delete.confirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

type RestoreProps = {
  entity: AuditEntity;
  id: string;
  /** Restores the record (`E.restore({ id, version })`). */
  restore: () => Promise<unknown>;
  /** After a successful restore (re-read the record, navigate to it). */
  onRestored: () => void;
};

/**
 * "This record was deleted on … by …" (from the record's audit history) with "Restore" for editors.
 * Show it where a deleted record is met: its edit page (`forEdit` says `deleted: true`), its page's
 * not-found state.
 */
export function DeletedBanner({ entity, id, restore, onRestored }: RestoreProps) {
  const { canEdit } = useSession();
  const { t } = useLazyTranslation('lifecycle');
  const language = useLanguage();
  const history = useQuery(trpc.audit.history.queryOptions({ entity, id, limit: 20 }));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const deletion = history.data?.entries.find((e) => e.action === 'delete');
  const when = deletion
    ? new Date(deletion.at).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' })
    : null;
  const who = deletion ? (deletion.actor.name ?? deletion.actor.id) : null;
  const onRestore = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await restore();
      onRestored();
    } catch (error) {
      setFailure(
        errorCode(error) === 'CONFLICT'
          ? t('restore.changed')
          : error instanceof Error
            ? error.message
            : String(error),
      );
      if (errorCode(error) === 'CONFLICT') void history.refetch();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert color="orange" role="status" title={t('deleted.title')} data-testid="deleted-banner">
      <Text size="sm" mb={canEdit ? 'sm' : 0}>
        {when && who ? t('deleted.when', { when, who }) : t('deleted.plain')}
      </Text>
      {failure && (
        <Text size="sm" c="red.8" role="alert" mb="sm">
          {failure}
        </Text>
      )}
      {canEdit && (
        <Button size="sm" loading={busy} onClick={() => void onRestore()} data-testid="restore-record">
          {t('restore.button')}
        </Button>
      )}
    </Alert>
  );
}
