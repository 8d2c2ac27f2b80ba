import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/Pill.css';
import '@mantine/core/styles/PillsInput.css';
import '@mantine/core/styles/NumberInput.css';
import '@mantine/core/styles/ScrollArea.css';
import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import type { ProjectFilter } from '@srt/shared/filter';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activeFilterCount } from '../../filter/search.ts';
import type { Language } from '../../i18n/index.ts';
import type { trpc } from '../../trpc.ts';
import {
  countryOptions,
  funderOptions,
  initiativeOptions,
  type Option,
  type OptionGroup,
  qualityOptions,
  sectorOptions,
  statusOptions,
} from './-options.ts';
import classes from './projects.module.css';

export type Facets = inferOutput<typeof trpc.project.facets>;

type Props = {
  filter: ProjectFilter;
  facets: Facets | undefined;
  /** The counts are the previous filter's (or not there yet): options show them as updating. */
  countsStale?: boolean;
  onChange: (patch: Partial<ProjectFilter>) => void;
  onClear: () => void;
  language: Language;
};

const MIN_YEAR = 1950;
const MAX_YEAR = 2100;
const SEARCH_DELAY_MS = 350;

/** Every field of the shared filter; each change goes straight to the URL. */
/** Memoised: it re-renders when the filter, the facets or the language change, not on every query state. */
export const FilterPanel = memo(function FilterPanel({
  filter,
  facets,
  countsStale = false,
  onChange,
  onClear,
  language,
}: Props) {
  const { t } = useTranslation('projects');
  const active = activeFilterCount(filter);

  const countries = useMemo(
    () =>
      countryOptions(facets?.countries, filter.countries ?? [], language).map((g) => ({
        ...g,
        group: t(g.group === 'focus' ? 'filters.countryFocus' : 'filters.countryOther'),
      })),
    [facets, filter.countries, language, t],
  );
  const sectors = useMemo(
    () =>
      sectorOptions(facets?.sectorCategories, facets?.sectors, filter.sectors ?? [], language, (name) =>
        t('filters.sectorAll', { name }),
      ),
    [facets, filter.sectors, language, t],
  );
  const basisCount = (basis: string) =>
    countsStale ? undefined : facets?.initiativeBases.find((b) => b.code === basis)?.count;

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="filters-title"
      data-counts-stale={countsStale || undefined}
    >
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5" id="filters-title">
          {t('filters.title')}
        </Title>
        <Group gap="xs">
          {active > 0 && (
            <Text size="sm" c="dimmed">
              {t('filters.active', { count: active })}
            </Text>
          )}
          <Button variant="subtle" size="compact-sm" onClick={onClear} disabled={active === 0}>
            {t('common:actions.clearFilters')}
          </Button>
        </Group>
      </Group>
      <SearchBox value={filter.q} onCommit={(q) => onChange({ q })} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" mt="sm" className={classes.grid}>
        <FacetSelect
          label={t('filters.countries')}
          data={countries}
          value={filter.countries ?? []}
          onChange={(countries) => onChange({ countries })}
          testId="filter-countries"
          countsStale={countsStale}
        />
        <FacetSelect
          label={t('filters.initiatives')}
          data={initiativeOptions(facets?.initiatives, language)}
          value={filter.initiatives ?? []}
          onChange={(values) =>
            onChange({
              initiatives: values.filter((v): v is 'bri' | 'unido' => v === 'bri' || v === 'unido'),
            })
          }
          testId="filter-initiatives"
          countsStale={countsStale}
        />
        <BasisControl
          value={filter.initiativeBasis}
          onChange={(initiativeBasis) => onChange({ initiativeBasis })}
          counts={{ official: basisCount('official'), assessed: basisCount('assessed') }}
        />
        <FacetSelect
          label={t('filters.sectors')}
          data={sectors}
          value={filter.sectors ?? []}
          onChange={(sectors) => onChange({ sectors })}
          testId="filter-sectors"
          countsStale={countsStale}
        />
        <FacetSelect
          label={t('filters.statuses')}
          data={statusOptions(facets?.statuses, language)}
          value={(filter.statuses ?? []).map(String)}
          onChange={(values) =>
            onChange({
              statuses: values.map(Number).filter((n): n is 1 | 2 | 3 | 4 | 5 | 6 => n >= 1 && n <= 6),
            })
          }
          testId="filter-statuses"
          countsStale={countsStale}
        />
        <FacetSelect
          label={t('filters.funders')}
          data={funderOptions(facets?.funders)}
          value={filter.funders ?? []}
          onChange={(funders) => onChange({ funders })}
          testId="filter-funders"
          countsStale={countsStale}
        />
        <YearRange
          from={filter.yearFrom}
          to={filter.yearTo}
          span={facets?.years}
          onChange={(yearFrom, yearTo) => onChange({ yearFrom, yearTo })}
        />
        <Select
          label={t('filters.minQuality')}
          data={qualityOptions(filter.minQuality, t)}
          value={String(filter.minQuality ?? 0)}
          onChange={(value) => onChange({ minQuality: value && value !== '0' ? Number(value) : undefined })}
          allowDeselect={false}
          data-testid="filter-quality"
        />
      </SimpleGrid>
    </Paper>
  );
});

type FacetSelectProps = {
  label: string;
  data: Option[] | OptionGroup[];
  value: string[];
  onChange: (value: string[]) => void;
  testId: string;
  countsStale: boolean;
};

