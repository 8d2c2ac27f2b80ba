import '@mantine/core/styles/Blockquote.css';
import { Anchor, Badge, Blockquote, Group, Stack, Text } from '@mantine/core';
import { label, SOURCE_KINDS } from '@srt/shared/codes';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format.ts';
import type { Language } from '../i18n/index.ts';
import { isWebUrl, languageName } from './language-name.ts';

export type SourceItem = {
  id: string;
  url: string | null;
  title: string;
  publisher: string | null;
  publishedDate: string | null;
  language: string | null;
  kind: string;
  quote: string | null;
};

/**
 * The sources a record cites: title (a link when it has a web address, opened in a new tab without
 * handing it this page), publisher, date, language and kind, and the quote the record rests on.
 */
export function SourceList({ sources, language }: { sources: readonly SourceItem[]; language: Language }) {
  const { t } = useTranslation('project');
  if (sources.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('sources.none')}
      </Text>
    );
  }
  return (
    <Stack component="ol" gap="sm" pl={0} m={0} style={{ listStyle: 'none' }} data-testid="source-list">
      {sources.map((s) => (
        <li key={s.id} data-testid="source">
          <Stack gap={2}>
            {isWebUrl(s.url) ? (
              <Anchor href={s.url} target="_blank" rel="noopener noreferrer" fw={500} size="sm">
                {s.title}
              </Anchor>
            ) : (
              <Text fw={500} size="sm">
                {s.title}
              </Text>
            )}
            <Group gap="xs" wrap="wrap">
              <Badge size="xs" variant="light" color="gray">
                {label(SOURCE_KINDS, s.kind, language)}
              </Badge>
              <Text size="xs" c="dimmed">
                {[
                  s.publisher,
                  s.publishedDate ? formatDate(s.publishedDate, language) : t('sources.undated'),
                  s.language
                    ? t('sources.inLanguage', { language: languageName(s.language, language) })
                    : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Group>
            {s.quote && (
              <Blockquote
                p="xs"
                mt={4}
                fz="sm"
                lang={s.language ?? undefined}
                cite={isWebUrl(s.url) ? s.url : undefined}
              >
                {s.quote}
              </Blockquote>
            )}
          </Stack>
        </li>
      ))}
    </Stack>
  );
}
