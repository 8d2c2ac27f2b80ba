import { Button, Group } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { type ReactNode, Suspense } from 'react';
import { useSession } from '../../auth/session.ts';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { DeleteProjectButton } from './-lifecycle.tsx';

/**
 * "New project" on /projects and "Edit" / "Delete" on a project's page: only for editors and admins. The
 * text is in the lazy `project-form` and `lifecycle` namespaces, fetched when an editor sees the buttons
 * (their own Suspense: the page never waits for it).
 */
function ForEditors({ children }: { children: ReactNode }) {
  const { canEdit } = useSession();
  if (!canEdit) return null;
  return <Suspense fallback={null}>{children}</Suspense>;
}

function NewProject() {
  const { t } = useLazyTranslation('project-form');
  return (
    <Button
      size="sm"
      renderRoot={(props) => <Link to="/projects/new" {...props} />}
      data-testid="new-project"
      style={{ flexShrink: 0 }}
    >
      {t('actions.new')}
    </Button>
  );
}

function EditProject({ id }: { id: string }) {
  const { t } = useLazyTranslation('project-form');
  return (
    <Button
      size="sm"
      variant="light"
      renderRoot={(props) => <Link to="/projects/$id/edit" params={{ id }} {...props} />}
      data-testid="edit-project"
    >
      {t('actions.edit')}
    </Button>
  );
}

export const NewProjectButton = () => (
  <ForEditors>
    <NewProject />
  </ForEditors>
);

/** Above the project's header, at the right. */
export const EditProjectButton = ({
  id,
  version,
  title,
  onChanged,
}: {
  id: string;
  version: number;
  title: string;
  onChanged: () => void;
}) => (
  <ForEditors>
    <Group justify="flex-end" gap="xs">
      <EditProject id={id} />
      <DeleteProjectButton id={id} version={version} title={title} onChanged={onChanged} />
    </Group>
  </ForEditors>
);
