import { Box, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES } from '../i18n/index.ts';

/** English / Русский; the choice is remembered (localStorage) and sets `<html lang>`. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Group gap={4} role="group" aria-label={t('language.label')} wrap="nowrap">
      {LANGUAGES.map((lng) => {
        const current = i18n.language === lng;
        return (
          <Button
            key={lng}
            size="compact-sm"
            variant={current ? 'white' : 'subtle'}
            color={current ? 'dark' : 'gray.0'}
            aria-pressed={current}
            // Each language names itself, so a user who cannot read the current one still finds theirs.
            lang={lng}
            onClick={() => void changeLanguage(lng)}
            // On phones the buttons show the code (EN, RU) so the title keeps its room; the name stays.
            aria-label={t(`language.${lng}`)}
          >
            <Box component="span" visibleFrom="sm">
              {t(`language.${lng}`)}
            </Box>
            <Box component="span" hiddenFrom="sm" aria-hidden>
              {lng.toUpperCase()}
            </Box>
          </Button>
        );
      })}
    </Group>
  );
}
