import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/ScrollArea.css';
import '@mantine/core/styles/Fieldset.css';
import {
  Anchor,
  Badge,
  Button,
  CloseButton,
  Fieldset,
  Group,
  Input,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { label as codeLabel, SOURCE_KINDS } from '@srt/shared/codes';
import type { SourceRef } from '@srt/shared/write';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useState } from 'react';
import { isWebUrl, languageName } from '../../components/language-name.ts';
import { formatDate } from '../../format.ts';
import type { Language } from '../../i18n/index.ts';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { trpc } from '../../trpc.ts';
import type { PickerOption } from './options.ts';
import { OptionWithDetail, SEARCH_DELAY_MS } from './picker-parts.tsx';
import { SourceCreateModal, type SourceInfo } from './source-create.tsx';

type Props = {
  value: SourceRef[];
  onChange: (refs: SourceRef[]) => void;
  error?: string | undefined;
  /** The legend; "Sources" when not given. */
  label?: string;
};

/** "Publisher · 21 April 2018 · in Thai": what tells one source from another. */
function sourceDetail(
  s: Omit<SourceInfo, 'id' | 'title' | 'url' | 'kind'>,
  language: Language,
  t: (key: string, values?: Record<string, string>) => string,
) {
  return [
    s.publisher,
    s.publishedDate ? formatDate(s.publishedDate, language) : null,
    s.language ? t('source.inLanguage', { language: languageName(s.language, language) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The sources a record cites: search the existing ones and cite one, or add a new one on the spot; each
 * cited source can carry the quote that supports the record, and can be removed again.
 */
export function SourcesField({ value, onChange, error, label }: Props) {
  const { t } = useLazyTranslation('pickers');
  const language = useLanguage();
  const errorId = useId();
  const [typed, setSearch] = useState('');
  // The select empties its search when it loses focus (e.g. to "Add new source"): the last text typed
  // is kept to start the new source from.
  const [lastTyped, setLastTyped] = useState('');
  const setTyped = useCallback((text: string) => {
    setSearch(text);
    if (text.trim()) setLastTyped(text.trim());
  }, []);
  const [creating, setCreating] = useState(false);
  const [known, setKnown] = useState<ReadonlyMap<string, SourceInfo>>(() => new Map());
  const remember = useCallback((source: SourceInfo) => {
    setKnown((previous) => new Map(previous).set(source.id, source));
  }, []);
  const cited = useMemo(() => new Set(value.map((r) => r.sourceId)), [value]);

  // Sources cited before this form opened (an edit): named from a lookup.
  const lookups = useQueries({
    queries: value
      .filter((r) => !known.has(r.sourceId))
      .map((r) => ({
        ...trpc.source.forEdit.queryOptions({ id: r.sourceId }),
        staleTime: Number.POSITIVE_INFINITY,
      })),
  });
  const infos = useMemo(() => {
    const map = new Map(known);
    for (const l of lookups)
      if (l.data) map.set(l.data.id, { id: l.data.id, ...l.data.values } as SourceInfo);
    return map;
  }, [known, lookups]);

  const [query] = useDebouncedValue(typed.trim(), SEARCH_DELAY_MS);
  const found = useQuery({
    ...trpc.source.list.queryOptions({ q: query || undefined, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  const rows = found.data?.rows ?? [];
  const options: PickerOption[] = rows
    .filter((r) => !cited.has(r.id))
    .map((r) => ({
      value: r.id,
      label: r.title,
      detail: [codeLabel(SOURCE_KINDS, r.kind, language), sourceDetail(r, language, t)]
        .filter(Boolean)
        .join(' · '),
    }));
  const details = new Map(options.map((o) => [o.value, o.detail]));

  const cite = (source: SourceInfo) => {
    remember(source);
    if (!cited.has(source.id)) onChange([...value, { sourceId: source.id, quote: null }]);
    setSearch('');
    setLastTyped('');
  };
  const setQuote = (sourceId: string, quote: string) =>
    onChange(value.map((r) => (r.sourceId === sourceId ? { ...r, quote: quote === '' ? null : quote } : r)));
  const remove = (sourceId: string) => onChange(value.filter((r) => r.sourceId !== sourceId));

  return (
    <Fieldset
      legend={label ?? t('source.legend')}
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
      data-testid="sources-field"
    >
      <Stack gap="sm">
        {value.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('source.noneCited')}
          </Text>
        ) : (
          <Stack
            component="ol"
            gap="xs"
            pl={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('source.cited')}
          >
            {value.map((ref) => {
              const info = infos.get(ref.sourceId);
              const title = info?.title ?? t('loading');
              return (
                <Paper component="li" key={ref.sourceId} withBorder p="xs" data-testid="cited-source">
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                    <Stack gap={2} style={{ minWidth: 0 }}>
                      {info && isWebUrl(info.url) ? (
                        <Anchor href={info.url} target="_blank" rel="noopener noreferrer" size="sm" fw={500}>
                          {title}
                        </Anchor>
                      ) : (
                        <Text size="sm" fw={500}>
                          {title}
                        </Text>
                      )}
                      {info && (
                        <Group gap="xs">
                          <Badge size="xs" variant="light" color="gray">
                            {codeLabel(SOURCE_KINDS, info.kind, language)}
                          </Badge>
                          <Text size="xs" c="dimmed">
                            {sourceDetail(info, language, t)}
                          </Text>
                        </Group>
                      )}
                    </Stack>
                    <CloseButton
                      aria-label={t('source.remove', { title })}
                      onClick={() => remove(ref.sourceId)}
                    />
                  </Group>
                  <Textarea
                    mt={6}
                    size="xs"
                    label={t('source.quote')}
                    placeholder={t('source.quotePlaceholder')}
                    autosize
                    minRows={1}
                    maxRows={6}
                    value={ref.quote ?? ''}
                    onChange={(e) => setQuote(ref.sourceId, e.currentTarget.value)}
                  />
                </Paper>
              );
            })}
          </Stack>
        )}
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            style={{ flex: '1 1 320px' }}
            label={t('source.search')}
            placeholder={t('source.searchPlaceholder')}
            data={options}
            value={null}
            onChange={(id) => {
              const row = rows.find((r) => r.id === id);
              if (row) cite(row);
            }}
            searchable
            searchValue={typed}
            onSearchChange={setTyped}
            filter={({ options: all }) => all}
            renderOption={({ option }) => (
              <OptionWithDetail label={option.label} detail={details.get(option.value)} />
            )}
            nothingFoundMessage={found.isFetching ? t('searching') : t('nothingFound')}
          />
          <Button variant="light" onClick={() => setCreating(true)}>
            {t('source.createNew')}
          </Button>
        </Group>
        {error && <Input.Error id={errorId}>{error}</Input.Error>}
      </Stack>
      <SourceCreateModal
        opened={creating}
        initialText={lastTyped}
        onClose={() => setCreating(false)}
        onCreated={(source) => {
          cite(source);
          setCreating(false);
        }}
      />
    </Fieldset>
  );
}
