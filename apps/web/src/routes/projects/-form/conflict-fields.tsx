import { Stack, Text } from '@mantine/core';
import {
  ACTIVITY_STATUS,
  ATTRIBUTION_BASES,
  countryName,
  INITIATIVES,
  LOCATION_PRECISIONS,
  label,
  ORGANIZATION_ROLES,
  sectorName,
} from '@srt/shared/codes';
import type { ProjectValues } from '@srt/shared/project';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { languageName } from '../../../components/language-name.ts';
import { formatDate, formatPercent } from '../../../format.ts';
import type { ConflictField } from '../../../forms/conflict.tsx';
import { organizationLabel } from '../../../forms/pickers/options.ts';
import type { Language } from '../../../i18n/index.ts';
import { trpc } from '../../../trpc.ts';

type T = (key: string, values?: Record<string, unknown>) => string;

function OrganizationName({ id }: { id: string }) {
  const { data } = useQuery({
    ...trpc.organization.forEdit.queryOptions({ id }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return <>{data ? organizationLabel(data.values) : id}</>;
}

function SourceTitle({ id }: { id: string }) {
  const { data } = useQuery({
    ...trpc.source.forEdit.queryOptions({ id }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return <>{data?.values.title ?? id}</>;
}

const empty = (t: T) => (
  <Text span c="dimmed">
    {t('forms:conflict.none')}
  </Text>
);

const lines = (items: ReactNode[], t: T) =>
  items.length === 0 ? (
    empty(t)
  ) : (
    <Stack gap={2}>
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list shown once
        <Text key={i} size="sm">
          {item}
        </Text>
      ))}
    </Stack>
  );

const share = (percentage: number | null | undefined, language: Language) =>
  percentage == null ? '' : ` — ${formatPercent(percentage, language)}`;

/** The project's fields as the conflict dialog shows them: labelled, with names instead of codes and ids. */
export function projectConflictFields(t: T, language: Language): ConflictField<ProjectValues>[] {
  const text = (value: unknown) =>
    value == null || value === '' ? (
      empty(t)
    ) : (
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
        {String(value)}
      </Text>
    );
  const date = (value: unknown) =>
    typeof value === 'string' && value ? formatDate(value, language) : empty(t);
  const field = <K extends keyof ProjectValues & string>(
    name: K,
    format: (value: ProjectValues[K]) => ReactNode,
  ): ConflictField<ProjectValues> => ({
    name,
    label: t(`fields.${name}`),
    format: (value) => format(value as ProjectValues[K]),
  });
  return [
    field('title', text),
    field('titleOriginal', text),
    field('titleLanguage', (v) => (v ? languageName(v, language) : empty(t))),
    field('description', text),
    field('status', (v) => (v == null ? empty(t) : label(ACTIVITY_STATUS, v, language))),
    field('plannedStart', date),
    field('plannedEnd', date),
    field('actualStart', date),
    field('actualEnd', date),
    field('countries', (rows) =>
      lines(
        rows.map((r) => `${countryName(r.country, language)}${share(r.percentage, language)}`),
        t,
      ),
    ),
    field('sectors', (rows) =>
      lines(
        rows.map((r) => `${r.sector} ${sectorName(r.sector, language)}${share(r.percentage, language)}`),
        t,
      ),
    ),
    field('initiatives', (rows) =>
      lines(
        rows.map((r) =>
          [label(INITIATIVES, r.initiative, language), label(ATTRIBUTION_BASES, r.basis, language), r.note]
            .filter(Boolean)
            .join(' · '),
        ),
        t,
      ),
    ),
    field('participants', (rows) =>
      lines(
        rows.map((r) => (
          <>
            <OrganizationName id={r.organizationId} /> — {label(ORGANIZATION_ROLES, r.role, language)}
          </>
        )),
        t,
      ),
    ),
    field('locations', (rows) =>
      lines(
        rows.map((r) =>
          [
            r.name,
            countryName(r.country, language),
            label(LOCATION_PRECISIONS, r.precision, language),
            r.lat != null && r.lon != null ? `${r.lat}, ${r.lon}` : null,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
        t,
      ),
    ),
    field('sources', (rows) =>
      lines(
        rows.map((r) => (
          <>
            <SourceTitle id={r.sourceId} />
            {r.quote ? ` — “${r.quote}”` : ''}
          </>
        )),
        t,
      ),
    ),
  ];
}
