import { Alert, Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useSession } from '../../../auth/session.ts';
import { isNotFoundError } from '../../../components/detail-section.tsx';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { trpc } from '../../../trpc.ts';
import { ProjectForm } from './project-form.tsx';

/** Only editors see the form; others are told why and where to sign in. */
function NeedsEditor({ children }: { children: React.ReactNode }) {
  const { t } = useLazyTranslation('project-form');
  const session = useSession();
  if (session.isLoading) return <Skeleton height={200} />;
  if (!session.canEdit) {
    return (
      <Alert color="yellow" role="alert" title={t('needsEditor.title')} data-testid="needs-editor">
        {session.user ? (
          t('needsEditor.viewer')
        ) : (
          <Link to="/login" search={{ redirect: window.location.pathname }}>
            {t('needsEditor.signIn')}
          </Link>
        )}
      </Alert>
    );
  }
  return <>{children}</>;
}

/** /projects/new */
export function NewProjectPage() {
  return (
    <NeedsEditor>
      <ProjectForm />
    </NeedsEditor>
  );
}

function EditForm({ id }: { id: string }) {
  const { t } = useLazyTranslation('project-form');
  // Always the version as it is now (never a cached one): a stale version would only end in a conflict.
  const query = useQuery({
    ...trpc.project.forEdit.queryOptions({ id }),
    gcTime: 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (query.isError) {
    return (
      <Alert color="red" role="alert" title={isNotFoundError(query.error) ? t('notFound') : t('loadError')}>
        {query.error.message}
      </Alert>
    );
  }
  if (!query.data) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label={t('loading')}>
        <Skeleton height={32} width="60%" />
        <Skeleton height={240} />
        <Skeleton height={240} />
      </Stack>
    );
  }
  return (
    <ProjectForm
      key={`${id}:${query.data.version}`}
      record={query.data}
      onReload={() => void query.refetch()}
    />
  );
}

/** /projects/$id/edit */
export function EditProjectPage() {
  const { id } = useParams({ from: '/projects/$id_/edit' });
  return (
    <NeedsEditor>
      <EditForm id={id} />
    </NeedsEditor>
  );
}
