import '@mantine/core/styles/Grid.css';
import { Alert, Button, Grid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../../components/anchor-link.tsx';
import { DetailSection, isNotFoundError } from '../../../components/detail-section.tsx';
import { FundingTable } from '../../../components/funding-table.tsx';
import { SourceList } from '../../../components/source-list.tsx';
import { FilterNotice } from '../../../filter/filter-notice.tsx';
import { AddFundingButton, useFundingRowActions } from '../../../forms/edit-links.tsx';
import { HistoryLink } from '../../../history/history-link.tsx';
import { useLanguage } from '../../../i18n/use-language.ts';
import { trpc } from '../../../trpc.ts';
import { EditProjectButton } from '../-edit-buttons.tsx';
import { DeletedProjectNotice } from '../-lifecycle.tsx';
import { sanitizeProjectsSearch } from '../-search.ts';
import { EventsTimeline } from './events-timeline.tsx';
import { Initiatives, ProjectHeader } from './header.tsx';
import { KeyFigures } from './key-figures.tsx';
import { Locations } from './locations.tsx';
import { Neighbors } from './neighbors.tsx';
import { CountriesAndSectors, Participants } from './participants.tsx';
import { Quality } from './quality.tsx';

/** /projects/$id: everything recorded about one project, and its place in the list it was opened from. */
export function ProjectPage() {
  const { t } = useTranslation('project');
  const language = useLanguage();
  const { id } = useParams({ from: '/projects/$id' });
  const search = useSearch({ from: '/projects/$id' });
  const query = useQuery(
    trpc.project.byId.queryOptions({ id }, { retry: (count, error) => !isNotFoundError(error) && count < 1 }),
  );
  const p = query.data;
  const fundingSources = useMemo(() => {
    const map = new Map<string, { sourceId: string; title: string; url: string | null }[]>();
    for (const s of p?.fundingSources ?? []) map.set(s.fundingId, [...(map.get(s.fundingId) ?? []), s]);
    return map;
  }, [p]);
  const fundingActions = useFundingRowActions(language);

  if (query.isError && isNotFoundError(query.error)) {
    return (
      <Stack align="flex-start" data-testid="project-not-found">
        <Title order={2}>{t('notFound.title')}</Title>
        <Text>{t('notFound.text')}</Text>
        <DeletedProjectNotice id={id} onRestored={() => void query.refetch()} />
        <AnchorLink to="/projects" search={search}>
          {t('notFound.back')}
        </AnchorLink>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Neighbors id={id} search={search} language={language} />
      <FilterNotice sanitize={sanitizeProjectsSearch} />
      {query.isError ? (
        <Alert color="red" role="alert" title={t('error', { message: query.error.message })}>
          <Button variant="light" color="red" onClick={() => void query.refetch()}>
            {t('common:actions.retry')}
          </Button>
        </Alert>
      ) : !p ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('loading')}>
          <Skeleton height={32} width="70%" />
          <Skeleton height={18} width="50%" />
          <Skeleton height={120} />
          <Skeleton height={240} />
        </Stack>
      ) : (
        <>
          <EditProjectButton
            id={p.id}
            version={p.version}
            title={p.title}
            onChanged={() => void query.refetch()}
          />
          <ProjectHeader project={p} language={language} />
          <HistoryLink entity="project" id={p.id} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Stack gap="md">
                <DetailSection title={t('sections.figures')} id="figures">
                  <KeyFigures rows={p.funding} language={language} />
                </DetailSection>
                <DetailSection title={t('sections.initiatives')} id="initiatives">
                  <Initiatives project={p} language={language} />
                </DetailSection>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <DetailSection title={t('sections.quality')} id="quality">
                <Quality quality={p.quality} />
              </DetailSection>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <DetailSection title={t('sections.participants')} id="participants">
                <Participants project={p} language={language} />
              </DetailSection>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <DetailSection title={t('sections.shares')} id="shares">
                <CountriesAndSectors project={p} language={language} />
              </DetailSection>
            </Grid.Col>
          </Grid>
          <DetailSection title={t('sections.locations')} id="locations">
            <Locations
              locations={p.locations}
              countries={p.countries.map((c) => c.country)}
              language={language}
            />
          </DetailSection>
          <DetailSection title={t('sections.funding', { count: p.funding.length })} id="funding">
            <AddFundingButton projectId={p.id} />
            <FundingTable
              rows={p.funding}
              sources={fundingSources}
              language={language}
              caption={t('funding.caption')}
              rowActions={fundingActions}
            />
          </DetailSection>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <DetailSection title={t('sections.events')} id="events">
                <EventsTimeline project={p} language={language} />
              </DetailSection>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <DetailSection title={t('sections.sources')} id="sources">
                <SourceList sources={p.sources} language={language} />
              </DetailSection>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
