import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../trpc.ts';
import { describeHealth, fetchHealth } from './health.ts';

/** API health (database kind and version) and the number of projects, with loading and error states. */
export function StatusLine() {
  const { t } = useTranslation();
  const health = useQuery({ queryKey: ['health'], queryFn: ({ signal }) => fetchHealth(signal) });
  const projects = useQuery(trpc.project.list.queryOptions({ filter: {}, limit: 1 }));

  if (health.isPending) {
    return (
      <Text size="sm" c="dimmed" role="status" aria-busy="true" data-state="loading">
        {t('status.connecting')}
      </Text>
    );
  }
  if (health.isError) {
    return (
      <Text size="sm" c="red.8" role="alert" data-state="error">
        {t('status.unreachable', { message: health.error.message })}{' '}
        <Anchor component="button" type="button" size="sm" onClick={() => void health.refetch()}>
          {t('actions.retry')}
        </Anchor>
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed" role="status" data-state="ok" data-db={health.data.db}>
      {describeHealth(t, health.data, projects.data?.total)}
      {projects.isPending && ` · ${t('status.counting')}`}
      {projects.isError && (
        <Text span c="red.8" inherit>
          {' · '}
          {t('status.projectsUnavailable', { message: projects.error.message })}
        </Text>
      )}
    </Text>
  );
}
