import '@mantine/core/styles/Spoiler.css';
import { Spoiler, Stack, Table, Text } from '@mantine/core';
import type { FieldChange, Json } from '@srt/shared/diff';
import { useLazyTranslation } from '../i18n/lazy.ts';
import { type FormatContext, formatItem, formatValue } from './format-change.ts';
import classes from './history.module.css';

type Props = { changes: FieldChange[]; context: FormatContext };

/** Long texts (descriptions run to pages) fold; the whole text stays in the page. */
const LONG = 240;

/**
 * One audit entry's changes as a table: a row per field, its old value beside the new one. Lists of
 * child rows show the items added, removed and changed, each on its own line.
 */
export function ChangeTable({ changes, context }: Props) {
  const { t } = useLazyTranslation('history');
  const fields = t('fields', { returnObjects: true }) as Record<string, string>;
  const fieldLabel = (field: string) =>
    fields[field] ??
    field
      .split('.')
      .map((part) => fields[part] ?? part)
      .join(' › ');

  return (
    <Table withTableBorder={false} verticalSpacing={4} className={classes.table} data-testid="change-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">{t('entry.field')}</Table.Th>
          <Table.Th w="39%">{t('entry.before')}</Table.Th>
          <Table.Th w="39%">{t('entry.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={change.field} data-field={change.field} data-testid="change">
            <Table.Th scope="row" fw={500}>
              <Text size="sm" fw={500}>
                {fieldLabel(change.field)}
              </Text>
            </Table.Th>
            {change.kind === 'value' ? (
              <>
                <Table.Td data-testid="before">
                  <Value
                    field={change.field}
                    value={change.before}
                    context={
                      change.field === 'amount'
                        ? { ...context, currency: currencyOf(changes, 'before', context) }
                        : context
                    }
                  />
                </Table.Td>
                <Table.Td data-testid="after">
                  <Value
                    field={change.field}
                    value={change.after}
                    context={
                      change.field === 'amount'
                        ? { ...context, currency: currencyOf(changes, 'after', context) }
                        : context
                    }
                  />
                </Table.Td>
              </>
            ) : (
              <>
                <Table.Td data-testid="before">
                  <Stack gap={2}>
                    {change.removed.map((item, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: items have no id of their own
                      <Text key={i} size="sm" className={classes.removed}>
                        <span className={classes.sign}>{t('entry.removed')}: </span>
                        {formatItem(change.field, item, context)}
                      </Text>
                    ))}
                    {change.changed.map((item) => (
                      <Text key={item.key} size="sm">
                        {formatItem(change.field, item.before, context)}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td data-testid="after">
                  <Stack gap={2}>
                    {change.added.map((item, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: items have no id of their own
                      <Text key={i} size="sm" className={classes.added}>
                        <span className={classes.sign}>{t('entry.added')}: </span>
                        {formatItem(change.field, item, context)}
                      </Text>
                    ))}
                    {change.changed.map((item) => (
                      <Text key={item.key} size="sm">
                        <span className={classes.sign}>{t('entry.changedItem')}: </span>
                        {formatItem(change.field, item.after, context)}
                        <Text span size="xs" c="dimmed" display="block">
                          {item.fields
                            .map((f) =>
                              t('entry.changeOf', {
                                field: fieldLabel(f.field),
                                before: formatValue(f.field, f.before, context) || t('entry.notSet'),
                                after: formatValue(f.field, f.after, context) || t('entry.notSet'),
                              }),
                            )
                            .join('; ')}
                        </Text>
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One value, "not set" when empty; long texts fold. */
function Value({ field, value, context }: { field: string; value: Json; context: FormatContext }) {
  const { t } = useLazyTranslation('history');
  const text = formatValue(field, value, context);
  if (!text)
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        {t('entry.notSet')}
      </Text>
    );
  const body = (
    <Text span size="sm" className={classes.value}>
      {text}
    </Text>
  );
  return text.length > LONG ? (
    <Spoiler maxHeight={66} showLabel={t('entry.showMore')} hideLabel={t('entry.showLess')}>
      {body}
    </Spoiler>
  ) : (
    body
  );
}

/** The currency an amount was in on one side: the entry's own currency change, else the record's. */
function currencyOf(changes: FieldChange[], side: 'before' | 'after', context: FormatContext) {
  const change = changes.find((c) => c.field === 'currency');
  const value = change?.kind === 'value' ? change[side] : null;
  return typeof value === 'string' ? value : (context.currency ?? null);
}
