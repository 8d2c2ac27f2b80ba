import '@mantine/core/styles/Pagination.css';
import '@mantine/core/styles/Progress.css';
import '@mantine/core/styles/Input.css';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Pagination,
  Paper,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorCode } from '../../auth/session.ts';
import { formatNumber } from '../../format.ts';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc, type trpcClient } from '../../trpc.ts';
import {
  actorParts,
  type FileLocation,
  filterIssues,
  type IssueFilter,
  pageOf,
  parseTimestamp,
  progressPercent,
  shortHash,
} from './-report.ts';
import classes from './import.module.css';

type Run = Awaited<ReturnType<typeof trpcClient.importer.run.query>>;
type Commit = NonNullable<Run['commit']>;

const PAGE_SIZE = 25;
/** How often the page asks how a commit is going. */
const POLL_MS = 500;

export function whereText(t: TFunction, at: FileLocation | undefined): string {
  if (!at) return '';
  if (at.row !== undefined) {
    return at.column
      ? t('where.rowColumn', { row: at.row, column: at.column })
      : t('where.row', { row: at.row });
  }
  return at.line !== undefined ? t('where.line', { line: at.line }) : '';
}

/** Who ran an import, for display: a user's name, "demo data", "command line (name)". */
export function useActorName() {
  const { t } = useLazyTranslation('import');
  return (actor: string, name: string | null) => {
    const who = actorParts(actor, name);
    return who.kind === 'user' ? who.name : t(`actors.${who.kind}`, { name: who.name });
  };
}

export function formatTimestamp(value: string | null, language: string): string {
  const date = parseTimestamp(value);
  // English day-first, as every other date in the app.
  const locale = language === 'en' ? 'en-GB' : language;
  return date
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
    : '';
}

/** One import run: what it read and found, and — for a dry run — its commit. */
export function RunView({ id }: { id: string }) {
  const { t } = useLazyTranslation('import');
  const queryClient = useQueryClient();
  const run = useQuery({
    ...trpc.importer.run.queryOptions({ id }),
    refetchInterval: (query) => {
      const commit = query.state.data?.commit;
      return commit && commit.phase !== 'done' ? POLL_MS : false;
    },
  });
  const commitPhase = run.data ? (run.data.commit?.phase ?? 'none') : undefined;
  const watching = useRef(false);
  useEffect(() => {
    // A commit seen going (or not yet started) that is done is a new run in the list.
    if (commitPhase !== undefined && commitPhase !== 'done') watching.current = true;
    else if (commitPhase === 'done' && watching.current) {
      watching.current = false;
      void queryClient.invalidateQueries({ queryKey: trpc.importer.runs.pathKey() });
    }
  }, [commitPhase, queryClient]);

  if (run.isPending) return <Loader aria-label={t('common:state.loading')} />;
  if (run.isError) {
    return (
      <Alert color="red" role="alert">
        {errorCode(run.error) === 'NOT_FOUND'
          ? t('run.notFound')
          : t('errors.load', { message: run.error.message })}
      </Alert>
    );
  }
  return <RunDetails run={run.data} />;
}

