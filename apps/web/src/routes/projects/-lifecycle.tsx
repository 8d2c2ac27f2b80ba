import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Suspense } from 'react';
import { useSession } from '../../auth/session.ts';
import { afterWrite } from '../../forms/after-write.ts';
import { setFlash } from '../../forms/flash.ts';
import { DeletedBanner, DeleteRecordButton } from '../../forms/record-lifecycle.tsx';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { trpc } from '../../trpc.ts';

/** "Delete" for a project (editors): confirm, delete at the version shown, then /projects with a notice. */
export function DeleteProjectButton({
  id,
  version,
  title,
  onChanged,
  beforeLeave,
}: {
  id: string;
  version: number;
  title: string;
  /** The project changed since it was shown: re-read it. */
  onChanged: () => void;
  /** Deleted, about to leave for /projects (a form drops its draft and its unsaved-changes guard). */
  beforeLeave?: () => void;
}) {
  const { t } = useLazyTranslation('lifecycle');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const del = useMutation(trpc.project.delete.mutationOptions());
  return (
    <DeleteRecordButton
      name={title}
      remove={() => del.mutateAsync({ id, version })}
      onChanged={onChanged}
      onDeleted={() => {
        setFlash(t('delete.done', { name: title }));
        beforeLeave?.();
        void afterWrite(queryClient).then(() => navigate({ to: '/projects' }));
      }}
      testId="delete-project"
    />
  );
}

/** The banner of a deleted project with "Restore" (at the version `forEdit` gave). */
export function DeletedProjectBanner({
  id,
  version,
  onRestored,
}: {
  id: string;
  version: number;
  onRestored: () => void;
}) {
  const queryClient = useQueryClient();
  const restore = useMutation(trpc.project.restore.mutationOptions());
  return (
    <DeletedBanner
      entity="project"
      id={id}
      restore={() => restore.mutateAsync({ id, version })}
      onRestored={() => void afterWrite(queryClient).then(onRestored)}
    />
  );
}

function DeletedProjectCheck({ id, onRestored }: { id: string; onRestored: () => void }) {
  const record = useQuery({ ...trpc.project.forEdit.queryOptions({ id }), retry: false, gcTime: 0 });
  if (!record.data?.deleted) return null;
  return <DeletedProjectBanner id={id} version={record.data.version} onRestored={onRestored} />;
}

/**
 * On a project page that is NOT_FOUND: for editors, whether the project is a deleted one (`forEdit` still
 * returns it), and if so the banner to restore it.
 */
export function DeletedProjectNotice({ id, onRestored }: { id: string; onRestored: () => void }) {
  const { canEdit } = useSession();
  if (!canEdit) return null;
  return (
    <Suspense fallback={null}>
      <DeletedProjectCheck id={id} onRestored={onRestored} />
    </Suspense>
  );
}
