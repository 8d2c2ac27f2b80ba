import { Alert, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { AnchorLink } from '../../../components/anchor-link.tsx';
import { isNotFoundError } from '../../../components/detail-section.tsx';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { EditorGate } from '../../../lifecycle/editor-gate.tsx';
import { DeleteEventButton, RestorableBanner } from '../../../lifecycle/record-actions.tsx';
import { trpc } from '../../../trpc.ts';
import { EventForm } from './event-form.tsx';
import { eventFormValuesOf, newEventValues } from './values.ts';

/** /events/new (optionally `?projectId=` to link a project from the start). */
export function NewEventPage() {
  const { projectId } = useSearch({ from: '/events/new' });
  return (
    <EditorGate>
      <EventForm initial={newEventValues(projectId)} />
    </EditorGate>
  );
}

/** /events/$id/edit: the event as stored, with the version a save must name. */
export function EditEventPage() {
  return (
    <EditorGate>
      <EditEvent />
    </EditorGate>
  );
}

function EditEvent() {
  const { t } = useLazyTranslation('entry');
  const { id } = useParams({ from: '/events/$id_/edit' });
  const query = useQuery({
    ...trpc.event.forEdit.queryOptions({ id }),
    // The form starts from what is stored now, not from a cached copy.
    staleTime: 0,
    gcTime: 0,
    retry: (count, error) => !isNotFoundError(error) && count < 1,
  });
  if (query.isError) {
    return (
      <Alert
        color="red"
        role="alert"
        title={isNotFoundError(query.error) ? t('event.notFound') : t('common.loadFailed')}
      >
        <Stack gap="xs">
          {!isNotFoundError(query.error) && <Text size="sm">{query.error.message}</Text>}
          <AnchorLink to="/events">{t('event.backToEvents')}</AnchorLink>
        </Stack>
      </Alert>
    );
  }
  if (!query.data) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton height={32} width="50%" />
        <Skeleton height={320} />
      </Stack>
    );
  }
  const record = query.data;
  return (
    <Stack gap="sm">
      {record.deleted ? (
        <RestorableBanner entity="event" id={record.id} onRestored={() => void query.refetch()} />
      ) : (
        <Group justify="flex-end">
          <DeleteEventButton
            id={record.id}
            version={record.version}
            title={record.values.title}
            onChanged={() => void query.refetch()}
          />
        </Group>
      )}
      <EventForm
        key={record.id}
        id={record.id}
        version={record.version}
        initial={eventFormValuesOf(record.values)}
      />
    </Stack>
  );
}