function RunDetails({ run }: { run: Run }) {
  const { t } = useLazyTranslation('import');
  const language = useLanguage();
  const actorName = useActorName();
  const report = run.report;
  const kind = run.dryRun ? t('kind.dryRun') : t('kind.commit');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-run-title" data-testid="import-run">
      <Stack gap="md">
        <div>
          <Group gap="xs">
            <Title order={3} id="import-run-title" className={classes.reason}>
              {run.fileName}
            </Title>
            <Badge variant="light" color={run.dryRun ? 'gray' : 'blue'}>
              {kind}
            </Badge>
            <StatusBadge status={run.status} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('run.meta', {
              format: t(`formatNames.${run.format}`, { defaultValue: run.format }),
              who: actorName(run.actor, run.actorName),
              when: formatTimestamp(run.startedAt, language),
            })}
          </Text>
          <Text size="xs" c="dimmed" title={run.fileHash}>
            SHA-256 {shortHash(run.fileHash)}
            {report
              ? ` · ${t('run.records', { count: report.records })} · ${t('run.seconds', {
                  seconds: formatNumber(Math.round(report.durationMs / 100) / 10, language),
                })}`
              : ''}
          </Text>
        </div>
        {report?.fatal && (
          <Alert color="red" title={t('run.fatalTitle')} data-testid="import-fatal">
            <Text size="sm" className={classes.reason}>
              {[whereText(t, report.fatal.at), report.fatal.message].filter(Boolean).join(': ')}
            </Text>
            <Text size="sm">{t('run.nothingWritten')}</Text>
          </Alert>
        )}
        {run.counts && <Counts counts={run.counts} dryRun={run.dryRun} />}
        {run.dryRun && run.status === 'succeeded' && <CommitPanel run={run} />}
        {report && report.issues.length > 0 && (
          <Issues issues={report.issues} omitted={report.issuesOmitted} />
        )}
        {report && report.changes.length > 0 && (
          <Changes changes={report.changes} omitted={report.changesOmitted} dryRun={run.dryRun} />
        )}
      </Stack>
    </Paper>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useLazyTranslation('import');
  const color = status === 'succeeded' ? 'green' : status === 'failed' ? 'red' : 'yellow';
  return (
    <Badge color={color} variant="light" data-testid="import-status">
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

function Counts({ counts, dryRun }: { counts: NonNullable<Run['counts']>; dryRun: boolean }) {
  const { t } = useLazyTranslation('import');
  const language = useLanguage();
  const keys = ['new', 'updated', 'unchanged', 'rejected'] as const;
  return (
    <div>
      <Text fw={600} size="sm" mb={4}>
        {dryRun ? t('counts.titleDryRun') : t('counts.title')}
      </Text>
      <div className={classes.counts}>
        {keys.map((key) => (
          <div key={key} className={classes.count} data-testid={`import-count-${key}`}>
            <div className={classes.countValue}>{formatNumber(counts[key], language)}</div>
            <Text size="sm" c="dimmed">
              {t(`counts.${key}`)}
            </Text>
          </div>
        ))}
      </div>
    </div>
  );
}

/** Commit the dry run's file, then follow it until it is done. */
function CommitPanel({ run }: { run: Run }) {
  const { t } = useLazyTranslation('import');
  const queryClient = useQueryClient();
  const commit = useMutation({
    ...trpc.importer.commit.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.importer.run.queryKey({ id: run.id }) }),
  });
  if (run.commit) return <CommitProgress commit={run.commit} />;
  if (!run.committable) {
    return (
      <Alert color="gray" data-testid="import-not-committable">
        {t('commit.notCommittable')}
      </Alert>
    );
  }
  return (
    <Alert color="blue" title={t('commit.readyTitle')}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('commit.ready')}</Text>
        <Button
          onClick={() => commit.mutate({ runId: run.id })}
          loading={commit.isPending}
          data-testid="import-commit"
        >
          {t('commit.button')}
        </Button>
        {commit.isError && (
          <Text size="sm" c="red" role="alert" className={classes.reason}>
            {t('commit.refused', { message: commit.error.message })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

function CommitProgress({ commit }: { commit: Commit }) {
  const { t } = useLazyTranslation('import');
  const language = useLanguage();
  const done = commit.phase === 'done';
  const percent = progressPercent(commit.processed, commit.total, done);
  return (
    <Stack gap="xs" data-testid="import-commit-progress">
      <Text size="sm" fw={600} role="status" aria-live="polite">
        {done
          ? commit.status === 'succeeded'
            ? t('commit.succeeded')
            : t('commit.failed')
          : t(`commit.phase.${commit.phase}`, {
              processed: formatNumber(commit.processed, language),
              total: formatNumber(commit.total, language),
            })}
      </Text>
      <Progress
        value={percent}
        color={commit.status === 'failed' ? 'red' : commit.status === 'succeeded' ? 'green' : 'blue'}
        animated={!done}
        aria-label={t('commit.progressLabel')}
        data-testid="import-progress"
        data-percent={percent}
      />
      {done && commit.counts && (
        <Text size="sm" data-testid="import-commit-result">
          {t('commit.result', {
            new: formatNumber(commit.counts.new, language),
            updated: formatNumber(commit.counts.updated, language),
            unchanged: formatNumber(commit.counts.unchanged, language),
            rejected: formatNumber(commit.counts.rejected, language),
          })}
        </Text>
      )}
      {commit.error && (
        <Text size="sm" c="red" className={classes.reason}>
          {commit.error}
        </Text>
      )}
      {done && commit.runId && (
        <Link to="/import" search={{ run: commit.runId }} data-testid="import-commit-run">
          {t('commit.openRun')}
        </Link>
      )}
    </Stack>
  );
}

type ReportIssue = NonNullable<Run['report']>['issues'][number];

function Issues({ issues, omitted }: { issues: ReportIssue[]; omitted: number }) {
  const { t } = useLazyTranslation('import');
  const [filter, setFilter] = useState<IssueFilter>({ severity: 'all', text: '' });
  const [page, setPage] = useState(1);
  // The report does not change: an issue's place in it is its identity.
  const numbered = useMemo(() => issues.map((issue, ordinal) => ({ ...issue, ordinal })), [issues]);
  const filtered = useMemo(() => filterIssues(numbered, filter), [numbered, filter]);
  const current = pageOf(filtered, page, PAGE_SIZE);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const update = (patch: Partial<IssueFilter>) => {
    setFilter((prev) => ({ ...prev, ...patch }));
    setPage(1);
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="import-issues-title">
      <Text fw={600} id="import-issues-title">
        {t('issues.title', { count: issues.length })}
      </Text>
      <Group gap="sm" align="end">
        <SegmentedControl
          size="xs"
          value={filter.severity}
          onChange={(value) => update({ severity: value as IssueFilter['severity'] })}
          data={[
            { value: 'all', label: t('issues.all', { count: issues.length }) },
            { value: 'error', label: t('issues.rejected', { count: errors }) },
            { value: 'warning', label: t('issues.warnings', { count: issues.length - errors }) },
          ]}
          aria-label={t('issues.severity')}
        />
        <TextInput
          size="xs"
          value={filter.text}
          onChange={(event) => update({ text: event.currentTarget.value })}
          placeholder={t('issues.search')}
          aria-label={t('issues.search')}
          w={240}
        />
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="import-issues">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('issues.where')}</Table.Th>
              <Table.Th scope="col">{t('issues.record')}</Table.Th>
              <Table.Th scope="col">{t('issues.severityColumn')}</Table.Th>
              <Table.Th scope="col">{t('issues.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {current.rows.map((issue) => (
              <Table.Tr key={issue.ordinal}>
                <Table.Td className={classes.where}>{whereText(t, issue.at)}</Table.Td>
                <Table.Td className={classes.reason}>
                  {issue.recordKey ?? ''}
                  {issue.field ? (
                    <Text size="xs" c="dimmed" component="span" display="block">
                      {issue.field}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={issue.severity === 'error' ? 'red' : 'yellow'}>
                    {issue.severity === 'error' ? t('issues.error') : t('issues.warning')}
                  </Badge>
                </Table.Td>
                <Table.Td className={classes.reason}>{issue.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {filtered.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('issues.none')}
        </Text>
      )}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {omitted > 0 ? t('issues.omitted', { count: omitted }) : ''}
        </Text>
        {current.pages > 1 && (
          <Pagination
            size="sm"
            total={current.pages}
            value={current.page}
            onChange={setPage}
            getControlProps={(control) => ({ 'aria-label': t(`pages.${control}`) })}
          />
        )}
      </Group>
    </Stack>
  );
}

type Change = NonNullable<Run['report']>['changes'][number];

function Changes({ changes, omitted, dryRun }: { changes: Change[]; omitted: number; dryRun: boolean }) {
  const { t } = useLazyTranslation('import');
  const [page, setPage] = useState(1);
  const numbered = useMemo(() => changes.map((change, ordinal) => ({ ...change, ordinal })), [changes]);
  const current = pageOf(numbered, page, PAGE_SIZE);
  return (
    <Stack gap="xs" component="section" aria-labelledby="import-changes-title">
      <Text fw={600} id="import-changes-title">
        {dryRun
          ? t('changes.titleDryRun', { count: changes.length })
          : t('changes.title', { count: changes.length })}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="import-changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('issues.where')}</Table.Th>
              <Table.Th scope="col">{t('issues.record')}</Table.Th>
              <Table.Th scope="col">{t('changes.action')}</Table.Th>
              <Table.Th scope="col">{t('changes.parts')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {current.rows.map((change) => (
              <Table.Tr key={change.ordinal}>
                <Table.Td className={classes.where}>{whereText(t, change.at)}</Table.Td>
                <Table.Td className={classes.reason}>{change.key}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={change.action === 'new' ? 'green' : 'blue'}>
                    {change.action === 'new' ? t('counts.new') : t('counts.updated')}
                  </Badge>
                </Table.Td>
                <Table.Td className={classes.reason}>
                  {change.action === 'new' ? t('changes.whole') : change.parts.join(', ')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {omitted > 0 ? t('changes.omitted', { count: omitted }) : ''}
        </Text>
        {current.pages > 1 && (
          <Pagination
            size="sm"
            total={current.pages}
            value={current.page}
            onChange={setPage}
            getControlProps={(control) => ({ 'aria-label': t(`pages.${control}`) })}
          />
        )}
      </Group>
    </Stack>
  );
}
