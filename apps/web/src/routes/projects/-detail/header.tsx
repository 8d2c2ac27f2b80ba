import '@mantine/core/styles/Spoiler.css';
import { Anchor, Badge, Group, Spoiler, Stack, Text, Title } from '@mantine/core';
import { ACTIVITY_STATUS, ATTRIBUTION_BASES, INITIATIVES, label } from '@srt/shared/codes';
import { useTranslation } from 'react-i18next';
import { isWebUrl, languageName } from '../../../components/language-name.ts';
import { formatDate } from '../../../format.ts';
import type { Language } from '../../../i18n/index.ts';
import type { ProjectDetail } from './types.ts';

type Props = { project: ProjectDetail; language: Language };

/** Title, original title with its language, status, identifiers, dates and description. */
export function ProjectHeader({ project: p, language }: Props) {
  const { t } = useTranslation('project');
  const original = p.titleOriginal && p.titleOriginal !== p.title ? p.titleOriginal : null;
  const dates = [
    ['plannedStart', p.plannedStart],
    ['actualStart', p.actualStart],
    ['plannedEnd', p.plannedEnd],
    ['actualEnd', p.actualEnd],
  ] as const;
  return (
    <Stack gap="xs" data-testid="project-header">
      <Title order={2} data-testid="project-title">
        {p.title}
      </Title>
      {original && (
        <Text size="md" data-testid="original-title">
          <Text span size="xs" c="dimmed" mr={6}>
            {t('header.originalTitle', {
              language: p.titleLanguage
                ? languageName(p.titleLanguage, language)
                : t('header.languageUnknown'),
            })}
          </Text>
          <span lang={p.titleLanguage ?? undefined}>{original}</span>
        </Text>
      )}
      <Group gap="xs">
        <Badge variant="light" color={p.status === null ? 'gray' : 'teal'} data-testid="status">
          {p.status === null ? t('header.statusUnknown') : label(ACTIVITY_STATUS, p.status, language)}
        </Badge>
        {p.iatiIdentifier && (
          <Text size="xs" c="dimmed">
            {t('header.iatiIdentifier', { id: p.iatiIdentifier })}
          </Text>
        )}
      </Group>
      <Group gap="lg">
        {dates.map(([key, value]) =>
          value ? (
            <Text key={key} size="sm">
              <Text span c="dimmed" size="sm">
                {t(`header.${key}`)}:{' '}
              </Text>
              {formatDate(value, language)}
            </Text>
          ) : null,
        )}
        {dates.every(([, value]) => !value) && (
          <Text size="sm" c="dimmed">
            {t('header.noDates')}
          </Text>
        )}
      </Group>
      {p.description && (
        // Long descriptions (AidData's run to pages) fold; the whole text stays in the page.
        <Spoiler maxHeight={120} showLabel={t('header.showMore')} hideLabel={t('header.showLess')} maw={900}>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }} data-testid="description">
            {p.description}
          </Text>
        </Spoiler>
      )}
    </Stack>
  );
}

/** The initiatives the project belongs to, each with its basis (official label or analyst's assessment), note and source. */
export function Initiatives({ project: p, language }: Props) {
  const { t } = useTranslation('project');
  if (p.initiatives.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('initiatives.none')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="initiatives">
      {p.initiatives.map((i) => (
        <Stack
          key={i.initiative}
          gap={2}
          data-testid="initiative"
          data-initiative={i.initiative}
          data-basis={i.basis}
        >
          <Group gap="xs">
            <Badge color={i.initiative === 'bri' ? 'red' : 'blue'} variant="filled">
              {label(INITIATIVES, i.initiative, language)}
            </Badge>
            <Badge
              color={i.basis === 'official' ? 'green' : 'orange'}
              variant={i.basis === 'official' ? 'light' : 'outline'}
            >
              {label(ATTRIBUTION_BASES, i.basis, language)}
            </Badge>
          </Group>
          {i.basis !== 'official' && i.sourceTitle ? (
            <>
              {/* An assessment that cites a source: the source supports the analyst, it does not label it. */}
              {i.note && <Text size="sm">{i.note}</Text>}
              <Text size="xs" data-testid="initiative-assessed-citing">
                {t('initiatives.assessedCiting')}{' '}
                {isWebUrl(i.sourceUrl) ? (
                  <Anchor href={i.sourceUrl} target="_blank" rel="noopener noreferrer" size="xs">
                    {i.sourceTitle}
                  </Anchor>
                ) : (
                  i.sourceTitle
                )}
              </Text>
            </>
          ) : (
            <>
              <Text size="xs" c="dimmed">
                {t(`initiatives.basisHint.${i.basis === 'official' ? 'official' : 'assessed'}`)}
              </Text>
              {i.note && <Text size="sm">{i.note}</Text>}
              <Text size="xs">
                {t('initiatives.source')}:{' '}
                {i.sourceTitle ? (
                  isWebUrl(i.sourceUrl) ? (
                    <Anchor href={i.sourceUrl} target="_blank" rel="noopener noreferrer" size="xs">
                      {i.sourceTitle}
                    </Anchor>
                  ) : (
                    i.sourceTitle
                  )
                ) : (
                  <Text span size="xs" c="dimmed">
                    {t('initiatives.noSource')}
                  </Text>
                )}
              </Text>
            </>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
