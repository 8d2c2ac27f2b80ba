import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/Pill.css';
import '@mantine/core/styles/PillsInput.css';
import '@mantine/core/styles/ScrollArea.css';
import { Button, MultiSelect, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc } from '../../trpc.ts';
import { organizationOption, type PickerOption, withSelected } from './options.ts';
import { OrganizationCreateModal } from './organization-create.tsx';
import { OptionWithDetail, SEARCH_DELAY_MS, useRemembered } from './picker-parts.tsx';

/**
 * Organisations found on the server for the typed text (name, local name or acronym), with the chosen
 * ones always among the options — named from a lookup when the search did not bring them.
 */
function useOrganizationOptions(selected: readonly string[]) {
  const { t } = useLazyTranslation('pickers');
  const language = useLanguage();
  const [typed, setSearch] = useState('');
  // The select empties its search when it loses focus (e.g. to "Create new organisation"): the last
  // text typed is kept to start the new organisation's name from.
  const [lastTyped, setLastTyped] = useState('');
  const setTyped = useCallback((text: string) => {
    setSearch(text);
    if (text.trim()) setLastTyped(text.trim());
  }, []);
  const forgetTyped = useCallback(() => setLastTyped(''), []);
  const { known, remember } = useRemembered();
  const lookups = useQueries({
    queries: selected
      .filter((id) => !known.has(id))
      .map((id) => ({
        ...trpc.organization.forEdit.queryOptions({ id }),
        staleTime: Number.POSITIVE_INFINITY,
      })),
  });
  const looked = useMemo(() => {
    const map = new Map(known);
    for (const l of lookups)
      if (l.data) map.set(l.data.id, organizationOption({ id: l.data.id, ...l.data.values }, language));
    return map;
  }, [known, lookups, language]);
  // The input shows the chosen name after a choice: that text is not a search.
  const chosenText = selected.some((id) => looked.get(id)?.label === typed);
  const [query] = useDebouncedValue(chosenText ? '' : typed.trim(), SEARCH_DELAY_MS);
  const found = useQuery({
    ...trpc.organization.list.queryOptions({ q: query || undefined, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  const options = useMemo(
    () =>
      withSelected(
        (found.data?.rows ?? []).map((r) => organizationOption(r, language)),
        selected,
        looked,
        t('loading'),
      ),
    [found.data, selected, looked, language, t],
  );
  const details = useMemo(() => new Map(options.map((o) => [o.value, o.detail])), [options]);
  const nothingFound = found.isFetching ? t('searching') : t('nothingFound');
  return {
    typed: selected.some((id) => looked.get(id)?.label === lastTyped) ? '' : lastTyped,
    search: typed,
    /** After a creation: the typed name is used up. */
    forgetTyped,
    setTyped,
    options,
    details,
    remember,
    nothingFound,
  };
}

type PickerProps = {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  required?: boolean;
  description?: string;
};

/** One organisation, searched on the server, or a new one created on the spot. */
export function OrganizationPicker({ label, value, onChange, error, required, description }: PickerProps) {
  const { t } = useLazyTranslation('pickers');
  const selected = useMemo(() => (value ? [value] : []), [value]);
  const o = useOrganizationOptions(selected);
  const [creating, setCreating] = useState(false);
  const created = useCallback(
    (option: PickerOption) => {
      o.remember([option]);
      o.forgetTyped();
      onChange(option.value);
      setCreating(false);
    },
    [o.remember, o.forgetTyped, onChange],
  );
  return (
    <Stack gap={4}>
      <Select
        label={label}
        description={description}
        required={required}
        placeholder={t('organization.placeholder')}
        data={o.options}
        value={value}
        onChange={(id, option) => {
          if (option)
            o.remember([{ value: option.value, label: option.label, detail: o.details.get(option.value) }]);
          onChange(id);
        }}
        searchable
        clearable={!required}
        searchValue={o.search}
        onSearchChange={o.setTyped}
        filter={({ options }) => options}
        renderOption={({ option }) => (
          <OptionWithDetail label={option.label} detail={o.details.get(option.value)} />
        )}
        nothingFoundMessage={o.nothingFound}
        error={error}
      />
      <Button
        variant="subtle"
        size="compact-sm"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => setCreating(true)}
        aria-label={t('organization.createFor', { label })}
      >
        {t('organization.createNew')}
      </Button>
      <OrganizationCreateModal
        opened={creating}
        initialName={o.typed}
        onClose={() => setCreating(false)}
        onCreated={created}
      />
    </Stack>
  );
}

type MultiPickerProps = {
  label: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  description?: string;
};

/** Several organisations (an event's participants), searched on the server, or new ones created inline. */
export function OrganizationMultiPicker({ label, value, onChange, error, description }: MultiPickerProps) {
  const { t } = useLazyTranslation('pickers');
  const o = useOrganizationOptions(value);
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap={4}>
      <MultiSelect
        label={label}
        description={description}
        placeholder={value.length ? undefined : t('organization.placeholder')}
        data={o.options}
        value={value}
        onChange={(ids) => {
          o.remember(o.options.filter((option) => ids.includes(option.value)));
          onChange(ids);
        }}
        searchable
        clearable
        searchValue={o.search}
        onSearchChange={o.setTyped}
        filter={({ options }) => options}
        renderOption={({ option }) => (
          <OptionWithDetail label={option.label} detail={o.details.get(option.value)} />
        )}
        nothingFoundMessage={o.nothingFound}
        error={error}
      />
      <Button
        variant="subtle"
        size="compact-sm"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => setCreating(true)}
        aria-label={t('organization.createFor', { label })}
      >
        {t('organization.createNew')}
      </Button>
      <OrganizationCreateModal
        opened={creating}
        initialName={o.typed}
        onClose={() => setCreating(false)}
        onCreated={(option) => {
          o.remember([option]);
          o.forgetTyped();
          onChange([...value, option.value]);
          setCreating(false);
        }}
      />
    </Stack>
  );
}
