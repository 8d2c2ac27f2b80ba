import { useQuery } from '@tanstack/react-query';
import { describeHealth, fetchHealth } from './health.ts';
import { trpc } from './trpc.ts';

/** API health (database kind and version) and the number of projects, with loading and error states. */
export function StatusLine() {
  const health = useQuery({ queryKey: ['health'], queryFn: ({ signal }) => fetchHealth(signal) });
  const projects = useQuery(trpc.project.list.queryOptions({ filter: {}, limit: 1 }));

  if (health.isPending) {
    return (
      <p className="status" role="status" aria-busy="true" data-state="loading">
        Connecting to the API…
      </p>
    );
  }
  if (health.isError) {
    return (
      <p className="status status-error" role="alert" data-state="error">
        API unreachable: {health.error.message}{' '}
        <button type="button" onClick={() => void health.refetch()}>
          Retry
        </button>
      </p>
    );
  }
  return (
    <p className="status" role="status" data-state="ok" data-db={health.data.db}>
      {describeHealth(health.data, projects.data?.total)}
      {projects.isPending && ' · counting projects…'}
      {projects.isError && (
        <span className="status-error"> · projects unavailable: {projects.error.message}</span>
      )}
    </p>
  );
}
