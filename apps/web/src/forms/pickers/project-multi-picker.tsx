import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/Pill.css';
import '@mantine/core/styles/PillsInput.css';
import '@mantine/core/styles/ScrollArea.css';
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc } from '../../trpc.ts';
import { projectOption, withSelected } from './options.ts';
import { OptionWithDetail, SEARCH_DELAY_MS, useRemembered } from './picker-parts.tsx';

type Props = {
  label: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  description?: string;
};

/** Several projects, found by the same text search as /projects (title, original title, identifier). */
export function ProjectMultiPicker({ label, value, onChange, error, description }: Props) {
  const { t } = useLazyTranslation('pickers');
  const language = useLanguage();
  const [typed, setTyped] = useState('');
  const { known, remember } = useRemembered();
  const lookups = useQueries({
    queries: value
      .filter((id) => !known.has(id))
      .map((id) => ({ ...trpc.project.byId.queryOptions({ id }), staleTime: Number.POSITIVE_INFINITY })),
  });
  const looked = useMemo(() => {
    const map = new Map(known);
    for (const l of lookups) if (l.data) map.set(l.data.id, projectOption(l.data, language));
    return map;
  }, [known, lookups, language]);
  const [query] = useDebouncedValue(typed.trim(), SEARCH_DELAY_MS);
  const found = useQuery({
    ...trpc.project.list.queryOptions({ filter: { q: query || undefined }, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  const options = useMemo(
    () =>
      withSelected(
        (found.data?.rows ?? []).map((r) => projectOption(r, language)),
        value,
        looked,
        t('loading'),
      ),
    [found.data, value, looked, language, t],
  );
  const details = useMemo(() => new Map(options.map((o) => [o.value, o.detail])), [options]);
  return (
    <MultiSelect
      label={label}
      description={description}
      placeholder={value.length ? undefined : t('project.placeholder')}
      data={options}
      value={value}
      onChange={(ids) => {
        remember(options.filter((o) => ids.includes(o.value)));
        onChange(ids);
      }}
      searchable
      clearable
      searchValue={typed}
      onSearchChange={setTyped}
      filter={({ options: all }) => all}
      renderOption={({ option }) => (
        <OptionWithDetail label={option.label} detail={details.get(option.value)} />
      )}
      nothingFoundMessage={found.isFetching ? t('searching') : t('nothingFound')}
      error={error}
    />
  );
}
