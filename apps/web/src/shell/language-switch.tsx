import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage, LANGUAGES } from '../i18n/index.ts';

/** English / Русский; the choice is remembered (localStorage) and sets `<html lang>`. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(value) => {
        if (isLanguage(value)) void changeLanguage(value);
      }}
      data={LANGUAGES.map((lng) => ({
        value: lng,
        // Each language names itself, so a user who cannot read the current one still finds theirs.
        label: <span lang={lng}>{t(`language.${lng}`)}</span>,
      }))}
    />
  );
}
