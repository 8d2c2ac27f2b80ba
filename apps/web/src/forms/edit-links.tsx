import { Anchor, Button, Group, VisuallyHidden } from '@mantine/core';
import { FUNDING_FLOWS, label } from '@srt/shared/codes';
import { Link } from '@tanstack/react-router';
import { type ReactNode, Suspense, useMemo } from 'react';
import { useSession } from '../auth/session.ts';
import type { FundingItem } from '../components/funding-table.tsx';
import { formatMoney } from '../format.ts';
import type { Language } from '../i18n/index.ts';
import { useLazyTranslation } from '../i18n/lazy.ts';

/**
 * Edit controls on the reading pages. They render only for editors and admins, and their text comes from
 * the lazy `entry` namespace — loaded when an editor sees them, behind its own Suspense so the page never
 * waits for it.
 */
function ForEditors({ children }: { children: ReactNode }) {
  const { canEdit } = useSession();
  if (!canEdit) return null;
  return <Suspense fallback={null}>{children}</Suspense>;
}

/** "New event" on /events (or, with a project, on its page: the event starts linked to it). */
export function NewEventButton({ projectId }: { projectId?: string }) {
  return (
    <ForEditors>
      <NewEvent projectId={projectId} />
    </ForEditors>
  );
}
function NewEvent({ projectId }: { projectId?: string | undefined }) {
  const { t } = useLazyTranslation('entry');
  return (
    <Button
      size="sm"
      renderRoot={(props) => <Link to="/events/new" search={projectId ? { projectId } : {}} {...props} />}
      data-testid="new-event"
    >
      {t('actions.newEvent')}
    </Button>
  );
}

/** "Edit" on an event's page. */
export function EditEventButton({ id }: { id: string }) {
  return (
    <ForEditors>
      <EditEvent id={id} />
    </ForEditors>
  );
}
function EditEvent({ id }: { id: string }) {
  const { t } = useLazyTranslation('entry');
  return (
    <Button
      size="sm"
      variant="light"
      renderRoot={(props) => <Link to="/events/$id/edit" params={{ id }} {...props} />}
      data-testid="edit-event"
    >
      {t('actions.edit')}
    </Button>
  );
}

/** "Add funding" in a project's funding section (optionally pledged at an event). */
export function AddFundingButton({ projectId, eventId }: { projectId: string; eventId?: string }) {
  return (
    <ForEditors>
      <AddFunding projectId={projectId} eventId={eventId} />
    </ForEditors>
  );
}
function AddFunding({ projectId, eventId }: { projectId: string; eventId?: string | undefined }) {
  const { t } = useLazyTranslation('entry');
  return (
    <Group justify="flex-end" mb="xs">
      <Button
        size="xs"
        variant="light"
        renderRoot={(props) => (
          <Link to="/funding/new" search={eventId ? { projectId, eventId } : { projectId }} {...props} />
        )}
        data-testid="add-funding"
      >
        {t('actions.addFunding')}
      </Button>
    </Group>
  );
}

/** The edit link of one funding row; `what` names the row for screen readers ("Pledged, CN¥10.00"). */
export function EditFundingLink({ id, what }: { id: string; what: string }) {
  return (
    <ForEditors>
      <EditFunding id={id} what={what} />
    </ForEditors>
  );
}
function EditFunding({ id, what }: { id: string; what: string }) {
  const { t } = useLazyTranslation('entry');
  return (
    <Anchor
      size="sm"
      renderRoot={(props) => <Link to="/funding/$id/edit" params={{ id }} {...props} />}
      aria-label={t('actions.editFundingRow', { what })}
      data-testid="edit-funding"
    >
      {t('actions.edit')}
    </Anchor>
  );
}

function ActionsHeader() {
  const { t } = useLazyTranslation('entry');
  return <VisuallyHidden>{t('actions.column')}</VisuallyHidden>;
}

/** The funding table's "Edit" column for editors (`rowActions` of FundingTable); undefined for readers. */
export function useFundingRowActions(
  language: Language,
): { header: ReactNode; render: (row: FundingItem) => ReactNode } | undefined {
  const { canEdit } = useSession();
  return useMemo(
    () =>
      canEdit
        ? {
            header: (
              <Suspense fallback={null}>
                <ActionsHeader />
              </Suspense>
            ),
            render: (row: FundingItem) => (
              <EditFundingLink
                id={row.id}
                what={`${label(FUNDING_FLOWS, row.flow, language)}, ${formatMoney(row.amount, row.currency, language)}`}
              />
            ),
          }
        : undefined,
    [canEdit, language],
  );
}
