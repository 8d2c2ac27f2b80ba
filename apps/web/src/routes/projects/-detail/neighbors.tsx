import { Group, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../../components/anchor-link.tsx';
import { formatNumber } from '../../../format.ts';
import type { Language } from '../../../i18n/index.ts';
import { trpc } from '../../../trpc.ts';
import { type ListSearch, neighborsInput } from './list-search.ts';

/**
 * "Back to the list", and previous/next within the list the page was opened from (the filter and sort in
 * the URL travel along, so stepping through keeps the list).
 */
export function Neighbors({ id, search, language }: { id: string; search: ListSearch; language: Language }) {
  const { t } = useTranslation('project');
  const around = useQuery(
    trpc.project.neighbors.queryOptions(neighborsInput(search, id), { placeholderData: keepPreviousData }),
  );
  const data = around.data;
  return (
    <Group
      justify="space-between"
      gap="xs"
      wrap="wrap"
      component="nav"
      aria-label={t('neighbors.label')}
      data-testid="neighbors"
    >
      <AnchorLink to="/projects" search={search} size="sm">
        ← {t('neighbors.back')}
      </AnchorLink>
      <Group gap="md" wrap="wrap">
        {data?.previous ? (
          <AnchorLink
            to="/projects/$id"
            params={{ id: data.previous.id }}
            search={search}
            size="sm"
            rel="prev"
            title={data.previous.title}
            maw={300}
            truncate="end"
            data-testid="previous"
          >
            ‹ {t('neighbors.previousTitle', { title: data.previous.title })}
          </AnchorLink>
        ) : (
          <Text size="sm" c="dimmed">
            ‹ {t('neighbors.previous')}
          </Text>
        )}
        <Text size="sm" c="dimmed" data-testid="position">
          {data?.position
            ? t('neighbors.position', {
                position: formatNumber(data.position, language),
                total: formatNumber(data.total, language),
              })
            : data
              ? t('neighbors.notInList')
              : ''}
        </Text>
        {data?.next ? (
          <AnchorLink
            to="/projects/$id"
            params={{ id: data.next.id }}
            search={search}
            size="sm"
            rel="next"
            title={data.next.title}
            maw={300}
            truncate="end"
            data-testid="next"
          >
            {t('neighbors.nextTitle', { title: data.next.title })} ›
          </AnchorLink>
        ) : (
          <Text size="sm" c="dimmed">
            {t('neighbors.next')} ›
          </Text>
        )}
      </Group>
    </Group>
  );
}
