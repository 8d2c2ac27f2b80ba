import { Stack, Text, Title } from '@mantine/core';
import { countryName, FOCUS_COUNTRIES } from '@srt/shared/codes';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../../components/anchor-link.tsx';
import { useLanguage } from '../../../i18n/use-language.ts';

/** Links to the four briefs, keeping the URL filter. */
function BriefLinks() {
  const { t } = useTranslation('brief');
  const language = useLanguage();
  return (
    <Stack
      gap={6}
      component="ul"
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
      data-testid="brief-links"
    >
      {FOCUS_COUNTRIES.map((c) => (
        <li key={c}>
          <AnchorLink
            c="blue.8"
            to="/countries/$iso"
            params={{ iso: c }}
            search={true}
            aria-label={t('index.open', { country: countryName(c, language) })}
          >
            {countryName(c, language)}
          </AnchorLink>
        </li>
      ))}
    </Stack>
  );
}

/** `/countries`: the four briefs. */
export function BriefIndex() {
  const { t } = useTranslation('brief');
  return (
    <Stack gap="sm" align="flex-start">
      <Title order={2}>{t('index.title')}</Title>
      <Text c="gray.7" maw={720}>
        {t('index.intro')}
      </Text>
      <BriefLinks />
    </Stack>
  );
}

/** `/countries/$iso` for a country without a brief. */
export function BriefNotFound({ iso }: { iso: string }) {
  const { t } = useTranslation('brief');
  return (
    <Stack gap="sm" align="flex-start" data-testid="brief-not-found">
      <Title order={2}>{t('notFound.title', { iso })}</Title>
      <Text>{t('notFound.text')}</Text>
      <BriefLinks />
    </Stack>
  );
}
