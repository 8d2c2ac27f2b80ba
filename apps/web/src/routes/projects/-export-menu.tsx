import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/Radio.css';
import '@mantine/core/styles/ScrollArea.css';
import {
  Button,
  Checkbox,
  Group,
  Popover,
  Radio,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import {
  EXPORT_COLUMN_INFO,
  EXPORT_COLUMNS,
  EXPORT_FORMATS,
  EXPORT_VARIANTS,
  type ExportColumn,
  type ExportFormat,
  type ExportVariant,
  exportHref,
} from '@srt/shared/export';
import type { ProjectFilter } from '@srt/shared/filter';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';

/**
 * "Export" next to the result count of /projects: CSV or XLSX, one row per project / project-country /
 * funding transaction, and the columns (all by default). The download is a plain link built from the
 * current URL filter and language (`exportHref`), so the server streams exactly the rows the page counts,
 * and the link can be copied. Format, variant and column choice are remembered in localStorage.
 */

const isFormat = (v: unknown): v is ExportFormat => EXPORT_FORMATS.some((f) => f === v);
const isVariant = (v: unknown): v is ExportVariant => EXPORT_VARIANTS.some((f) => f === v);

/** The chosen columns of a variant from what was stored: unknown keys dropped, the shared order kept. */
export function chosenColumns(variant: ExportVariant, stored: readonly string[] | null): ExportColumn[] {
  const all: readonly ExportColumn[] = EXPORT_COLUMNS[variant];
  if (!stored) return [...all];
  return all.filter((c) => stored.includes(c));
}

/** The `columns` of the link: left out when every column is chosen (the server's default). */
export function columnsParam(variant: ExportVariant, chosen: readonly string[]): string[] | undefined {
  return chosen.length === EXPORT_COLUMNS[variant].length ? undefined : [...chosen];
}

type StoredColumns = Partial<Record<ExportVariant, string[]>>;

export function ExportMenu({ filter }: { filter: ProjectFilter }) {
  const { t } = useTranslation('export');
  const language = useLanguage();
  const id = useId();
  const [storedFormat, setFormat] = useLocalStorage<string>({
    key: 'srt.export.format',
    defaultValue: 'csv',
    getInitialValueInEffect: false,
  });
  const [storedVariant, setVariant] = useLocalStorage<string>({
    key: 'srt.export.variant',
    defaultValue: 'projects',
    getInitialValueInEffect: false,
  });
  const [storedColumns, setStoredColumns] = useLocalStorage<StoredColumns>({
    key: 'srt.export.columns',
    defaultValue: {},
    getInitialValueInEffect: false,
  });
  const format: ExportFormat = isFormat(storedFormat) ? storedFormat : 'csv';
  const variant: ExportVariant = isVariant(storedVariant) ? storedVariant : 'projects';
  const all: readonly ExportColumn[] = EXPORT_COLUMNS[variant];
  const chosen = chosenColumns(variant, storedColumns[variant] ?? null);
  const setChosen = (columns: readonly string[]) =>
    setStoredColumns((prev) => ({ ...prev, [variant]: chosenColumns(variant, columns) }));

  const href = exportHref({
    format,
    variant,
    columns: columnsParam(variant, chosen),
    lang: language,
    filter,
  });
  const none = chosen.length === 0;

  return (
    <Popover position="bottom-end" width={380} shadow="md" trapFocus returnFocus withinPortal keepMounted>
      <Popover.Target>
        <Button variant="default" size="xs" ml="auto" data-testid="export-open">
          {t('open')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-labelledby={`${id}-title`} role="dialog" data-testid="export-menu">
        <Stack gap="sm">
          <Text fw={600} id={`${id}-title`}>
            {t('title')}
          </Text>
          <Stack gap={4}>
            <Text size="sm" fw={500} id={`${id}-format`}>
              {t('format')}
            </Text>
            <SegmentedControl
              aria-labelledby={`${id}-format`}
              value={format}
              onChange={setFormat}
              data={EXPORT_FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }))}
              data-testid="export-format"
            />
          </Stack>
          <Radio.Group
            label={t('variant')}
            value={variant}
            onChange={setVariant}
            data-testid="export-variant"
          >
            <Stack gap={6} mt={6}>
              {EXPORT_VARIANTS.map((v) => (
                <Radio key={v} value={v} label={t(`variants.${v}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Stack gap={4}>
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={500} id={`${id}-columns`}>
                {t('columns', { chosen: chosen.length, total: all.length })}
              </Text>
              <Group gap={4}>
                <Button variant="subtle" size="compact-xs" onClick={() => setChosen(all)}>
                  {t('all')}
                </Button>
                <Button variant="subtle" size="compact-xs" onClick={() => setChosen([])}>
                  {t('none')}
                </Button>
              </Group>
            </Group>
            <ScrollArea.Autosize mah={220} type="auto" offsetScrollbars>
              <Checkbox.Group
                value={chosen}
                onChange={setChosen}
                aria-labelledby={`${id}-columns`}
                data-testid="export-columns"
              >
                <Stack gap={4} py={2}>
                  {all.map((column) => (
                    <Checkbox
                      key={column}
                      value={column}
                      size="xs"
                      label={EXPORT_COLUMN_INFO[column][language]}
                      description={column}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            </ScrollArea.Autosize>
          </Stack>
          {none ? (
            <Text size="sm" c="red.8" role="alert">
              {t('chooseColumn')}
            </Text>
          ) : (
            <Button component="a" href={href} download data-testid="export-download">
              {t('download', { format: t(`formats.${format}`) })}
            </Button>
          )}
          <Text size="xs" c="dimmed">
            {t('hint')}
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
