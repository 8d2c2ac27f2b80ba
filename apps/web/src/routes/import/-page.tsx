import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useRouterState, useSearch } from '@tanstack/react-router';
import { useSession } from '../../auth/session.ts';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { RunView } from './-run-view.tsx';
import { RunsTable } from './-runs-table.tsx';
import { UploadForm } from './-upload-form.tsx';

/**
 * /import: upload an IATI, AidData or CSV file, read its dry run, commit it and follow the commit; past
 * runs below. Editors only (the API checks it again).
 */
export function ImportPage() {
  const { t } = useLazyTranslation('import');
  const { user, canEdit, isLoading } = useSession();
  const href = useRouterState({ select: (s) => s.location.href });
  if (isLoading) return <Loader aria-label={t('common:state.loading')} />;
  if (!user || !canEdit) {
    return (
      <Stack maw={640}>
        <Title order={2}>{t('title')}</Title>
        <Alert color="yellow" data-testid="needs-editor">
          <Text>
            {user ? t('needsEditorSignedIn', { role: t(`common:roles.${user.role}`) }) : t('needsEditor')}
          </Text>
          {!user && (
            <Link to="/login" search={{ redirect: href }}>
              {t('common:account.signIn')}
            </Link>
          )}
        </Alert>
      </Stack>
    );
  }
  return <Importer />;
}

function Importer() {
  const { t } = useLazyTranslation('import');
  const { run } = useSearch({ from: '/import/' });
  const navigate = useNavigate({ from: '/import/' });
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('title')}</Title>
        <Text size="sm" c="dimmed" maw={900}>
          {t('intro')}
        </Text>
      </div>
      <UploadForm onUploaded={(id) => navigate({ search: { run: id } })} />
      {run && <RunView key={run} id={run} />}
      <RunsTable selected={run} />
    </Stack>
  );
}
