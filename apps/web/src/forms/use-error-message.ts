import { useCallback } from 'react';
import { useLazyTranslation } from '../i18n/lazy.ts';
import { translateError } from './error-text.ts';

type MaybeError = { message?: string; root?: { message?: string } } | string | undefined | null;

/** The message of a field error, or of a list's own error (react-hook-form keeps it on `root`). */
export function messageOf(error: MaybeError): string | undefined {
  if (!error) return undefined;
  if (typeof error === 'string') return error;
  return error.root?.message ?? error.message;
}

/**
 * `(error) => text` in the user's language, for a Mantine input's `error` prop:
 * `<TextInput error={errorMessage(errors.title)} />`, `errorMessage(errors.countries)` for a list.
 */
export function useErrorMessage(): (error: MaybeError) => string | undefined {
  const { t } = useLazyTranslation('forms');
  return useCallback(
    (error: MaybeError) => {
      const message = messageOf(error);
      return message === undefined || message === '' ? undefined : translateError(message, t);
    },
    [t],
  );
}