/** A searchable multi-select whose options show how many projects each would select. */
function FacetSelect({ label, data, value, onChange, testId, countsStale }: FacetSelectProps) {
  const { t } = useTranslation('projects');
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const entry of data) {
      for (const o of 'items' in entry ? entry.items : [entry]) map.set(o.value, o.count);
    }
    return map;
  }, [data]);
  const items = data.map((entry) =>
    'items' in entry
      ? { group: entry.group, items: entry.items.map(({ value, label }) => ({ value, label })) }
      : { value: entry.value, label: entry.label },
  );
  return (
    <MultiSelect
      label={label}
      placeholder={value.length === 0 ? t('filters.pick') : undefined}
      data={items}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage={t('filters.nothingFound')}
      maxDropdownHeight={320}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
      renderOption={({ option }) => (
        <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
          <Text size="sm">{option.label}</Text>
          {countsStale ? (
            <Text
              size="xs"
              c="dimmed"
              aria-label={t('filters.countsUpdating')}
              title={t('filters.countsUpdating')}
            >
              …
            </Text>
          ) : (
            <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {counts.get(option.value) ?? 0}
            </Text>
          )}
        </Group>
      )}
    />
  );
}

/** Text search, sent to the URL once the user pauses typing (or presses Enter). */
function SearchBox({
  value,
  onCommit,
}: {
  value: string | undefined;
  onCommit: (q: string | undefined) => void;
}) {
  const { t } = useTranslation('projects');
  const [text, setText] = useState(value ?? '');
  const commit = useDebouncedCallback((next: string) => onCommit(next.trim() || undefined), SEARCH_DELAY_MS);
  // Back/forward or "clear filters" changed the URL: show what it holds now.
  useEffect(() => {
    setText((current) => (current.trim() === (value ?? '') ? current : (value ?? '')));
  }, [value]);
  return (
    <TextInput
      type="search"
      label={t('filters.search')}
      description={t('filters.searchHint')}
      placeholder={t('filters.searchPlaceholder')}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          commit.cancel();
          onCommit(text.trim() || undefined);
        }
      }}
      maxLength={200}
      data-testid="filter-search"
    />
  );
}

type Basis = ProjectFilter['initiativeBasis'];

function BasisControl({
  value,
  onChange,
  counts,
}: {
  value: Basis;
  onChange: (basis: Basis) => void;
  counts: { official: number | undefined; assessed: number | undefined };
}) {
  const { t } = useTranslation('projects');
  const withCount = (text: string, count: number | undefined) =>
    count === undefined ? text : `${text} (${count})`;
  return (
    <Select
      label={t('filters.basis')}
      description={t('filters.basisHint')}
      value={value ?? 'all'}
      onChange={(next) => onChange(next === 'official' || next === 'assessed' ? next : undefined)}
      allowDeselect={false}
      data={[
        { value: 'all', label: t('filters.basisAll') },
        { value: 'official', label: withCount(t('filters.basisOfficial'), counts.official) },
        { value: 'assessed', label: withCount(t('filters.basisAssessed'), counts.assessed) },
      ]}
      data-testid="filter-basis"
    />
  );
}

/** From/to years, applied when the field is left or Enter is pressed, and only when they make a range. */
function YearRange({
  from,
  to,
  span,
  onChange,
}: {
  from: number | undefined;
  to: number | undefined;
  span: { min: number | null; max: number | null } | undefined;
  onChange: (from: number | undefined, to: number | undefined) => void;
}) {
  const { t } = useTranslation('projects');
  const [draft, setDraft] = useState<{ from: string | number; to: string | number }>({
    from: from ?? '',
    to: to ?? '',
  });
  useEffect(() => setDraft({ from: from ?? '', to: to ?? '' }), [from, to]);

  const parse = (v: string | number) => (v === '' ? undefined : Number(v));
  const inRange = (v: number | undefined) =>
    v === undefined || (Number.isInteger(v) && v >= MIN_YEAR && v <= MAX_YEAR);
  const f = parse(draft.from);
  const tYear = parse(draft.to);
  const rangeError = !inRange(f) || !inRange(tYear) ? t('filters.yearRange') : undefined;
  const orderError =
    !rangeError && f !== undefined && tYear !== undefined && f > tYear ? t('filters.yearOrder') : undefined;
  const apply = () => {
    if (rangeError || orderError) return;
    if (f !== from || tYear !== to) onChange(f, tYear);
  };
  const common = {
    min: MIN_YEAR,
    max: MAX_YEAR,
    allowDecimal: false,
    allowNegative: false,
    thousandSeparator: false as const,
    hideControls: true,
    onBlur: apply,
    onKeyDown: (event: React.KeyboardEvent) => {
      if (event.key === 'Enter') apply();
    },
  };
  return (
    <Group grow gap="xs" align="flex-start">
      <NumberInput
        {...common}
        label={t('filters.yearFrom')}
        placeholder={span?.min ? String(span.min) : undefined}
        value={draft.from}
        onChange={(v) => setDraft((d) => ({ ...d, from: v }))}
        error={rangeError && !inRange(f) ? rangeError : undefined}
        data-testid="filter-year-from"
      />
      <NumberInput
        {...common}
        label={t('filters.yearTo')}
        placeholder={span?.max ? String(span.max) : undefined}
        value={draft.to}
        onChange={(v) => setDraft((d) => ({ ...d, to: v }))}
        error={orderError ?? (rangeError && !inRange(tYear) ? rangeError : undefined)}
        data-testid="filter-year-to"
      />
    </Group>
  );
}
