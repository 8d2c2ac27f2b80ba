import { Button, Group, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import './form-styles.ts';
import { type ReactNode, useMemo, useState } from 'react';
import { useLazyTranslation } from '../i18n/lazy.ts';
import { type Choice, differingFields, initialChoices, mergeChoices, readable } from './conflict-merge.ts';

export type ConflictField<V> = {
  name: keyof V & string;
  label: string;
  /** The value as a person reads it (names instead of ids, "45 %" …); default: `readable`. */
  format?: (value: V[keyof V], values: V) => ReactNode;
};

type Props<V extends object> = {
  /** The values that were being saved. */
  mine: V;
  /** The values of the version someone else saved (`error.data.current.values`). */
  theirs: V;
  /** The values the form was opened at: a field only they changed defaults to theirs. */
  base?: V;
  /** The fields to show, in order, with a label and a formatter… */
  fields?: ConflictField<V>[];
  /** …or just labels (fields without a formatter). */
  labels?: Partial<Record<keyof V & string, string>>;
  /** The merged values; the caller saves them against the new version. */
  onResolve: (values: V) => void;
  onCancel?: () => void;
};

/**
 * Shown when a save gets CONFLICT: for each field that differs, the other person's value beside yours,
 * with a choice per field. Mount it while there is a conflict (it is a modal that is open when mounted).
 */
export function ConflictResolver<V extends object>({
  mine,
  theirs,
  base,
  fields,
  labels,
  onResolve,
  onCancel,
}: Props<V>) {
  const { t } = useLazyTranslation('forms');
  const shown = useMemo<ConflictField<V>[]>(() => {
    const all =
      fields ??
      (Object.entries(labels ?? {}) as [keyof V & string, string][]).map(([name, label]) => ({
        name,
        label,
      }));
    const differing = new Set(
      differingFields(
        mine,
        theirs,
        all.map((f) => f.name),
      ),
    );
    return all.filter((f) => differing.has(f.name));
  }, [fields, labels, mine, theirs]);
  const [choices, setChoices] = useState(() =>
    initialChoices(
      shown.map((f) => f.name),
      mine,
      base,
    ),
  );

  const show = (field: ConflictField<V>, values: V) => {
    const value = values[field.name];
    if (field.format) return field.format(value, values);
    const text = readable(value, { yes: t('conflict.yes'), no: t('conflict.no') });
    return text === null ? (
      <Text c="dimmed" span>
        {t('conflict.none')}
      </Text>
    ) : (
      <Text span style={{ whiteSpace: 'pre-line' }}>
        {text}
      </Text>
    );
  };
  return (
    <Modal
      opened
      onClose={onCancel ?? (() => {})}
      withCloseButton={onCancel !== undefined}
      closeButtonProps={{ 'aria-label': t('close') }}
      closeOnEscape={onCancel !== undefined}
      closeOnClickOutside={false}
      title={t('conflict.title')}
      size="xl"
      centered
    >
      <Stack gap="md">
        <Text size="sm">{t('conflict.intro')}</Text>
        {shown.length === 0 ? (
          <Text size="sm">{t('conflict.noDifference')}</Text>
        ) : (
          <Table withTableBorder verticalSpacing="sm" data-testid="conflict-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('conflict.field')}</Table.Th>
                <Table.Th scope="col">{t('conflict.yours')}</Table.Th>
                <Table.Th scope="col">{t('conflict.theirs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((field) => {
                const choose = (choice: Choice) => setChoices((c) => ({ ...c, [field.name]: choice }));
                return (
                  <Table.Tr key={field.name} data-field={field.name}>
                    <Table.Th scope="row" style={{ verticalAlign: 'top' }}>
                      {field.label}
                    </Table.Th>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Stack gap={6}>
                        {show(field, mine)}
                        <Radio
                          name={`conflict-${field.name}`}
                          label={t('conflict.keepYours')}
                          aria-label={`${field.label}: ${t('conflict.keepYours')}`}
                          checked={choices[field.name] === 'mine'}
                          onChange={() => choose('mine')}
                        />
                      </Stack>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Stack gap={6}>
                        {show(field, theirs)}
                        <Radio
                          name={`conflict-${field.name}`}
                          label={t('conflict.takeTheirs')}
                          aria-label={`${field.label}: ${t('conflict.takeTheirs')}`}
                          checked={choices[field.name] === 'theirs'}
                          onChange={() => choose('theirs')}
                        />
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end" gap="xs">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('conflict.cancel')}
            </Button>
          )}
          <Button onClick={() => onResolve(mergeChoices(mine, theirs, choices, base))}>
            {t('conflict.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
