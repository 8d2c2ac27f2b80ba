import { Alert, Group, Skeleton, Stack, Text } from '@mantine/core';
import { FUNDING_FLOWS, label } from '@srt/shared/codes';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { AnchorLink } from '../../../components/anchor-link.tsx';
import { isNotFoundError } from '../../../components/detail-section.tsx';
import { formatMoney } from '../../../format.ts';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { EditorGate } from '../../../lifecycle/editor-gate.tsx';
import { DeleteFundingButton, RestorableBanner } from '../../../lifecycle/record-actions.tsx';
import { trpc } from '../../../trpc.ts';
import { FundingForm } from './funding-form.tsx';
import { newFundingValues } from './values.ts';

/** /funding/new?projectId=…[&eventId=…]: a funding row of that project (pledged at that event). */
export function NewFundingPage() {
  const { t } = useLazyTranslation('entry');
  const { projectId, eventId } = useSearch({ from: '/funding/new' });
  return (
    <EditorGate>
      {projectId ? (
        <FundingForm initial={{ ...newFundingValues(projectId, eventId), projectId }} />
      ) : (
        <Alert color="yellow" title={t('funding.noProject')}>
          <AnchorLink to="/projects">{t('funding.toProjects')}</AnchorLink>
        </Alert>
      )}
    </EditorGate>
  );
}

/** /funding/$id/edit: the row as stored, with the version a save must name. */
export function EditFundingPage() {
  return (
    <EditorGate>
      <EditFunding />
    </EditorGate>
  );
}

function EditFunding() {
  const { t } = useLazyTranslation('entry');
  const language = useLanguage();
  const { id } = useParams({ from: '/funding/$id/edit' });
  const query = useQuery({
    ...trpc.funding.forEdit.queryOptions({ id }),
    // The form starts from what is stored now, not from a cached copy.
    staleTime: 0,
    gcTime: 0,
    retry: (count, error) => !isNotFoundError(error) && count < 1,
  });
  if (query.isError) {
    const missing = isNotFoundError(query.error);
    return (
      <Alert color="red" role="alert" title={missing ? t('funding.notFound') : t('common.loadFailed')}>
        <Stack gap="xs">
          {!missing && <Text size="sm">{query.error.message}</Text>}
          <AnchorLink to="/projects">{t('funding.toProjects')}</AnchorLink>
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
  const { values } = record;
  return (
    <Stack gap="sm">
      {record.deleted ? (
        <RestorableBanner entity="funding" id={record.id} onRestored={() => void query.refetch()} />
      ) : (
        <Group justify="flex-end">
          <DeleteFundingButton
            id={record.id}
            version={record.version}
            name={`${label(FUNDING_FLOWS, values.flow, language)} ${formatMoney(values.amount, values.currency, language)}`}
            projectId={values.projectId}
            onChanged={() => void query.refetch()}
          />
        </Group>
      )}
      <FundingForm key={record.id} id={record.id} version={record.version} initial={record.values} />
    </Stack>
  );
}
