import { Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { RoleGate } from '../../auth/role-gate.tsx';
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
  return (
    <RoleGate
      needs="editor"
      title={t('title')}
      signedOut={t('needsEditor')}
      signedIn={(role) => t('needsEditorSignedIn', { role })}
    >
      <Importer />
    </RoleGate>
  );
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
