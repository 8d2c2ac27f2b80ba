import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { ORGANIZATION_ROLES } from '@srt/shared/codes';
import { useMemo } from 'react';
import { Controller, useFieldArray, useFormContext } from 'react-hook-form';
import { tableOptions } from '../../../forms/code-options.ts';
import { OrganizationPicker } from '../../../forms/pickers/organization-picker.tsx';
import { useErrorMessage } from '../../../forms/use-error-message.ts';
import { useLazyTranslation } from '../../../i18n/lazy.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import type { ProjectFormValues } from './values.ts';

/** The organisations taking part (picked, or created on the spot) and the role each plays (IATI roles). */
export function ParticipantsField() {
  const { t } = useLazyTranslation('project-form');
  const errorMessage = useErrorMessage();
  const language = useLanguage();
  const { control, formState } = useFormContext<ProjectFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'participants' });
  const roles = useMemo(() => tableOptions(ORGANIZATION_ROLES, language), [language]);
  return (
    <Stack gap="sm" data-testid="participants-field">
      {fields.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('participants.none')}
        </Text>
      )}
      {fields.map((field, index) => (
        <Group key={field.id} align="flex-start" gap="xs" wrap="wrap" data-testid="participant-row">
          {/* Narrow screens: the organisation on its own line, the role (and ×) below it at full width. */}
          <div style={{ flex: '1 1 240px', minWidth: 0 }}>
            <Controller
              control={control}
              name={`participants.${index}.organizationId`}
              render={({ field: f, fieldState }) => (
                <OrganizationPicker
                  label={t('participants.organization', { n: index + 1 })}
                  value={f.value || null}
                  onChange={(id) => f.onChange(id ?? '')}
                  error={errorMessage(fieldState.error)}
                  required
                />
              )}
            />
          </div>
          <Controller
            control={control}
            name={`participants.${index}.role`}
            render={({ field: f, fieldState }) => (
              <Select
                label={t('participants.role', { n: index + 1 })}
                data={roles}
                required
                value={f.value == null ? null : String(f.value)}
                onChange={(v) => f.onChange(v === null ? null : Number(v))}
                ref={f.ref}
                error={errorMessage(fieldState.error)}
                w={{ base: 'calc(100% - 44px)', sm: 200 }}
                allowDeselect={false}
              />
            )}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={28}
            onClick={() => remove(index)}
            aria-label={t('participants.remove', { n: index + 1 })}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      {errorMessage(formState.errors.participants) && (
        <Text size="sm" c="red.9" role="alert">
          {errorMessage(formState.errors.participants)}
        </Text>
      )}
      <Group>
        <Button variant="light" size="xs" onClick={() => append({ organizationId: '', role: 4 })}>
          {t('participants.add')}
        </Button>
      </Group>
    </Stack>
  );
}
