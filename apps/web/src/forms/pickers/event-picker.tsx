import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/ScrollArea.css';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc } from '../../trpc.ts';
import { eventOption, withSelected } from './options.ts';
import { OptionWithDetail, SEARCH_DELAY_MS, useRemembered } from './picker-parts.tsx';

type Props = {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  description?: string;
};

/** One event (e.g. the forum a pledge was made at), searched on the server by title and place, newest first. */
export function EventPicker({ label, value, onChange, error, description }: Props) {
  const { t } = useLazyTranslation('pickers');
  const language = useLanguage();
  const [typed, setTyped] = useState('');
  const { known, remember } = useRemembered();
  const lookup = useQuery({
    ...trpc.event.byId.queryOptions({ id: value ?? '' }),
    enabled: Boolean(value) && !known.has(value ?? ''),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const selected = useMemo(() => (value ? [value] : []), [value]);
  const looked = useMemo(() => {
    const map = new Map(known);
    if (lookup.data) map.set(lookup.data.id, eventOption(lookup.data, language));
    return map;
  }, [known, lookup.data, language]);
  // After a choice the input shows the event's title: that text is not a search.
  const chosenText = value !== null && looked.get(value)?.label === typed;
  const [query] = useDebouncedValue(chosenText ? '' : typed.trim(), SEARCH_DELAY_MS);
  const found = useQuery({
    ...trpc.event.list.queryOptions({ q: query || undefined, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  const options = useMemo(
    () =>
      withSelected(
        (found.data?.rows ?? []).map((r) => eventOption(r, language)),
        selected,
        looked,
        t('loading'),
      ),
    [found.data, selected, looked, language, t],
  );
  const details = useMemo(() => new Map(options.map((o) => [o.value, o.detail])), [options]);
  return (
    <Select
      label={label}
      description={description}
      placeholder={t('event.placeholder')}
      data={options}
      value={value}
      onChange={(id, option) => {
        if (option)
          remember([{ value: option.value, label: option.label, detail: details.get(option.value) }]);
        onChange(id);
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
