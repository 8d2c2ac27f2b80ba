import '@mantine/core/styles/Grid.css';
import { Alert, Badge, Button, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { ACTIVITY_STATUS, countryName, EVENT_TYPES, label, ORGANIZATION_TYPES } from '@srt/shared/codes';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/anchor-link.tsx';
import { DetailSection, isNotFoundError } from '../../components/detail-section.tsx';
import { EventDate } from '../../components/event-date.tsx';
import { FundingTable } from '../../components/funding-table.tsx';
import { languageName } from '../../components/language-name.ts';
import { SourceList } from '../../components/source-list.tsx';
import { formatYearRange } from '../../format.ts';
import { EditEventButton } from '../../forms/edit-links.tsx';
import { HistoryLink } from '../../history/history-link.tsx';
import { useLanguage } from '../../i18n/use-language.ts';
import { DeletedEventOrMissing, DeleteEventButton } from '../../lifecycle/record-actions.tsx';
import { trpc } from '../../trpc.ts';

/** /events/$id: one event with its date as precisely as known, place, projects, organisations, money, sources. */
export function EventPage() {
  const { t } = useTranslation('events');
  const language = useLanguage();
  const { id } = useParams({ from: '/events/$id' });
  const query = useQuery(
    trpc.event.byId.queryOptions({ id }, { retry: (count, error) => !isNotFoundError(error) && count < 1 }),
  );
  const e = query.data;

  if (query.isError && isNotFoundError(query.error)) {
    // Editors are told when the event is deleted (with Restore); to everyone else it is not there.
    return (
      <DeletedEventOrMissing
        id={id}
        onRestored={() => void query.refetch()}
        fallback={
          <Stack align="flex-start" data-testid="event-not-found">
            <Title order={2}>{t('notFound.title')}</Title>
            <Text>{t('notFound.text')}</Text>
            <AnchorLink to="/events">{t('notFound.back')}</AnchorLink>
          </Stack>
        }
      />
    );
  }
  const place = e
    ? [e.placeName, e.country ? countryName(e.country, language) : null].filter(Boolean).join(', ')
    : '';
  return (
    <Stack gap="md">
      <AnchorLink to="/events" size="sm">
        ← {t('detail.back')}
      </AnchorLink>
      {query.isError ? (
        <Alert color="red" role="alert" title={t('error', { message: query.error.message })}>
          <Button variant="light" color="red" onClick={() => void query.refetch()}>
            {t('common:actions.retry')}
          </Button>
        </Alert>
      ) : !e ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('loading')}>
          <Skeleton height={32} width="70%" />
          <Skeleton height={18} width="40%" />
          <Skeleton height={160} />
        </Stack>
      ) : (
        <>
          <Stack gap="xs" data-testid="event-header">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Title order={2} data-testid="event-title">
                {e.title}
              </Title>
              <Group gap="xs" wrap="nowrap">
                <EditEventButton id={e.id} />
                <DeleteEventButton
                  id={e.id}
                  version={e.version}
                  title={e.title}
                  onChanged={() => void query.refetch()}
                />
              </Group>
            </Group>
            {e.titleOriginal && e.titleOriginal !== e.title && (
              <Text>
                <Text span size="xs" c="dimmed" mr={6}>
                  {t('detail.originalTitle', {
                    language: e.titleLanguage
                      ? languageName(e.titleLanguage, language)
                      : t('detail.languageUnknown'),
                  })}
                </Text>
                <span lang={e.titleLanguage ?? undefined}>{e.titleOriginal}</span>
              </Text>
            )}
            <Group gap="sm">
              <Badge variant="light">{label(EVENT_TYPES, e.type, language)}</Badge>
              <Text fw={600} data-testid="event-date">
                <EventDate date={e.date} precision={e.datePrecision} language={language} />
              </Text>
              {e.datePrecision !== 'day' && (
                <Text size="xs" c="dimmed">
                  {t(`precision.${e.datePrecision === 'year' ? 'year' : 'month'}`)}
                </Text>
              )}
              <Text c="dimmed" data-testid="event-place">
                {place || t('noPlace')}
              </Text>
            </Group>
            {e.description && (
              <Text size="sm" maw={900} style={{ whiteSpace: 'pre-line' }} data-testid="event-description">
                {e.description}
              </Text>
            )}
            <HistoryLink entity="event" id={e.id} />
          </Stack>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <DetailSection title={t('detail.projects', { count: e.projects.length })} id="projects">
                {e.projects.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('noProjects')}
                  </Text>
                ) : (
                  <Stack
                    component="ul"
                    gap="xs"
                    pl={0}
                    m={0}
                    style={{ listStyle: 'none' }}
                    data-testid="event-projects"
                  >
                    {e.projects.map((p) => (
                      <li key={p.id}>
                        <AnchorLink to="/projects/$id" params={{ id: p.id }} size="sm" fw={500}>
                          {p.title}
                        </AnchorLink>
                        <Text size="xs" c="dimmed">
                          {[
                            p.status === null ? null : label(ACTIVITY_STATUS, p.status, language),
                            formatYearRange(p.startYear, p.endYear),
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      </li>
                    ))}
                  </Stack>
                )}
              </DetailSection>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <DetailSection
                title={t('detail.organizations', { count: e.organizations.length })}
                id="organizations"
              >
                {e.organizations.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('detail.noOrganizations')}
                  </Text>
                ) : (
                  <Stack
                    component="ul"
                    gap="xs"
                    pl={0}
                    m={0}
                    style={{ listStyle: 'none' }}
                    data-testid="event-organizations"
                  >
                    {e.organizations.map((o) => (
                      <li key={`${o.id}-${o.role ?? ''}`}>
                        <Group gap={6}>
                          <Text size="sm">
                            {o.name}
                            {o.acronym && ` (${o.acronym})`}
                          </Text>
                          {o.role && (
                            <Badge size="xs" variant="outline" color="gray">
                              {t(`roles.${o.role}`, { defaultValue: o.role })}
                            </Badge>
                          )}
                        </Group>
                        <Text size="xs" c="dimmed">
                          {[
                            o.nameLocal,
                            o.type === null ? null : label(ORGANIZATION_TYPES, o.type, language),
                            o.country ? countryName(o.country, language) : null,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      </li>
                    ))}
                  </Stack>
                )}
              </DetailSection>
            </Grid.Col>
          </Grid>
          <DetailSection title={t('detail.funding', { count: e.funding.length })} id="funding">
            <FundingTable rows={e.funding} language={language} caption={t('detail.fundingCaption')} />
          </DetailSection>
          <DetailSection title={t('detail.sources', { count: e.sources.length })} id="sources">
            <SourceList sources={e.sources} language={language} />
          </DetailSection>
        </>
      )}
    </Stack>
  );
}
