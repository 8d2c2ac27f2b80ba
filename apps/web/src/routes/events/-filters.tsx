import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/Pill.css';
import '@mantine/core/styles/PillsInput.css';
import '@mantine/core/styles/ScrollArea.css';
import { Button, Group, MultiSelect, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDebouncedValue } from '@mantine/hooks';
import {
  COUNTRY_CODES,
  countryName,
  EVENT_TYPE_CODES,
  EVENT_TYPES,
  type EventType,
  label,
} from '@srt/shared/codes';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/index.ts';
import { trpc } from '../../trpc.ts';
import { activeEventFilters, type EventsSearch } from './-search.ts';

type Props = {
  search: EventsSearch;
  onChange: (patch: Partial<EventsSearch>) => void;
  onClear: () => void;
  language: Language;
};

const isEventType = (value: string): value is EventType => EVENT_TYPE_CODES.some((c) => c === value);

/** Type, country, date range, project and text: each change is a new URL (shareable, back/forward). */
export function EventFilters({ search, onChange, onClear, language }: Props) {
  const { t } = useTranslation('events');
  const typeOptions = useMemo(
    () => EVENT_TYPE_CODES.map((code) => ({ value: code, label: label(EVENT_TYPES, code, language) })),
    [language],
  );
  const countryOptions = useMemo(
    () =>
      COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, language) })).sort((a, b) =>
        a.label.localeCompare(b.label, language),
      ),
    [language],
  );

  // Text is typed into local state and written to the URL when the typing pauses.
  const [text, setText] = useState(search.q ?? '');
  useEffect(() => setText(search.q ?? ''), [search.q]);
  const commitText = useDebouncedCallback((value: string) => onChange({ q: value.trim() || undefined }), 400);

  return (
    <Paper withBorder p="sm" component="section" aria-label={t('filters.label')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <TextInput
          label={t('filters.q')}
          placeholder={t('filters.qPlaceholder')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            commitText(e.currentTarget.value);
          }}
          data-testid="filter-q"
        />
        <MultiSelect
          label={t('filters.types')}
          placeholder={search.types?.length ? undefined : t('filters.any')}
          data={typeOptions}
          value={search.types ?? []}
          onChange={(values) => onChange({ types: values.filter(isEventType) })}
          clearable
          data-testid="filter-types"
        />
        <MultiSelect
          label={t('filters.countries')}
          placeholder={search.countries?.length ? undefined : t('filters.any')}
          data={countryOptions}
          value={search.countries ?? []}
          onChange={(values) => onChange({ countries: values })}
          searchable
          clearable
          nothingFoundMessage={t('filters.nothingFound')}
          data-testid="filter-countries"
        />
        <Group grow gap="xs" align="flex-start">
          <TextInput
            type="date"
            label={t('filters.from')}
            value={search.from ?? ''}
            max={search.to}
            onChange={(e) => onChange({ from: e.currentTarget.value || undefined })}
            data-testid="filter-from"
          />
          <TextInput
            type="date"
            label={t('filters.to')}
            value={search.to ?? ''}
            min={search.from}
            onChange={(e) => onChange({ to: e.currentTarget.value || undefined })}
            data-testid="filter-to"
          />
        </Group>
        <ProjectSelect value={search.project} onChange={(project) => onChange({ project })} />
        <Group align="flex-end">
          <Button variant="default" onClick={onClear} disabled={activeEventFilters(search) === 0}>
            {t('common:actions.clearFilters')}
          </Button>
        </Group>
      </SimpleGrid>
    </Paper>
  );
}

/** A project picked by searching titles on the server (the same text search as /projects). */
function ProjectSelect({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation('events');
  const [typed, setTyped] = useState('');
  const [query] = useDebouncedValue(typed.trim(), 300);
  const found = useQuery({
    ...trpc.project.list.queryOptions({ filter: { q: query }, limit: 20 }),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
  });
  const chosen = useQuery({
    ...trpc.project.byId.queryOptions({ id: value ?? '' }),
    enabled: Boolean(value),
  });
  const options = useMemo(() => {
    const list = (query.length >= 2 ? (found.data?.rows ?? []) : []).map((r) => ({
      value: r.id,
      label: r.title,
    }));
    if (value && !list.some((o) => o.value === value))
      list.unshift({ value, label: chosen.data?.title ?? t('filters.projectLoading') });
    return list;
  }, [found.data, query, value, chosen.data, t]);
  return (
    <Select
      label={t('filters.project')}
      placeholder={t('filters.projectPlaceholder')}
      data={options}
      value={value ?? null}
      onChange={(id) => onChange(id ?? undefined)}
      searchable
      clearable
      onSearchChange={setTyped}
      filter={({ options: all }) => all}
      nothingFoundMessage={query.length >= 2 ? t('filters.nothingFound') : t('filters.typeToSearch')}
      data-testid="filter-project"
    />
  );
}
