import { Stack } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, Suspense } from 'react';
import { useSession } from '../auth/session.ts';
import { AnchorLink } from '../components/anchor-link.tsx';
import { afterWrite } from '../forms/after-write.ts';
import { setFlash } from '../forms/flash.ts';
import { DeletedBanner, DeleteRecordButton } from '../forms/record-lifecycle.tsx';
import { useLazyTranslation } from '../i18n/lazy.ts';
import { trpc } from '../trpc.ts';

/**
 * Delete and restore of events and funding rows, wired to their procedures (`E.delete`, `E.restore`,
 * `E.forEdit`) on top of the shared confirmation and deleted-record banner. Editors only: the pieces
 * render nothing for anyone else.
 */

export type LifecycleEntity = 'project' | 'event' | 'funding';

/** "Delete" for an event, at the version the user saw; afterwards the events list says so. */
export function DeleteEventButton({
  id,
  version,
  title,
  onChanged,
}: {
  id: string;
  version: number;
  title: string;
  onChanged: () => void;
}) {
  return (
    <Suspense fallback={null}>
      <DeleteEvent id={id} version={version} title={title} onChanged={onChanged} />
    </Suspense>
  );
}
function DeleteEvent({
  id,
  version,
  title,
  onChanged,
}: {
  id: string;
  version: number;
  title: string;
  onChanged: () => void;
}) {
  const { t } = useLazyTranslation('lifecycle');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation(trpc.event.delete.mutationOptions());
  return (
    <DeleteRecordButton
      name={title}
      remove={() => remove.mutateAsync({ id, version })}
      onDeleted={() => {
        void afterWrite(queryClient);
        setFlash(t('delete.done', { name: title }));
        void navigate({ to: '/events' });
      }}
      onChanged={onChanged}
      testId="delete-event"
    />
  );
}

/** "Delete" for a funding row; afterwards its project's page (the row is gone from its table). */
export function DeleteFundingButton({
  id,
  version,
  name,
  projectId,
  onChanged,
}: {
  id: string;
  version: number;
  name: string;
  projectId: string | null;
  onChanged: () => void;
}) {
  return (
    <Suspense fallback={null}>
      <DeleteFunding id={id} version={version} name={name} projectId={projectId} onChanged={onChanged} />
    </Suspense>
  );
}
function DeleteFunding({
  id,
  version,
  name,
  projectId,
  onChanged,
}: {
  id: string;
  version: number;
  name: string;
  projectId: string | null;
  onChanged: () => void;
}) {
  const { t } = useLazyTranslation('lifecycle');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation(trpc.funding.delete.mutationOptions());
  return (
    <DeleteRecordButton
      name={name}
      remove={() => remove.mutateAsync({ id, version })}
      onDeleted={() => {
        void afterWrite(queryClient);
        setFlash(t('delete.done', { name }));
        void (projectId
          ? navigate({ to: '/projects/$id', params: { id: projectId } })
          : navigate({ to: '/funding/$id/history', params: { id } }));
      }}
      onChanged={onChanged}
      testId="delete-funding"
    />
  );
}

/**
 * The deleted-record banner with "Restore" for editors. The restore names the version stored now (read
 * with `forEdit` at the click), so a banner left open does not restore an older state blindly.
 */
export function RestorableBanner({
  entity,
  id,
  onRestored,
}: {
  entity: LifecycleEntity;
  id: string;
  onRestored: () => void;
}) {
  return (
    <Suspense fallback={null}>
      <Restorable entity={entity} id={id} onRestored={onRestored} />
    </Suspense>
  );
}
function Restorable({
  entity,
  id,
  onRestored,
}: {
  entity: LifecycleEntity;
  id: string;
  onRestored: () => void;
}) {
  const queryClient = useQueryClient();
  const project = useMutation(trpc.project.restore.mutationOptions());
  const event = useMutation(trpc.event.restore.mutationOptions());
  const funding = useMutation(trpc.funding.restore.mutationOptions());
  const restore = async () => {
    if (entity === 'project') {
      const { version } = await queryClient.fetchQuery({
        ...trpc.project.forEdit.queryOptions({ id }),
        staleTime: 0,
      });
      return project.mutateAsync({ id, version });
    }
    if (entity === 'event') {
      const { version } = await queryClient.fetchQuery({
        ...trpc.event.forEdit.queryOptions({ id }),
        staleTime: 0,
      });
      return event.mutateAsync({ id, version });
    }
    const { version } = await queryClient.fetchQuery({
      ...trpc.funding.forEdit.queryOptions({ id }),
      staleTime: 0,
    });
    return funding.mutateAsync({ id, version });
  };
  return (
    <DeletedBanner
      entity={entity}
      id={id}
      restore={restore}
      onRestored={() => {
        void afterWrite(queryClient).then(onRestored);
      }}
    />
  );
}

/**
 * An event's page when `event.byId` finds nothing: for editors, a deleted event is said to be deleted
 * (with Restore and its history); everyone else sees `fallback` (the page's not-found text).
 */
export function DeletedEventOrMissing({
  id,
  fallback,
  onRestored,
}: {
  id: string;
  fallback: ReactNode;
  onRestored: () => void;
}) {
  const { canEdit } = useSession();
  return canEdit ? (
    <Suspense fallback={fallback}>
      <DeletedEvent id={id} fallback={fallback} onRestored={onRestored} />
    </Suspense>
  ) : (
    fallback
  );
}
function DeletedEvent({
  id,
  fallback,
  onRestored,
}: {
  id: string;
  fallback: ReactNode;
  onRestored: () => void;
}) {
  const { t } = useLazyTranslation('history');
  const query = useQuery({ ...trpc.event.forEdit.queryOptions({ id }), staleTime: 0, retry: false });
  if (!query.data?.deleted) return fallback;
  return (
    <Stack gap="sm" align="stretch" data-testid="event-deleted">
      <AnchorLink to="/events" size="sm">
        ← {t('back.events')}
      </AnchorLink>
      <RestorableBanner entity="event" id={id} onRestored={onRestored} />
      <AnchorLink to="/events/$id/history" params={{ id }} size="sm" data-testid="history-link">
        {t('link')}
      </AnchorLink>
    </Stack>
  );
}
